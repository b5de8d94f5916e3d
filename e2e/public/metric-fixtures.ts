import { SYSTEM_ACTOR } from "@/server/services/context";
import { createMetricsProvider } from "@/server/services/metrics/manage-providers";
import { createMetric } from "@/server/services/metrics/manage-metrics";
import { recordMetricPoints } from "@/server/services/metrics/record-metric-points";

// Metrics are written through the services the API and console use; each commit tells the running app what changed.
const ctx = { actor: SYSTEM_ACTOR };

export async function addPushedMetric(input: {
  name: string;
  suffix: string;
  componentId?: string;
  tooltipDescription?: string;
  defaultRange?: "day" | "week" | "month";
}) {
  const { provider } = await createMetricsProvider({ ctx, input: { type: "self" } });
  const { metric } = await createMetric({ ctx, input: { providerId: provider.id, ...input } });
  return metric;
}

/** Points every `stepSeconds` over the last `hours`, ending now, valued by `valueAt(hoursAgo)`; null leaves a gap. */
export async function recordRecentPoints(
  metricId: string,
  { hours, stepSeconds, valueAt }: { hours: number; stepSeconds: number; valueAt: (hoursAgo: number) => number | null },
) {
  const now = Math.floor(Date.now() / 1000);
  const points = [];
  for (let at = now - hours * 3_600; at <= now; at += stepSeconds) {
    const value = valueAt((now - at) / 3_600);
    if (value !== null) points.push({ metricId, timestamp: at, value });
  }
  for (let start = 0; start < points.length; start += 3_000) {
    await recordMetricPoints({ ctx, input: { points: points.slice(start, start + 3_000) } });
  }
}
