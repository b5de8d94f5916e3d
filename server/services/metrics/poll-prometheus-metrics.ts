import "server-only";
import { getDb, Prisma, type DbOrTx } from "@/server/db/client";
import { SYSTEM_ACTOR, type Actor } from "@/server/services/context";
import { recordMetricPoints } from "@/server/services/metrics/record-metric-points";
import {
  PrometheusError,
  prometheusTarget,
  queryPrometheusRange,
  type PrometheusSample,
} from "@/server/metrics/prometheus-client";
import { readConfig } from "@/server/config";
import { AppError } from "@/server/errors";
import { errorSummary } from "@/server/error-summary";
import { METRIC_POINTS_PER_REQUEST } from "@/lib/metrics";

const POLLER_ACTOR: Actor = { ...SYSTEM_ACTOR, label: "prometheus" };
/** Metrics polled side by side; each batch is claimed with a lease long enough for its queries to time out. */
const BATCH = 5;
const MAX_BATCHES_PER_RUN = 40;
/** A first poll, or one after a long outage, reads at most this far back. */
export const FIRST_POLL_SECONDS = 24 * 3_600;
export const MAX_BACKOFF_SECONDS = 15 * 60;

type ClaimedMetric = {
  id: string;
  query: string;
  step: number;
  mostRecentDataAt: Date | null;
  failures: number;
  baseUrl: string | null;
  authorizationSealed: string | null;
};

export type PollOutcome =
  | { metricId: string; ok: true; points: number }
  | { metricId: string; ok: false; error: string; failures: number; nextPollAt: Date };

/**
 * Polls every due Prometheus metric: each is claimed (FOR UPDATE SKIP LOCKED, then a lease in next_poll_at), so
 * several app instances never poll one metric at once. Points go through recordMetricPoints; a failure keeps every
 * stored point, says why in lastError and backs off. `metricIds` limits the run to those metrics.
 */
export async function pollPrometheusMetrics(
  options: { now?: Date; db?: DbOrTx; metricIds?: string[] } = {},
): Promise<PollOutcome[]> {
  const now = options.now ?? new Date();
  const db = options.db ?? getDb();
  const outcomes: PollOutcome[] = [];
  for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
    const claimed = await claimDueMetrics(db, now, options.metricIds);
    if (claimed.length === 0) break;
    outcomes.push(...(await Promise.all(claimed.map((metric) => pollMetric(db, metric, now)))));
    if (claimed.length < BATCH) break;
  }
  return outcomes;
}

async function claimDueMetrics(db: DbOrTx, now: Date, metricIds: string[] | undefined): Promise<ClaimedMetric[]> {
  const leaseSeconds = (2 * readConfig().PROMETHEUS_TIMEOUT_MS) / 1000 + 60;
  const only = metricIds ? Prisma.sql`AND m.id = ANY(${metricIds}::text[])` : Prisma.empty;
  return db.$queryRaw<ClaimedMetric[]>(Prisma.sql`
    UPDATE metrics AS claimed
    SET next_poll_at = ${now}::timestamptz + make_interval(secs => ${leaseSeconds})
    FROM metrics_providers AS p
    WHERE p.id = claimed.provider_id AND claimed.id IN (
      SELECT m.id FROM metrics m JOIN metrics_providers mp ON mp.id = m.provider_id
      WHERE mp.type = 'prometheus' AND NOT mp.disabled
        AND (m.next_poll_at IS NULL OR m.next_poll_at <= ${now}) ${only}
      ORDER BY m.next_poll_at ASC NULLS FIRST
      LIMIT ${BATCH}
      FOR UPDATE OF m SKIP LOCKED
    )
    RETURNING claimed.id, claimed.metric_identifier AS query, claimed.interval_seconds AS step,
      claimed.most_recent_data_at AS "mostRecentDataAt", claimed.failures, p.base_url AS "baseUrl",
      p.authorization_sealed AS "authorizationSealed"`);
}

/**
 * The range to ask for, aligned to the step so every poll evaluates the same instants: from the newest stored point
 * (asked again, in case Prometheus had not yet ingested its last scrape) or a day back, to the last step before now.
 */
export function pollRange(
  now: Date,
  step: number,
  mostRecentDataAt: Date | null,
): { start: number; end: number; step: number } {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const end = Math.floor(nowSeconds / step) * step;
  const earliest = Math.ceil((nowSeconds - FIRST_POLL_SECONDS) / step) * step;
  const since = mostRecentDataAt ? Math.floor(mostRecentDataAt.getTime() / 1000 / step) * step : earliest;
  return { start: Math.max(since, earliest), end, step };
}

/** Retry after one interval, then twice as long after each failure in a row, up to 15 minutes (or the interval). */
export function backoffSeconds(step: number, failures: number): number {
  return Math.min(step * 2 ** Math.max(0, failures - 1), Math.max(step, MAX_BACKOFF_SECONDS));
}

async function pollMetric(db: DbOrTx, metric: ClaimedMetric, now: Date): Promise<PollOutcome> {
  const range = pollRange(now, metric.step, metric.mostRecentDataAt);
  try {
    if (!metric.query.trim())
      throw new PrometheusError("The metric has no PromQL expression; enter the one that gives its value.", "query");
    const samples =
      range.start <= range.end
        ? await queryPrometheusRange(prometheusTarget(metric), { query: metric.query, ...range })
        : [];
    await storeSamples(db, metric.id, samples, now);
    // The expression may have changed while it was polled; then its new one is polled at once, not after a step.
    await db.$executeRaw`
      UPDATE metrics SET last_fetched_at = ${now}, last_error = NULL, last_error_at = NULL, failures = 0,
        next_poll_at = ${new Date((range.end + metric.step) * 1000)}
      WHERE id = ${metric.id} AND metric_identifier = ${metric.query}`;
    return { metricId: metric.id, ok: true, points: samples.length };
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") return { metricId: metric.id, ok: true, points: 0 };
    const failures = metric.failures + 1;
    const nextPollAt = new Date(now.getTime() + backoffSeconds(metric.step, failures) * 1000);
    const message = failureMessage(error, metric.id);
    await db.$executeRaw`
      UPDATE metrics SET last_error = ${message}, last_error_at = ${now}, failures = ${failures},
        next_poll_at = ${nextPollAt}
      WHERE id = ${metric.id} AND metric_identifier = ${metric.query}`;
    return { metricId: metric.id, ok: false, error: message, failures, nextPollAt };
  }
}

async function storeSamples(db: DbOrTx, metricId: string, samples: PrometheusSample[], now: Date): Promise<void> {
  for (let i = 0; i < samples.length; i += METRIC_POINTS_PER_REQUEST) {
    const points = samples
      .slice(i, i + METRIC_POINTS_PER_REQUEST)
      .map((sample) => ({ metricId, timestamp: sample.timestamp, value: sample.value }));
    await recordMetricPoints({ ctx: { actor: POLLER_ACTOR, db }, input: { points }, source: "poll", now });
  }
}

function failureMessage(error: unknown, metricId: string): string {
  if (error instanceof PrometheusError) return error.message;
  console.error(`Polling metric ${metricId} from Prometheus failed: ${errorSummary(error)}`);
  return "The poll failed on this server while storing the points; its log says why. It is retried with backoff.";
}
