import "server-only";
import { getDb, type DbOrTx } from "@/server/db/client";
import { groupIntoBuckets, METRIC_RANGE_SPECS, type MetricRange, type SeriesBucket } from "@/lib/metrics";

/**
 * One metric's drawn buckets over a range ending at `now`, read from the range's rollups (never the raw points):
 * the day from minute rollups, the week and month from hourly ones.
 */
export async function readMetricSeries(
  metricId: string,
  range: MetricRange,
  now: Date = new Date(),
  db: DbOrTx = getDb(),
): Promise<{ from: number; to: number; buckets: SeriesBucket[] }> {
  const spec = METRIC_RANGE_SPECS[range];
  const to = now.getTime();
  const from = Math.floor((to - spec.spanMs) / spec.bucketMs) * spec.bucketMs;
  const rows = await db.metricRollup.findMany({
    where: { metricId, resolution: spec.resolution, bucket: { gte: new Date(from), lte: now } },
    orderBy: { bucket: "asc" },
    select: { bucket: true, count: true, sum: true, min: true, max: true, last: true },
  });
  return { from, to, buckets: groupIntoBuckets(rows, spec.bucketMs) };
}
