import "server-only";
import { createHash } from "node:crypto";
import type { Prisma } from "@/server/db/generated/client";
import { getDb } from "@/server/db/client";
import { cached } from "@/server/cache/tagged-cache";
import { TAGS } from "@/server/cache/tags";
import { readMetricSeries } from "@/server/queries/metrics";
import { isValidId, UNFINISHED_MAINTENANCE_STATUSES, UNRESOLVED_INCIDENT_STATUSES } from "@/lib/status";
import { METRIC_RANGES, type MetricRange } from "@/lib/metrics";
import { chartWindowEnd, type MetricChartInput, type MetricChartMarker } from "@/lib/metric-chart";

const publicMetricSelect = {
  id: true,
  name: true,
  suffix: true,
  decimalPlaces: true,
  transform: true,
  yAxisMin: true,
  yAxisMax: true,
  yAxisHidden: true,
  tooltipDescription: true,
  defaultRange: true,
  componentId: true,
  mostRecentDataAt: true,
  createdAt: true,
  updatedAt: true,
} as const;

export type PublicMetric = Prisma.MetricGetPayload<{ select: typeof publicMetricSelect }> & {
  /** The newest point's value, or null before the first. */
  latest: number | null;
  /** Changes with the definition and with any point, a backfilled one too: what an open tab compares. */
  fingerprint: string;
};

const MAX_MARKERS = 200;

/** The metrics readers see (display on), in their configured order, with each one's latest value. */
export function listPublicMetrics(): Promise<PublicMetric[]> {
  return cached("metrics:public", [TAGS.metrics], async () => {
    const db = getDb();
    const metrics = await db.metric.findMany({
      where: { display: true },
      orderBy: [{ position: "asc" }, { createdAt: "asc" }],
      select: publicMetricSelect,
    });
    if (metrics.length === 0) return [];
    const ids = metrics.map((m) => m.id);
    const [latest, totals] = await Promise.all([
      db.$queryRaw<{ metricId: string; last: number }[]>`
        SELECT DISTINCT ON (metric_id) metric_id AS "metricId", last FROM metric_rollups
        WHERE resolution = 'minute' AND metric_id = ANY(${ids}::text[])
        ORDER BY metric_id, bucket DESC`,
      db.$queryRaw<{ metricId: string; count: number; sum: number }[]>`
        SELECT metric_id AS "metricId", sum(count)::float8 AS count, sum(sum)::float8 AS sum FROM metric_rollups
        WHERE resolution = 'day' AND metric_id = ANY(${ids}::text[])
        GROUP BY metric_id`,
    ]);
    const latestOf = new Map(latest.map((row) => [row.metricId, row.last]));
    const totalsOf = new Map(totals.map((row) => [row.metricId, `${row.count}:${row.sum}`]));
    return metrics.map((metric) => ({
      ...metric,
      latest: latestOf.get(metric.id) ?? null,
      fingerprint: `${metric.updatedAt.getTime()}:${metric.mostRecentDataAt?.getTime() ?? 0}:${totalsOf.get(metric.id) ?? ""}`,
    }));
  });
}

/** One metric readers may see, or null for an unknown or hidden one. */
export async function getPublicMetric(metricId: string): Promise<PublicMetric | null> {
  if (!isValidId(metricId)) return null;
  return (await listPublicMetrics()).find((metric) => metric.id === metricId) ?? null;
}

export function isMetricRange(value: string): value is MetricRange {
  return (METRIC_RANGES as readonly string[]).includes(value);
}

/** Incidents and maintenances that overlap [from, to], of one component or of the whole page, oldest first. */
async function listChartMarkers(componentId: string | null, from: Date, to: Date): Promise<MetricChartMarker[]> {
  const rows = await getDb().incident.findMany({
    where: {
      ...(componentId ? { components: { some: { componentId } } } : {}),
      OR: [
        {
          kind: "incident",
          startedAt: { lte: to },
          OR: [{ resolvedAt: { gte: from } }, { resolvedAt: null, status: { in: [...UNRESOLVED_INCIDENT_STATUSES] } }],
        },
        {
          kind: "maintenance",
          status: { not: "scheduled" },
          AND: [
            { OR: [{ scheduledFor: { lte: to } }, { scheduledFor: null, startedAt: { lte: to } }] },
            {
              OR: [
                { resolvedAt: { gte: from } },
                { resolvedAt: null, status: { in: [...UNFINISHED_MAINTENANCE_STATUSES] } },
              ],
            },
          ],
        },
      ],
    },
    orderBy: [{ startedAt: "asc" }, { id: "asc" }],
    take: MAX_MARKERS,
    select: { kind: true, name: true, impact: true, startedAt: true, resolvedAt: true, scheduledFor: true },
  });
  return rows.map((row) => ({
    kind: row.kind,
    name: row.name,
    impact: row.kind === "maintenance" ? "maintenance" : row.impact,
    // A maintenance is created ahead of its window: it starts when it was scheduled for.
    start: ((row.kind === "maintenance" ? row.scheduledFor : null) ?? row.startedAt).getTime(),
    end: row.resolvedAt?.getTime() ?? null,
  }));
}

export type MetricChart = { input: MetricChartInput; version: string };

/** Everything one chart draws, and a short version of it that the page puts in the image's address. */
export function getMetricChart(metric: PublicMetric, range: MetricRange, now: Date = new Date()): Promise<MetricChart> {
  const to = chartWindowEnd(range, now);
  const key = `metric-chart:${metric.id}:${range}:${to}:${metric.fingerprint}`;
  return cached(key, [TAGS.metric(metric.id), TAGS.metrics, TAGS.incidents], async () => {
    const series = await readMetricSeries(metric.id, range, new Date(to));
    const markers = await listChartMarkers(metric.componentId, new Date(series.from), new Date(to));
    const input: MetricChartInput = {
      name: metric.name,
      suffix: metric.suffix,
      decimalPlaces: metric.decimalPlaces,
      transform: metric.transform,
      yAxisMin: metric.yAxisMin,
      yAxisMax: metric.yAxisMax,
      yAxisHidden: metric.yAxisHidden,
      range,
      from: series.from,
      to: series.to,
      buckets: series.buckets,
      markers,
    };
    const version = createHash("sha256").update(JSON.stringify(input)).digest("base64url").slice(0, 12);
    return { input, version };
  });
}
