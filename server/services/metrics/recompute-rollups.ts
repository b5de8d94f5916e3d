// The one definition of a metric's rollups, shared by the recording service and the demo seed. The seed runs as
// plain Node (prisma/seed-demo.ts), so this file has relative imports and no "server-only" marker.
import type { Prisma } from "../../db/generated/client";
import { METRIC_RESOLUTIONS, RESOLUTION_MS } from "../../../lib/metrics";

/** A point's metric and time (Unix seconds): all a recomputation needs to find the buckets it falls in. */
export type RollupPoint = { metricId: string; timestamp: number };

/** Recomputes each (metric, resolution, bucket) the points fall in from every raw point stored in it. */
export async function recomputeRollups(db: Prisma.TransactionClient, points: readonly RollupPoint[]): Promise<void> {
  for (const resolution of METRIC_RESOLUTIONS) {
    const widthSeconds = RESOLUTION_MS[resolution] / 1000;
    const touched = new Map<string, { metricId: string; bucket: number }>();
    for (const point of points) {
      const bucket = Math.floor(point.timestamp / widthSeconds) * widthSeconds;
      touched.set(`${point.metricId} ${bucket}`, { metricId: point.metricId, bucket });
    }
    const buckets = [...touched.values()];
    await db.$executeRaw`
      INSERT INTO metric_rollups (metric_id, resolution, bucket, count, sum, min, max, last)
      SELECT t.metric_id, ${resolution}::"MetricResolution", to_timestamp(t.bucket), count(*), sum(p.value),
             min(p.value), max(p.value), (array_agg(p.value ORDER BY p.at DESC))[1]
      FROM unnest(${buckets.map((b) => b.metricId)}::text[], ${buckets.map((b) => b.bucket)}::float8[]) AS t(metric_id, bucket)
      JOIN metric_points p ON p.metric_id = t.metric_id
        AND p.at >= to_timestamp(t.bucket) AND p.at < to_timestamp(t.bucket + ${widthSeconds}::float8)
      GROUP BY t.metric_id, t.bucket
      ON CONFLICT (metric_id, resolution, bucket) DO UPDATE
        SET count = EXCLUDED.count, sum = EXCLUDED.sum, min = EXCLUDED.min, max = EXCLUDED.max, last = EXCLUDED.last`;
  }
}
