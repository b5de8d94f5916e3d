import { describe, expect, it } from "vitest";
import { createMetricsProvider } from "@/server/services/metrics/manage-providers";
import { createMetric } from "@/server/services/metrics/manage-metrics";
import { recordMetricPoints } from "@/server/services/metrics/record-metric-points";
import { getAdminMetric, getMetricsProviderType, listAdminMetrics } from "@/server/queries/admin-metrics";
import { describePolling } from "@/app/(admin)/admin/metrics/_components/metric-health";
import { pushCommand } from "@/app/(admin)/admin/metrics/_components/push-example";
import { getDb } from "@/server/db/client";
import { ctxFor } from "@/tests/console/helpers";
import { unique } from "@/tests/support/factories";

describe("the console's metrics list", () => {
  it("shows each metric's latest value and its provider, and says only whether a credential is set", async () => {
    const owner = await ctxFor("owner");
    const { provider: prometheus } = await createMetricsProvider({
      ctx: owner,
      input: { type: "prometheus", baseUrl: "http://127.0.0.1:9/", authorization: "Bearer very-secret" },
    });
    const { provider: self } = await createMetricsProvider({ ctx: owner, input: { type: "self" } });
    const name = unique("Queue depth");
    const { metric } = await createMetric({
      ctx: await ctxFor(),
      input: { providerId: self.id, name, suffix: "jobs", decimalPlaces: 1 },
    });
    const now = Math.floor(Date.now() / 1000);
    await recordMetricPoints({
      ctx: await ctxFor(),
      input: {
        points: [
          { metricId: metric.id, timestamp: now - 120, value: 3 },
          { metricId: metric.id, timestamp: now - 60, value: 7.25 },
        ],
      },
    });

    const list = await listAdminMetrics({ ctx: await ctxFor("viewer") });
    expect(JSON.stringify(list)).not.toContain("very-secret");
    expect(list.providers.find((p) => p.id === prometheus.id)).toMatchObject({
      type: "prometheus",
      baseUrl: "http://127.0.0.1:9",
      authorizationSet: true,
    });
    expect(list.providers.find((p) => p.id === self.id)).toMatchObject({ authorizationSet: false, metricCount: 1 });
    const row = list.metrics.find((m) => m.id === metric.id)!;
    expect(row).toMatchObject({ name, providerType: "self", suffix: "jobs", display: true });
    expect(row.latest?.value).toBe(7.25);
    const page = await getDb().pageSettings.findFirst({ select: { id: true, statuspagePageId: true } });
    expect(list.page.pageId).toBe(page ? (page.statuspagePageId ?? page.id) : "<page id>");
    expect(pushCommand(list.page, metric.id)).toContain(`/api/v1/pages/${list.page.pageId}/metrics/${metric.id}/data`);

    expect(await getMetricsProviderType({ ctx: await ctxFor("viewer"), providerId: prometheus.id })).toBe("prometheus");
    expect(await getAdminMetric({ ctx: await ctxFor("viewer"), metricId: "not an id" })).toBeNull();
  });

  it("words a Prometheus metric's health: its last error while newer than its last fetch, else its polling", async () => {
    const owner = await ctxFor("owner");
    const { provider } = await createMetricsProvider({
      ctx: owner,
      input: { type: "prometheus", baseUrl: "http://127.0.0.1:9" },
    });
    const { metric } = await createMetric({
      ctx: await ctxFor(),
      input: { providerId: provider.id, name: unique("p95"), metricIdentifier: "up", intervalSeconds: 30 },
    });
    const row = async () => (await listAdminMetrics({ ctx: owner })).metrics.find((m) => m.id === metric.id)!;
    expect(describePolling(await row())).toEqual({ failing: false, text: "Polling every 30 s, not fetched yet" });

    await getDb().metric.update({
      where: { id: metric.id },
      data: {
        lastFetchedAt: new Date("2026-12-08T10:00:00Z"),
        lastError: "http://127.0.0.1:9 refused the connection.",
        lastErrorAt: new Date("2026-12-08T10:05:00Z"),
      },
    });
    expect(describePolling(await row())).toEqual({
      failing: true,
      text: "Last poll failed at Dec 8, 2026 - 10:05 UTC: http://127.0.0.1:9 refused the connection.",
    });
    await getDb().metric.update({
      where: { id: metric.id },
      data: { lastFetchedAt: new Date("2026-12-08T10:06:00Z"), lastError: null, lastErrorAt: null },
    });
    expect(describePolling(await row())).toEqual({
      failing: false,
      text: "Polling every 30 s, last fetched Dec 8, 2026 - 10:06 UTC",
    });
  });
});
