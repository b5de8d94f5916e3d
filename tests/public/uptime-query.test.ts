import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { clearCacheForTests, invalidateTags } from "@/server/cache/tagged-cache";
import { TAGS } from "@/server/cache/tags";
import { getUptimeHistory, listUptimeWindowIncidents } from "@/server/queries/uptime";
import { uptimeWindowStart } from "@/lib/uptime";
import { createComponent, unique } from "../support/factories";

const DAY = 86_400_000;

describe("uptime history query", () => {
  it("loads the last change before the window and every change inside it, nothing older", async () => {
    clearCacheForTests();
    const now = new Date();
    const windowStart = uptimeWindowStart(now);
    const component = await createComponent({ startDate: new Date(windowStart.getTime() - 400 * DAY) });
    const db = getDb();
    const at = (offsetDays: number) => new Date(windowStart.getTime() + offsetDays * DAY);
    await db.componentStatusChange.createMany({
      data: [
        { componentId: component.id, toStatus: "major_outage", changedAt: at(-200) },
        { componentId: component.id, toStatus: "partial_outage", changedAt: at(-10) },
        { componentId: component.id, toStatus: "operational", changedAt: at(5) },
        { componentId: component.id, toStatus: "degraded_performance", changedAt: at(40) },
      ],
    });

    const history = await getUptimeHistory(now);
    expect(history.windowStart).toEqual(windowStart);
    expect(history.changesByComponent[component.id]).toEqual([
      { changedAt: at(-10), toStatus: "partial_outage" },
      { changedAt: at(5), toStatus: "operational" },
      { changedAt: at(40), toStatus: "degraded_performance" },
    ]);
  });

  it("is served from the cache until the component history tag is invalidated", async () => {
    clearCacheForTests();
    const now = new Date();
    const component = await createComponent({ startDate: new Date(now.getTime() - 10 * DAY) });
    const first = await getUptimeHistory(now);
    await getDb().componentStatusChange.create({
      data: { componentId: component.id, toStatus: "major_outage", changedAt: new Date(now.getTime() - DAY) },
    });
    expect(await getUptimeHistory(now)).toBe(first);
    invalidateTags([TAGS.componentHistory]);
    const second = await getUptimeHistory(now);
    expect(second.changesByComponent[component.id].map((c) => c.toStatus)).toEqual(["operational", "major_outage"]);
  });

  it("lists incidents overlapping the window, including unresolved ones, but not older or maintenance", async () => {
    clearCacheForTests();
    const now = new Date();
    const windowStart = uptimeWindowStart(now);
    const component = await createComponent();
    const db = getDb();
    const make = (
      name: string,
      data: {
        kind?: "incident" | "maintenance";
        status: "resolved" | "investigating" | "completed";
        startedAt: Date;
        resolvedAt: Date | null;
      },
    ) =>
      db.incident.create({
        data: {
          name,
          impact: data.kind === "maintenance" ? "maintenance" : "minor",
          ...data,
          components: { create: [{ componentId: component.id }] },
        },
      });
    const old = await make(unique("old"), {
      status: "resolved",
      startedAt: new Date(windowStart.getTime() - 30 * DAY),
      resolvedAt: new Date(windowStart.getTime() - 29 * DAY),
    });
    const spanning = await make(unique("spanning"), {
      status: "resolved",
      startedAt: new Date(windowStart.getTime() - DAY),
      resolvedAt: new Date(windowStart.getTime() + DAY),
    });
    const open = await make(unique("open"), {
      status: "investigating",
      startedAt: new Date(now.getTime() - 3_600_000),
      resolvedAt: null,
    });
    const maintenance = await make(unique("maintenance"), {
      kind: "maintenance",
      status: "completed",
      startedAt: new Date(now.getTime() - DAY),
      resolvedAt: new Date(now.getTime() - DAY / 2),
    });

    const ids = (await listUptimeWindowIncidents(now)).map((i) => i.id);
    expect(ids).toContain(spanning.id);
    expect(ids).toContain(open.id);
    expect(ids).not.toContain(old.id);
    expect(ids).not.toContain(maintenance.id);
    const found = (await listUptimeWindowIncidents(now)).find((i) => i.id === open.id)!;
    expect(found.componentIds).toEqual([component.id]);
  });
});
