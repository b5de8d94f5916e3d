import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { createMetricsProvider } from "@/server/services/metrics/manage-providers";
import { createMetric, deleteMetric, updateMetric } from "@/server/services/metrics/manage-metrics";
import { recordMetricPoints, resetMetricData } from "@/server/services/metrics/record-metric-points";
import { readMetricSeries } from "@/server/queries/metrics";
import { ctxFor, expectAppError } from "@/tests/console/helpers";
import { unique } from "@/tests/support/factories";

async function selfMetric(fields: Record<string, unknown> = {}) {
  const { provider } = await createMetricsProvider({ ctx: await ctxFor("owner"), input: { type: "self" } });
  const { metric } = await createMetric({
    ctx: await ctxFor(),
    input: { providerId: provider.id, name: unique("API latency"), suffix: "ms", ...fields },
  });
  return metric;
}

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);
const HOUR = 3_600;

describe("recording metric points", () => {
  it("casts each point to its 30-second slot, the last for a slot winning, and keeps exact rollups", async () => {
    const metric = await selfMetric();
    const now = new Date("2026-12-08T10:00:00Z");
    const hourStart = seconds(now) - HOUR; // 09:00:00
    const { points } = await recordMetricPoints({
      ctx: await ctxFor(),
      now,
      input: {
        points: [
          { metricId: metric.id, timestamp: hourStart + 7, value: 100 }, // → 09:00:00
          { metricId: metric.id, timestamp: hourStart + 14, value: 120 }, // → 09:00:00, replaces 100
          { metricId: metric.id, timestamp: hourStart + 16, value: 80 }, // → 09:00:30
          { metricId: metric.id, timestamp: hourStart + 61, value: 200 }, // → 09:01:00
        ],
      },
    });
    expect(points.map((p) => p.timestamp - hourStart)).toEqual([0, 30, 60]);

    const rollups = await getDb().metricRollup.findMany({
      where: { metricId: metric.id },
      orderBy: [{ resolution: "asc" }, { bucket: "asc" }],
    });
    const minute = rollups.filter((r) => r.resolution === "minute");
    expect(minute.map((r) => [r.count, r.sum, r.min, r.max, r.last])).toEqual([
      [2, 200, 80, 120, 80],
      [1, 200, 200, 200, 200],
    ]);
    const hour = rollups.find((r) => r.resolution === "hour")!;
    expect([hour.count, hour.sum, hour.min, hour.max, hour.last]).toEqual([3, 400, 80, 200, 200]);

    // A late point for an earlier slot changes the aggregates, not the latest value.
    await recordMetricPoints({
      ctx: await ctxFor(),
      now,
      input: { points: [{ metricId: metric.id, timestamp: hourStart + 30, value: 20 }] },
    });
    const hourAfter = await getDb().metricRollup.findFirstOrThrow({
      where: { metricId: metric.id, resolution: "hour" },
    });
    expect([hourAfter.count, hourAfter.sum, hourAfter.min, hourAfter.last]).toEqual([3, 340, 20, 200]);
    const stored = await getDb().metric.findUniqueOrThrow({ where: { id: metric.id } });
    expect(stored.mostRecentDataAt?.toISOString()).toBe("2026-12-08T09:01:00.000Z");
  });

  it("refuses points older than 28 days or in the future, naming each, and stores none of the request", async () => {
    const metric = await selfMetric();
    const now = new Date();
    const error = await expectAppError(
      recordMetricPoints({
        ctx: await ctxFor(),
        now,
        input: {
          points: [
            { metricId: metric.id, timestamp: seconds(now) - 60, value: 1 },
            { metricId: metric.id, timestamp: seconds(now) - 29 * 24 * HOUR, value: 2 },
            { metricId: metric.id, timestamp: seconds(now) + HOUR, value: 3 },
          ],
        },
      }),
      "VALIDATION",
    );
    expect(Object.keys(error.fieldErrors ?? {})).toEqual(["points.1.timestamp", "points.2.timestamp"]);
    expect(error.fieldErrors?.["points.2.timestamp"]?.[0]).toContain("in the future");
    expect(await getDb().metricPoint.count({ where: { metricId: metric.id } })).toBe(0);
  });

  it("refuses a value that is not a finite number, naming the point", async () => {
    const metric = await selfMetric();
    const error = await expectAppError(
      recordMetricPoints({
        ctx: await ctxFor(),
        input: { points: [{ metricId: metric.id, timestamp: seconds(new Date()), value: Number.NaN }] },
      }),
      "VALIDATION",
    );
    expect(Object.keys(error.fieldErrors ?? {})).toEqual(["points.0.value"]);
  });

  it("keeps rollups exact when many writers push into the same buckets at once", async () => {
    const metric = await selfMetric();
    const now = new Date();
    const base = Math.floor(seconds(now) / HOUR) * HOUR - HOUR;
    const ctx = await ctxFor();
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        recordMetricPoints({
          ctx,
          now,
          input: { points: [{ metricId: metric.id, timestamp: base + i * 30, value: i }] },
        }),
      ),
    );
    const hour = await getDb().metricRollup.findFirstOrThrow({ where: { metricId: metric.id, resolution: "hour" } });
    expect([hour.count, hour.sum, hour.min, hour.max]).toEqual([12, 66, 0, 11]);
  });

  it("reads a day's chart from minute rollups, five minutes to a bucket, with gaps where no data came", async () => {
    const metric = await selfMetric({ transform: "max" });
    const now = new Date("2026-12-08T12:00:00Z");
    const t = seconds(now);
    await recordMetricPoints({
      ctx: await ctxFor(),
      now,
      input: {
        points: [
          { metricId: metric.id, timestamp: t - 3 * HOUR, value: 5 },
          { metricId: metric.id, timestamp: t - 3 * HOUR + 60, value: 9 },
          { metricId: metric.id, timestamp: t - HOUR, value: 7 },
          { metricId: metric.id, timestamp: t - 2 * 24 * HOUR, value: 1 }, // outside the day
        ],
      },
    });
    const { buckets } = await readMetricSeries(metric.id, "day", now);
    expect(buckets.map((b) => [new Date(b.start).toISOString(), b.count, b.max])).toEqual([
      ["2026-12-08T09:00:00.000Z", 2, 9],
      ["2026-12-08T11:00:00.000Z", 1, 7],
    ]);
  });

  it("resets and deletes a metric's data with it, and refuses pushes to a polled metric", async () => {
    const metric = await selfMetric();
    const ctx = await ctxFor();
    await recordMetricPoints({
      ctx,
      input: { points: [{ metricId: metric.id, timestamp: seconds(new Date()), value: 1 }] },
    });
    await resetMetricData({ ctx, input: { metricId: metric.id } });
    expect(await getDb().metricRollup.count({ where: { metricId: metric.id } })).toBe(0);
    await recordMetricPoints({
      ctx,
      input: { points: [{ metricId: metric.id, timestamp: seconds(new Date()), value: 2 }] },
    });
    await deleteMetric({ ctx, input: { metricId: metric.id } });
    expect(await getDb().metricPoint.count({ where: { metricId: metric.id } })).toBe(0);

    const { provider } = await createMetricsProvider({
      ctx: await ctxFor("owner"),
      input: { type: "prometheus", baseUrl: "http://127.0.0.1:9/" },
    });
    const { metric: polled } = await createMetric({
      ctx,
      input: { providerId: provider.id, name: unique("Error rate"), metricIdentifier: "sum(rate(errors[5m]))" },
    });
    await expectAppError(
      recordMetricPoints({
        ctx,
        input: { points: [{ metricId: polled.id, timestamp: seconds(new Date()), value: 1 }] },
      }),
      "VALIDATION",
    );
  });

  it("refuses an axis whose maximum is not above its minimum, and a stale edit", async () => {
    const metric = await selfMetric();
    const ctx = await ctxFor();
    const error = await expectAppError(
      updateMetric({ ctx, input: { metricId: metric.id, yAxisMin: 10, yAxisMax: 5 } }),
      "VALIDATION",
    );
    expect(Object.keys(error.fieldErrors ?? {})).toEqual(["yAxisMax"]);
    await updateMetric({ ctx, input: { metricId: metric.id, suffix: "s", version: 1 } });
    await expectAppError(updateMetric({ ctx, input: { metricId: metric.id, suffix: "ms", version: 1 } }), "CONFLICT");
  });
});
