"use server";

import { refresh } from "next/cache";
import { requireActor } from "@/server/auth/session";
import { toAppError } from "@/server/errors";
import { formValues, perform } from "@/app/(admin)/admin/_lib/perform";
import { text } from "@/app/(admin)/admin/_lib/form-input";
import type { ActionState } from "@/app/(admin)/admin/_lib/action-state";
import {
  createIntegration,
  revokeIntegration,
  updateIntegration,
} from "@/server/services/integrations/manage-integrations";
import { createAlertRule, deleteAlertRule } from "@/server/services/integrations/manage-alert-rules";

export type CreateIntegrationState =
  (NonNullable<ActionState> & { token?: string; integrationId?: string; integrationName?: string }) | null;

/** Creates an integration and hands its token back this once; it is never shown again. */
export async function createIntegrationAction(
  _state: CreateIntegrationState,
  formData: FormData,
): Promise<CreateIntegrationState> {
  try {
    const actor = await requireActor("owner");
    const input = {
      name: text(formData, "name"),
      source: text(formData, "source"),
      fireAfterSeconds: text(formData, "fireAfterSeconds"),
      recoverAfterSeconds: text(formData, "recoverAfterSeconds"),
    };
    const { integration, token } = await createIntegration({ ctx: { actor }, input });
    refresh();
    return { ok: true, token, integrationId: integration.id, integrationName: integration.name };
  } catch (error) {
    const appError = toAppError(error);
    return {
      ok: false,
      formError:
        appError.fieldErrors && appError.code === "VALIDATION" ? "Some fields need attention." : appError.message,
      fieldErrors: appError.fieldErrors,
      values: formValues(formData),
    };
  }
}

export async function updateIntegrationAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  const input = {
    integrationId: text(formData, "integrationId"),
    name: text(formData, "name"),
    fireAfterSeconds: text(formData, "fireAfterSeconds"),
    recoverAfterSeconds: text(formData, "recoverAfterSeconds"),
  };
  return perform("owner", formData, (actor) => updateIntegration({ ctx: { actor }, input }), "Integration saved.");
}

export async function revokeIntegrationAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  return perform(
    "owner",
    formData,
    (actor) => revokeIntegration({ ctx: { actor }, input: { integrationId: text(formData, "integrationId") } }),
    "Integration revoked; its URL now answers 401.",
  );
}

export async function createAlertRuleAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  const input = {
    integrationId: text(formData, "integrationId"),
    matchers: text(formData, "matchers"),
    componentId: text(formData, "componentId"),
    firingStatus: text(formData, "firingStatus"),
    overrideIncidents: text(formData, "overrideIncidents"),
    incidentMode: text(formData, "incidentMode"),
    incidentTemplateId: text(formData, "incidentTemplateId"),
  };
  return perform("owner", formData, (actor) => createAlertRule({ ctx: { actor }, input }), "Rule added.");
}

export async function deleteAlertRuleAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  return perform(
    "owner",
    formData,
    (actor) => deleteAlertRule({ ctx: { actor }, input: { ruleId: text(formData, "ruleId") } }),
    "Rule deleted.",
  );
}
