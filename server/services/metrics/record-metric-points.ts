import "server-only";
import { z } from "zod";
import type { Tx } from "@/server/db/client";
import { authorize, inTransaction, type ServiceContext } from "@/server/services/context";
import { writeAudit } from "@/server/services/audit";
import { id, parseInput } from "@/server/services/validation";
import { AppError, invalidFields, type FieldErrors } from "@/server/errors";
import { metricTags } from "@/server/services/metrics/metric-shared";
import { recomputeRollups } from "@/server/services/metrics/recompute-rollups";
import {
  castToSlot,
  METRIC_BACKFILL_DAYS,
  METRIC_FUTURE_TOLERANCE_SECONDS,
  METRIC_POINTS_PER_REQUEST,
} from "@/lib/metrics";

const pointSchema = z.object({
  metricId: id("Metric"),
  timestamp: z.coerce.number({ error: "Enter the time as Unix seconds." }).finite("Enter the time as Unix seconds."),
  value: z.coerce.number({ error: "Enter a number." }).finite("Enter a finite number."),
});

export const recordMetricPointsSchema = z.object({
  points: z
    .array(pointSchema)
    .min(1, "Send at least one point.")
    .max(
      METRIC_POINTS_PER_REQUEST,
      `Send at most ${METRIC_POINTS_PER_REQUEST.toLocaleString("en-US")} points at once.`,
    ),
});
export type RecordMetricPointsInput = z.input<typeof recordMetricPointsSchema>;

/** Who sends the points: a client of the API ("push", Self metrics only) or the Prometheus poller ("poll"). */
export type PointSource = "push" | "poll";

export type RecordedPoint = { metricId: string; timestamp: number; value: number };

/** Each point in Statuspage's window (28 days back, a few minutes ahead), or a field error naming it. */
function refuseOutOfRange(points: { timestamp: number }[], now: Date): void {
  const nowSeconds = now.getTime() / 1000;
  const oldest = nowSeconds - METRIC_BACKFILL_DAYS * 86_400;
  const latest = nowSeconds + METRIC_FUTURE_TOLERANCE_SECONDS;
  const errors: FieldErrors = {};
  points.forEach((point, index) => {
    if (point.timestamp < oldest)
      errors[`points.${index}.timestamp`] = [
        `${point.timestamp} is more than ${METRIC_BACKFILL_DAYS} days ago; points can be backfilled ${METRIC_BACKFILL_DAYS} days at most.`,
      ];
    else if (point.timestamp > latest)
      errors[`points.${index}.timestamp`] = [
        `${point.timestamp} is in the future; send points up to the current time.`,
      ];
  });
  if (Object.keys(errors).length > 0) throw invalidFields(errors);
}

/**
 * Stores points (each cast to its 30-second slot, a later one for a slot replacing the earlier) and recomputes, from
 * the raw points, every rollup bucket they fall in, so the charts' aggregates stay exact whatever the arrival order.
 * Writers to one metric are serialised by a lock held to commit, so each recomputation sees every committed point.
 */
export async function recordMetricPoints({
  ctx,
  input,
  source = "push",
  now = new Date(),
}: {
  ctx: ServiceContext;
  input: RecordMetricPointsInput;
  source?: PointSource;
  now?: Date;
}): Promise<{ points: RecordedPoint[]; tags: string[] }> {
  authorize(ctx.actor, "responder");
  const data = parseInput(recordMetricPointsSchema, input);
  refuseOutOfRange(data.points, now);
  // The last point for a slot wins, as Statuspage keeps it.
  const bySlot = new Map<string, RecordedPoint>();
  for (const point of data.points) {
    const timestamp = castToSlot(point.timestamp);
    bySlot.set(`${point.metricId} ${timestamp}`, { metricId: point.metricId, timestamp, value: point.value });
  }
  const points = [...bySlot.values()];
  const metricIds = [...new Set(points.map((p) => p.metricId))].sort();
  return inTransaction(ctx, async (tx) => {
    const metrics = await tx.metric.findMany({
      where: { id: { in: metricIds } },
      select: { id: true, provider: { select: { type: true } } },
    });
    const missing = metricIds.filter((metricId) => !metrics.some((m) => m.id === metricId));
    if (missing.length > 0) throw new AppError("NOT_FOUND", `No metric has the id ${missing.join(", ")}.`);
    if (source === "push") {
      const polled = metrics.filter((m) => m.provider.type !== "self").map((m) => m.id);
      if (polled.length > 0)
        throw new AppError(
          "VALIDATION",
          `Metric ${polled.join(", ")} is polled from Prometheus; only metrics of a Self provider take pushed data.`,
        );
    }
    for (const metricId of metricIds) await lockMetricData(tx, metricId);
    await upsertPoints(tx, points);
    await recomputeRollups(tx, points);
    for (const metricId of metricIds) {
      const latest = Math.max(...points.filter((p) => p.metricId === metricId).map((p) => p.timestamp));
      await tx.$executeRaw`
        UPDATE metrics SET most_recent_data_at = GREATEST(most_recent_data_at, ${new Date(latest * 1000)}),
          last_fetched_at = CASE WHEN ${source} = 'poll' THEN ${now} ELSE last_fetched_at END
        WHERE id = ${metricId}`;
    }
    return { points, tags: metricIds.flatMap(metricTags) };
  });
}

/** Serialises writers of one metric's data until commit (points, rollups and resets). */
export async function lockMetricData(tx: Tx, metricId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`metric-data:${metricId}`}, 0))`;
}

async function upsertPoints(tx: Tx, points: RecordedPoint[]): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO metric_points (metric_id, at, value)
    SELECT metric_id, to_timestamp(at), value
    FROM unnest(${points.map((p) => p.metricId)}::text[], ${points.map((p) => p.timestamp)}::float8[],
                ${points.map((p) => p.value)}::float8[]) AS t(metric_id, at, value)
    ON CONFLICT (metric_id, at) DO UPDATE SET value = EXCLUDED.value`;
}

/** Deletes every point of a metric (Statuspage's "reset data"); the metric itself stays. */
export async function resetMetricData({ ctx, input }: { ctx: ServiceContext; input: { metricId: string } }) {
  authorize(ctx.actor, "responder");
  const { metricId } = parseInput(z.object({ metricId: id("Metric") }), input);
  return inTransaction(ctx, async (tx) => {
    const metric = await tx.metric.findUnique({ where: { id: metricId }, select: { id: true, name: true } });
    if (!metric) throw new AppError("NOT_FOUND", "That metric no longer exists.");
    await lockMetricData(tx, metricId);
    const deleted = await tx.metricPoint.deleteMany({ where: { metricId } });
    await tx.metricRollup.deleteMany({ where: { metricId } });
    await tx.metric.update({ where: { id: metricId }, data: { mostRecentDataAt: null } });
    await writeAudit(tx, ctx.actor, {
      action: "metric.reset-data",
      entityType: "metric",
      entityId: metricId,
      before: { name: metric.name, points: deleted.count },
    });
    return { metric, tags: metricTags(metricId) };
  });
}
