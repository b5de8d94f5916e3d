import "server-only";
import { getDb, type DbOrTx } from "@/server/db/client";
import { readConfig } from "@/server/config";

const DAY_MS = 86_400_000;
/** The day chart reads the last 24 hours of minute rollups; two days leave room for clocks and late points. */
export const MINUTE_ROLLUP_RETENTION_DAYS = 2;
/** Week and month charts read hourly rollups; a year and a bit keeps a year-on-year look possible. Day rollups stay. */
export const HOUR_ROLLUP_RETENTION_DAYS = 400;
const DELETE_BATCH = 5_000;

export type PrunedCounts = { points: number; minuteRollups: number; hourRollups: number };

/**
 * Deletes raw points older than METRICS_RAW_RETENTION_DAYS and minute and hourly rollups past their use, metric by
 * metric in batches along the primary keys, so no statement holds many locks or runs long. No chart reads what goes.
 */
export async function pruneMetricData(
  options: { now?: Date; db?: DbOrTx; rawRetentionDays?: number; metricIds?: string[] } = {},
): Promise<PrunedCounts> {
  const now = (options.now ?? new Date()).getTime();
  const db = options.db ?? getDb();
  const rawBefore = new Date(now - (options.rawRetentionDays ?? readConfig().METRICS_RAW_RETENTION_DAYS) * DAY_MS);
  const minuteBefore = new Date(now - MINUTE_ROLLUP_RETENTION_DAYS * DAY_MS);
  const hourBefore = new Date(now - HOUR_ROLLUP_RETENTION_DAYS * DAY_MS);
  const counts: PrunedCounts = { points: 0, minuteRollups: 0, hourRollups: 0 };
  const metrics = await db.metric.findMany({
    where: options.metricIds ? { id: { in: options.metricIds } } : {},
    select: { id: true },
    orderBy: { id: "asc" },
  });
  for (const { id } of metrics) {
    counts.points += await inBatches(
      () => db.$executeRaw`
        DELETE FROM metric_points WHERE metric_id = ${id} AND at IN (
          SELECT at FROM metric_points WHERE metric_id = ${id} AND at < ${rawBefore} ORDER BY at LIMIT ${DELETE_BATCH})`,
    );
    counts.minuteRollups += await inBatches(() => deleteRollups(db, id, "minute", minuteBefore));
    counts.hourRollups += await inBatches(() => deleteRollups(db, id, "hour", hourBefore));
  }
  return counts;
}

function deleteRollups(db: DbOrTx, metricId: string, resolution: "minute" | "hour", before: Date) {
  return db.$executeRaw`
    DELETE FROM metric_rollups WHERE metric_id = ${metricId} AND resolution = ${resolution}::"MetricResolution"
      AND bucket IN (
        SELECT bucket FROM metric_rollups
        WHERE metric_id = ${metricId} AND resolution = ${resolution}::"MetricResolution" AND bucket < ${before}
        ORDER BY bucket LIMIT ${DELETE_BATCH})`;
}

async function inBatches(deleteBatch: () => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await deleteBatch();
    total += deleted;
    if (deleted < DELETE_BATCH) return total;
  }
}
