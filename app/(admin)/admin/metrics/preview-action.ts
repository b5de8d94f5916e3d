"use server";

import { requireActor } from "@/server/auth/session";
import { actionFailure } from "@/server/action-failure";
import { readMetricSeries } from "@/server/queries/metrics";
import { getAdminMetric, getMetricsProviderType } from "@/server/queries/admin-metrics";
import { previewPrometheusQuery } from "@/server/services/metrics/preview-prometheus-query";
import { text } from "@/app/(admin)/admin/_lib/form-input";
import { describeMetricChart, renderMetricChartSvg, type MetricChartInput } from "@/lib/metric-chart";
import {
  METRIC_LIMITS,
  METRIC_RANGE_SPECS,
  METRIC_RANGES,
  METRIC_TRANSFORMS,
  type MetricRange,
  type MetricTransform,
  type SeriesBucket,
} from "@/lib/metrics";
import { LIMITS } from "@/lib/status";

export type MetricPreview =
  { ok: true; svg: string; description: string; source: string } | { ok: false; message: string };

const oneOf = <T extends string>(values: readonly T[], value: string | undefined, fallback: T): T =>
  values.includes(value as T) ? (value as T) : fallback;

function finiteOrNull(value: string | undefined): number | null {
  if (value === undefined || value.trim() === "") return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}

/**
 * The display fields as typed, made drawable: a value the save would refuse (decimals out of range, an axis the
 * wrong way round) is drawn as if blank, and the save names the field.
 */
function displayFields(formData: FormData) {
  const decimals = Number(text(formData, "decimalPlaces"));
  let yAxisMin = finiteOrNull(text(formData, "yAxisMin"));
  let yAxisMax = finiteOrNull(text(formData, "yAxisMax"));
  if (yAxisMin !== null && yAxisMax !== null && yAxisMin >= yAxisMax) [yAxisMin, yAxisMax] = [null, null];
  return {
    name: (text(formData, "name") ?? "").trim().slice(0, LIMITS.nameMax) || "New metric",
    suffix: (text(formData, "suffix") ?? "").trim().slice(0, METRIC_LIMITS.suffixMax),
    decimalPlaces:
      Number.isInteger(decimals) && decimals >= 0 && decimals <= METRIC_LIMITS.decimalPlacesMax ? decimals : 0,
    transform: oneOf<MetricTransform>(METRIC_TRANSFORMS, text(formData, "transform"), "average"),
    range: oneOf<MetricRange>(METRIC_RANGES, text(formData, "defaultRange"), "day"),
    yAxisMin,
    yAxisMax,
    yAxisHidden: formData.get("yAxisHidden") === "on",
  };
}

/**
 * The chart a metric form would give. A Prometheus expression not saved yet is run against its Prometheus over the
 * range; otherwise the metric's stored data is drawn (none yet for a new Self metric).
 */
export async function previewMetricChartAction(formData: FormData): Promise<MetricPreview> {
  try {
    const actor = await requireActor("responder");
    const fields = displayFields(formData);
    const metricId = text(formData, "metricId");
    const providerId = text(formData, "providerId") ?? "";
    const query = (text(formData, "metricIdentifier") ?? "").trim();
    const [metric, providerType] = await Promise.all([
      metricId ? getAdminMetric({ ctx: { actor }, metricId }) : null,
      getMetricsProviderType({ ctx: { actor }, providerId }),
    ]);
    const now = new Date();
    let source: string;
    let series: { from: number; to: number; buckets: SeriesBucket[] };
    if (providerType === "prometheus" && query === "")
      return { ok: false, message: "Enter a PromQL expression to preview its chart." };
    if (providerType === "prometheus" && query !== metric?.metricIdentifier) {
      series = await previewPrometheusQuery({ ctx: { actor }, input: { providerId, query, range: fields.range }, now });
      source = "Queried from Prometheus just now; nothing is stored until you save.";
    } else if (metric) {
      series = await readMetricSeries(metric.id, fields.range, now);
      source = "Drawn from this metric's stored data.";
    } else {
      series = emptySeries(fields.range, now);
      source = "No data yet: points appear once they arrive.";
    }
    const input: MetricChartInput = { ...fields, ...series, markers: [] };
    return {
      ok: true,
      svg: renderMetricChartSvg(input),
      description: `Preview: ${describeMetricChart(input)}`,
      source,
    };
  } catch (error) {
    const failure = actionFailure(error);
    const reasons = Object.values(failure.fieldErrors ?? {}).flat();
    return { ok: false, message: reasons.length ? `Prometheus: ${reasons.join(" ")}` : failure.formError };
  }
}

function emptySeries(range: MetricRange, now: Date) {
  const spec = METRIC_RANGE_SPECS[range];
  const to = now.getTime();
  return { from: Math.floor((to - spec.spanMs) / spec.bucketMs) * spec.bucketMs, to, buckets: [] };
}
