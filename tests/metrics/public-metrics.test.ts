import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { invalidateTags } from "@/server/cache/tagged-cache";
import { createMetricsProvider } from "@/server/services/metrics/manage-providers";
import { createMetric } from "@/server/services/metrics/manage-metrics";
import { recordMetricPoints } from "@/server/services/metrics/record-metric-points";
import { getMetricChart, getPublicMetric, listPublicMetrics } from "@/server/queries/public-metrics";
import { toMetricsDisplay } from "@/server/api/metric-responses";
import { GET as chartRoute } from "@/app/metrics/[metricId]/[chart]/route";
import { GET as displayRoute } from "@/app/metrics-display/[metricId]/[file]/route";
import { ctxFor } from "@/tests/console/helpers";
import { createComponent, unique } from "@/tests/support/factories";

async function publicMetric(fields: Record<string, unknown> = {}) {
  const { provider } = await createMetricsProvider({ ctx: await ctxFor("owner"), input: { type: "self" } });
  const { metric, tags } = await createMetric({
    ctx: await ctxFor(),
    input: { providerId: provider.id, name: unique("Queue depth"), suffix: "jobs", ...fields },
  });
  invalidateTags(tags);
  return metric;
}

async function record(metricId: string, points: [number, number][], now = new Date()) {
  const { tags } = await recordMetricPoints({
    ctx: await ctxFor(),
    now,
    input: { points: points.map(([timestamp, value]) => ({ metricId, timestamp, value })) },
  });
  invalidateTags(tags);
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

describe("public metrics", () => {
  it("lists visible metrics with their latest value and leaves hidden ones out", async () => {
    const shown = await publicMetric();
    const hidden = await publicMetric({ display: false });
    const t = nowSeconds();
    await record(shown.id, [
      [t - 600, 4],
      [t - 60, 7],
    ]);
    const listed = await listPublicMetrics();
    expect(listed.find((m) => m.id === shown.id)?.latest).toBe(7);
    expect(listed.some((m) => m.id === hidden.id)).toBe(false);
    expect(await getPublicMetric(hidden.id)).toBeNull();
    expect(await getPublicMetric("../etc")).toBeNull();
  });

  it("marks the incidents of the metric's component on its chart, and the version follows new points", async () => {
    const component = await createComponent();
    const other = await createComponent();
    const metric = await publicMetric({ componentId: component.id });
    const t = nowSeconds();
    await record(metric.id, [[t - 3_600, 10]]);
    const startedAt = new Date((t - 1_800) * 1000);
    await getDb().incident.create({
      data: {
        name: unique("Queue stuck"),
        status: "investigating",
        impact: "critical",
        startedAt,
        components: { create: [{ componentId: component.id }] },
      },
    });
    await getDb().incident.create({
      data: {
        name: unique("Elsewhere"),
        status: "investigating",
        impact: "minor",
        startedAt,
        components: { create: [{ componentId: other.id }] },
      },
    });
    invalidateTags(["incidents"]);
    const first = await getMetricChart((await getPublicMetric(metric.id))!, "day");
    expect(first.input.markers).toEqual([
      expect.objectContaining({ kind: "incident", impact: "critical", start: startedAt.getTime(), end: null }),
    ]);

    await record(metric.id, [[t - 30, 12]]);
    const second = await getMetricChart((await getPublicMetric(metric.id))!, "day");
    expect(second.version).not.toBe(first.version);
    expect(second.input.buckets.length).toBe(2);
  });

  it("answers Statuspage's metrics-display JSON, timestamps in seconds, and 404 for unknown ids and ranges", async () => {
    const metric = await publicMetric();
    const t = nowSeconds();
    await record(metric.id, [
      [t - 7_200, 10],
      [t - 3_600, 30],
    ]);
    const response = await displayRoute(new Request("http://localhost/x"), {
      params: Promise.resolve({ metricId: metric.id, file: "week.json" }),
    });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.period).toEqual({ count: 168, interval: 3_600, identifier: "week" });
    expect(body.summary).toEqual({ sum: 40, mean: 20, min: 10, max: 30, last: 30 });
    expect(body.metrics[0].metric).toMatchObject({ id: metric.id, name: metric.name, suffix: "jobs" });
    expect(body.metrics[0].data).toEqual([
      { timestamp: Math.floor((t - 7_200) / 3_600) * 3_600, value: 10 },
      { timestamp: Math.floor((t - 3_600) / 3_600) * 3_600, value: 30 },
    ]);
    const chart = await getMetricChart((await getPublicMetric(metric.id))!, "week");
    expect(toMetricsDisplay((await getPublicMetric(metric.id))!, chart.input)).toEqual(body);

    for (const [metricId, file] of [
      ["nosuchmetric", "day.json"],
      [metric.id, "year.json"],
      [metric.id, "day.svg"],
    ]) {
      const refused = await displayRoute(new Request("http://localhost/x"), {
        params: Promise.resolve({ metricId, file }),
      });
      expect(refused.status).toBe(404);
      expect(refused.headers.get("content-type")).toMatch(/json/);
    }
  });

  it("serves the chart image, kept for a year only under its current version", async () => {
    const metric = await publicMetric();
    await record(metric.id, [[nowSeconds() - 120, 5]]);
    const chart = await getMetricChart((await getPublicMetric(metric.id))!, "day");
    const params = { params: Promise.resolve({ metricId: metric.id, chart: "day.svg" }) };
    const current = await chartRoute(new Request(`http://localhost/x?v=${chart.version}`), params);
    expect(current.headers.get("content-type")).toBe("image/svg+xml");
    expect(current.headers.get("cache-control")).toContain("immutable");
    expect(await current.text()).toContain(`<title>${metric.name} over the last day: latest 5 jobs`);
    const older = await chartRoute(new Request("http://localhost/x?v=old"), {
      params: Promise.resolve({ metricId: metric.id, chart: "day.svg" }),
    });
    expect(older.headers.get("cache-control")).not.toContain("immutable");
    const missing = await chartRoute(new Request("http://localhost/x"), {
      params: Promise.resolve({ metricId: metric.id, chart: "day.png" }),
    });
    expect(missing.status).toBe(404);
  });
});
