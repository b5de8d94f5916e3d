import "server-only";
import { errorSummary } from "@/server/error-summary";
import { pollPrometheusMetrics } from "@/server/services/metrics/poll-prometheus-metrics";
import { pruneMetricData } from "@/server/services/metrics/prune-metric-data";

const PRUNE_EVERY_MS = 5 * 60_000;

const globalForScheduler = globalThis as unknown as { statuspageMetricsScheduler?: NodeJS.Timeout };

/**
 * Polls due Prometheus metrics every `intervalMs` (each metric keeps its own interval; the tick only bounds how late a
 * poll starts) and prunes old metric data every few minutes. A failed run is retried on the next tick.
 */
export function startMetricsScheduler(intervalMs: number) {
  if (globalForScheduler.statuspageMetricsScheduler) return;
  let running = false;
  let lastPrunedAt = 0;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await pollPrometheusMetrics();
    } catch (error) {
      console.error(`Polling Prometheus metrics failed: ${errorSummary(error)}`);
    }
    try {
      if (Date.now() - lastPrunedAt >= PRUNE_EVERY_MS) {
        lastPrunedAt = Date.now();
        await pruneMetricData();
      }
    } catch (error) {
      console.error(`Pruning old metric data failed: ${errorSummary(error)}`);
    } finally {
      running = false;
    }
  };
  globalForScheduler.statuspageMetricsScheduler = setInterval(tick, intervalMs);
  globalForScheduler.statuspageMetricsScheduler.unref?.();
  void tick();
}
