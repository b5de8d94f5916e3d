"use server";

import { redirect } from "next/navigation";
import { perform } from "@/app/(admin)/admin/_lib/perform";
import { text } from "@/app/(admin)/admin/_lib/form-input";
import type { ActionState } from "@/app/(admin)/admin/_lib/action-state";
import { formInput } from "@/server/services/validation";
import {
  createMetricsProvider,
  createMetricsProviderSchema,
  deleteMetricsProvider,
  updateMetricsProvider,
  updateMetricsProviderSchema,
} from "@/server/services/metrics/manage-providers";
import {
  createMetric,
  createMetricSchema,
  deleteMetric,
  updateMetric,
  updateMetricSchema,
} from "@/server/services/metrics/manage-metrics";
import { resetMetricData } from "@/server/services/metrics/record-metric-points";

const checked = (formData: FormData, name: string) => (formData.get(name) === "on" ? "true" : "false");

/** The metric form's fields as the services take them; a Prometheus-only field is sent only by that form. */
function metricFields(formData: FormData) {
  const interval = text(formData, "intervalSeconds");
  return {
    name: text(formData, "name"),
    metricIdentifier: text(formData, "metricIdentifier"),
    transform: text(formData, "transform"),
    suffix: text(formData, "suffix"),
    decimalPlaces: text(formData, "decimalPlaces"),
    yAxisMin: text(formData, "yAxisMin"),
    yAxisMax: text(formData, "yAxisMax"),
    yAxisHidden: checked(formData, "yAxisHidden"),
    display: checked(formData, "display"),
    tooltipDescription: text(formData, "tooltipDescription") ?? "",
    defaultRange: text(formData, "defaultRange"),
    componentId: text(formData, "componentId") ?? "",
    ...(interval === undefined ? {} : { intervalSeconds: interval }),
  };
}

export async function createProviderAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  const type = text(formData, "type");
  return perform(
    "owner",
    formData,
    (actor) =>
      createMetricsProvider({
        ctx: { actor },
        input: formInput(createMetricsProviderSchema, {
          type,
          baseUrl: text(formData, "baseUrl"),
          authorization: text(formData, "authorization") || undefined,
        }),
      }),
    type === "prometheus" ? "Prometheus linked." : "Self provider linked.",
  );
}

export async function updateProviderAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  const authorization = text(formData, "authorization");
  const clear = formData.get("clearAuthorization") === "on";
  return perform(
    "owner",
    formData,
    (actor) =>
      updateMetricsProvider({
        ctx: { actor },
        input: formInput(updateMetricsProviderSchema, {
          providerId: text(formData, "providerId"),
          baseUrl: text(formData, "baseUrl"),
          // A blank field keeps the stored header: the form never shows it, so blank means "unchanged".
          authorization: clear ? "" : authorization ? authorization : undefined,
          disabled: checked(formData, "disabled"),
        }),
      }),
    "Provider saved.",
  );
}

export async function deleteProviderAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  return perform(
    "owner",
    formData,
    (actor) => deleteMetricsProvider({ ctx: { actor }, input: { providerId: text(formData, "providerId") ?? "" } }),
    "Provider removed with its metrics.",
  );
}

export async function createMetricAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  const state = await perform("responder", formData, (actor) =>
    createMetric({
      ctx: { actor },
      input: formInput(createMetricSchema, { ...metricFields(formData), providerId: text(formData, "providerId") }),
    }),
  );
  if (state?.ok) redirect("/admin/metrics");
  return state;
}

export async function updateMetricAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  return perform(
    "responder",
    formData,
    (actor) =>
      updateMetric({
        ctx: { actor },
        input: formInput(updateMetricSchema, {
          ...metricFields(formData),
          metricId: text(formData, "metricId"),
          version: text(formData, "version"),
        }),
      }),
    "Metric saved.",
  );
}

export async function deleteMetricAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  const state = await perform("responder", formData, (actor) =>
    deleteMetric({ ctx: { actor }, input: { metricId: text(formData, "metricId") ?? "" } }),
  );
  if (state?.ok) redirect("/admin/metrics");
  return state;
}

export async function resetMetricDataAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  return perform(
    "responder",
    formData,
    (actor) => resetMetricData({ ctx: { actor }, input: { metricId: text(formData, "metricId") ?? "" } }),
    "Metric data reset; the chart starts again from the next point.",
  );
}
