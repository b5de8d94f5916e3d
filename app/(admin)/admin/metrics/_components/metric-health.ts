import { formatUtcDateTime } from "@/lib/format";
import type { AdminMetricRow } from "@/server/queries/admin-metrics";

/**
 * A Prometheus metric's polling health in words: its last error while that is newer than its last good fetch,
 * else how often it is polled and when it last was.
 */
export function describePolling(metric: AdminMetricRow): { failing: boolean; text: string } {
  const failing =
    metric.lastError !== null &&
    (metric.lastFetchedAt === null || (metric.lastErrorAt !== null && metric.lastErrorAt >= metric.lastFetchedAt));
  if (failing)
    return {
      failing,
      text: `Last poll failed${metric.lastErrorAt ? ` at ${formatUtcDateTime(metric.lastErrorAt)}` : ""}: ${metric.lastError}`,
    };
  return {
    failing,
    text: `Polling every ${metric.intervalSeconds} s, ${metric.lastFetchedAt ? `last fetched ${formatUtcDateTime(metric.lastFetchedAt)}` : "not fetched yet"}`,
  };
}
