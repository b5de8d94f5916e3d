// The demo's metrics: a Self provider with three metrics and thirty days of generated data (a point a minute for the
// last day, one every ten minutes before), every row marked `demo`. Plain Node like write-demo.ts.
import type { Prisma } from "../../db/generated/client";
import { recomputeRollups } from "../metrics/recompute-rollups";
import { DAY, MINUTE } from "./demo-content";

type Db = Prisma.TransactionClient;

type Window = { start: Date; end: Date };

/** When the demo's incidents happened, so the curves move with them. */
export type DemoMetricEvents = {
  componentIds: Map<string, string>;
  /** "Jobs not starting" and its continuation, on Docker Jobs. */
  jobsOutage: Window;
  /** "Elevated errors starting macOS jobs", still open. */
  macErrorsSince: Date;
};

type Point = { at: number; value: number };

const HISTORY_DAYS = 30;

/** A repeatable noise in [-1, 1) for a metric and a time, so a seed gives the same curves every run. */
function noise(salt: number, at: number): number {
  const x = Math.sin((at / MINUTE) * 12.9898 + salt * 78.233) * 43_758.5453;
  return (x - Math.floor(x)) * 2 - 1;
}

/** Busier in the UTC working day, quieter at night and at weekends. */
function load(at: number): number {
  const date = new Date(at);
  const hour = date.getUTCHours() + date.getUTCMinutes() / 60;
  const daily = 0.5 + 0.5 * Math.sin(((hour - 9) / 24) * 2 * Math.PI);
  const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6 ? 0.6 : 1;
  return daily * weekend;
}

/** 0 outside `window`, rising to 1 over its first tenth and falling back over its last. */
function within(window: Window, at: number): number {
  const start = window.start.getTime();
  const end = window.end.getTime();
  if (at < start || at > end) return 0;
  const edge = (end - start) / 10;
  return Math.min(1, (at - start) / edge, (end - at) / edge);
}

/** Minute times for the last day, ten-minute ones before it, oldest first, all on 30-second slots. */
function sampleTimes(now: Date): number[] {
  const end = Math.floor(now.getTime() / MINUTE) * MINUTE;
  const dayAgo = end - DAY;
  const times: number[] = [];
  for (let at = Math.ceil((end - HISTORY_DAYS * DAY) / (10 * MINUTE)) * 10 * MINUTE; at < dayAgo; at += 10 * MINUTE)
    times.push(at);
  for (let at = dayAgo; at <= end; at += MINUTE) times.push(at);
  return times;
}

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;

function demoMetricSpecs(events: DemoMetricEvents) {
  const macSince = events.macErrorsSince.getTime();
  return [
    {
      name: "API response time",
      component: "API",
      suffix: "ms",
      decimalPlaces: 0,
      tooltipDescription: "Median time to answer a request to the REST API.",
      value: (at: number) => round(96 + 48 * load(at) + 9 * noise(1, at) + 180 * within(events.jobsOutage, at), 0),
    },
    {
      name: "Job start time",
      component: "Docker Jobs",
      suffix: "s",
      decimalPlaces: 1,
      tooltipDescription: "Time from a job being queued to its first step running.",
      value: (at: number) =>
        round(Math.max(0.8, 3.2 + 2.5 * load(at) + 0.7 * noise(2, at) + 210 * within(events.jobsOutage, at)), 1),
    },
    {
      name: "macOS job error rate",
      component: "macOS Jobs",
      suffix: "%",
      decimalPlaces: 2,
      tooltipDescription: "Share of macOS jobs that failed to start for an infrastructure reason.",
      value: (at: number) =>
        round(
          Math.max(
            0,
            0.35 + 0.15 * noise(3, at) + (at >= macSince ? Math.min(1, (at - macSince) / (10 * MINUTE)) * 5.2 : 0),
          ),
          2,
        ),
    },
  ];
}

/** Stores the points and, from them, their exact rollups, computed as the recording service computes them. */
async function insertSeries(db: Db, metricId: string, points: Point[]): Promise<void> {
  await db.$executeRaw`
    INSERT INTO metric_points (metric_id, at, value)
    SELECT ${metricId}, to_timestamp(t.at / 1000.0), t.value
    FROM unnest(${points.map((p) => p.at)}::float8[], ${points.map((p) => p.value)}::float8[]) AS t(at, value)`;
  await recomputeRollups(
    db,
    points.map((point) => ({ metricId, timestamp: point.at / 1000 })),
  );
}

/** Writes the demo's Self provider, its metrics and their data; returns how many metrics it wrote. */
export async function writeDemoMetrics(db: Db, now: Date, events: DemoMetricEvents): Promise<number> {
  const provider = await db.metricsProvider.create({
    data: { type: "self", demo: true, lastRevalidatedAt: now },
    select: { id: true },
  });
  const times = sampleTimes(now);
  const specs = demoMetricSpecs(events);
  for (const [index, spec] of specs.entries()) {
    const points = times.map((at) => ({ at, value: spec.value(at) }));
    const metric = await db.metric.create({
      data: {
        providerId: provider.id,
        name: spec.name,
        suffix: spec.suffix,
        decimalPlaces: spec.decimalPlaces,
        tooltipDescription: spec.tooltipDescription,
        componentId: events.componentIds.get(spec.component) ?? null,
        position: index + 1,
        mostRecentDataAt: new Date(points[points.length - 1].at),
        demo: true,
      },
      select: { id: true },
    });
    await insertSeries(db, metric.id, points);
  }
  return specs.length;
}
