import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { createMetricsProvider } from "@/server/services/metrics/manage-providers";
import { createMetric } from "@/server/services/metrics/manage-metrics";
import { pruneMetricData } from "@/server/services/metrics/prune-metric-data";
import { ctxFor } from "@/tests/console/helpers";
import { unique } from "@/tests/support/factories";

const DAY = 86_400_000;

async function selfMetric() {
  const { provider } = await createMetricsProvider({ ctx: await ctxFor("owner"), input: { type: "self" } });
  const { metric } = await createMetric({
    ctx: await ctxFor(),
    input: { providerId: provider.id, name: unique("Load") },
  });
  return metric;
}

const aggregate = { count: 1, sum: 1, min: 1, max: 1, last: 1 };

describe("pruning old metric data", () => {
  it("deletes raw points past the retention, in batches, and minute and hourly rollups past their use", async () => {
    const metric = await selfMetric();
    const now = new Date("2026-12-08T12:00:00Z");
    const ago = (days: number, plusSeconds = 0) => new Date(now.getTime() - days * DAY + plusSeconds * 1000);
    // More old points than one delete batch takes.
    const old = Array.from({ length: 5_100 }, (_, i) => ({ metricId: metric.id, at: ago(40, i * 30), value: 1 }));
    await getDb().metricPoint.createMany({
      data: [...old, { metricId: metric.id, at: ago(34), value: 2 }, { metricId: metric.id, at: ago(0.5), value: 3 }],
    });
    await getDb().metricRollup.createMany({
      data: [
        { metricId: metric.id, resolution: "minute", bucket: ago(3), ...aggregate },
        { metricId: metric.id, resolution: "minute", bucket: ago(1), ...aggregate },
        { metricId: metric.id, resolution: "hour", bucket: ago(401), ...aggregate },
        { metricId: metric.id, resolution: "hour", bucket: ago(399), ...aggregate },
        { metricId: metric.id, resolution: "day", bucket: ago(800), ...aggregate },
      ],
    });

    const pruned = await pruneMetricData({ now, rawRetentionDays: 35, metricIds: [metric.id] });

    expect(pruned).toEqual({ points: 5_100, minuteRollups: 1, hourRollups: 1 });
    const points = await getDb().metricPoint.findMany({ where: { metricId: metric.id }, orderBy: { at: "asc" } });
    expect(points.map((p) => p.value)).toEqual([2, 3]);
    const rollups = await getDb().metricRollup.findMany({
      where: { metricId: metric.id },
      orderBy: [{ resolution: "asc" }, { bucket: "asc" }],
    });
    expect(rollups.map((r) => [r.resolution, r.bucket])).toEqual([
      ["minute", ago(1)],
      ["hour", ago(399)],
      ["day", ago(800)],
    ]);
  });
});
