import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { clearCacheForTests, invalidateTags } from "@/server/cache/tagged-cache";
import { TAGS } from "@/server/cache/tags";
import { getComponentUptimeMonths } from "@/server/queries/uptime-months";
import { formatUptimeMonth, parseUptimeMonth, uptimeScreenMonths } from "@/lib/uptime-months";
import { presentUptimeDay } from "@/lib/uptime";
import { publicRouteOf } from "@/lib/public-routes";
import { mirrorKey } from "@/server/mirror/mirror-paths";
import { scopeForTags, urlsForScope } from "@/server/mirror/mirror-scope";
import { createComponent, unique } from "../support/factories";

const utc = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

describe("month arithmetic of the uptime history page", () => {
  it("reads YYYY-MM months and refuses anything else", () => {
    expect(parseUptimeMonth("2026-02")).toEqual(utc("2026-02-01"));
    for (const bad of ["2026-13", "2026-2", "26-02", "2026-02-01", "", "1969-12"]) {
      expect(parseUptimeMonth(bad)).toBeNull();
    }
    expect(formatUptimeMonth(utc("2026-02-01"))).toBe("2026-02");
  });

  it("a screen shows three months, oldest first, ending with the month asked for", () => {
    expect(uptimeScreenMonths(utc("2026-02-01")).map(formatUptimeMonth)).toEqual(["2025-12", "2026-01", "2026-02"]);
  });
});

describe("a component's uptime, month by month", () => {
  it("colours each day, gives each month its uptime and lists that month's incidents, from the status history", async () => {
    clearCacheForTests();
    const now = new Date("2026-03-15T12:00:00.000Z");
    const component = await createComponent({ name: unique("Billing"), startDate: utc("2025-06-01") });
    const other = await createComponent();
    const db = getDb();
    await db.componentStatusChange.createMany({
      data: [
        { componentId: component.id, toStatus: "major_outage", changedAt: new Date("2026-02-10T10:00:00Z") },
        { componentId: component.id, toStatus: "operational", changedAt: new Date("2026-02-10T11:00:00Z") },
        { componentId: component.id, toStatus: "major_outage", changedAt: new Date("2026-03-02T09:00:00Z") },
        { componentId: component.id, toStatus: "operational", changedAt: new Date("2026-03-02T09:00:04Z") },
        { componentId: other.id, toStatus: "major_outage", changedAt: new Date("2026-01-05T00:00:00Z") },
      ],
    });
    const incident = await db.incident.create({
      data: {
        name: unique("Billing down"),
        status: "resolved",
        impact: "critical",
        startedAt: new Date("2026-02-10T10:00:00Z"),
        resolvedAt: new Date("2026-02-10T11:00:00Z"),
        components: { create: [{ componentId: component.id }] },
      },
    });
    await db.incident.create({
      data: {
        name: unique("Elsewhere"),
        status: "resolved",
        impact: "minor",
        startedAt: new Date("2026-02-11T10:00:00Z"),
        resolvedAt: new Date("2026-02-11T11:00:00Z"),
        components: { create: [{ componentId: other.id }] },
      },
    });

    const history = await getComponentUptimeMonths(component.id, null, now);
    expect(history).not.toBeNull();
    const { months, component: shown, newer, older } = history!;
    expect(shown.name).toBe(component.name);
    expect(months.map((m) => formatUptimeMonth(m.month))).toEqual(["2026-01", "2026-02", "2026-03"]);
    expect(newer).toBeNull();
    expect(older && formatUptimeMonth(older)).toBe("2025-12");

    const [january, february, march] = months;
    expect(january.days).toHaveLength(31);
    expect(january.uptimePercent).toBe(100);
    expect(january.incidents).toEqual([]);

    expect(february.days).toHaveLength(28);
    const tenth = february.days[9];
    expect(presentUptimeDay(tenth)).toMatchObject({ code: "m", text: "Major outage 1 hr" });
    expect(february.uptimePercent).toBeCloseTo(100 * (1 - 60 / (28 * 1440)), 6);
    expect(february.incidents.map((i) => i.id)).toEqual([incident.id]);

    expect(march.days).toHaveLength(31);
    expect(presentUptimeDay(march.days[1])).toMatchObject({ code: "m", text: "Major outage less than 1 min" });
    expect(presentUptimeDay(march.days[20])).toMatchObject({ status: null, text: "No data" });
  });

  it("pages back by three months, stops at the month tracking started, and follows invalidation", async () => {
    clearCacheForTests();
    const now = new Date("2026-03-15T12:00:00.000Z");
    const component = await createComponent({ startDate: utc("2025-11-20") });
    const back = await getComponentUptimeMonths(component.id, utc("2025-12-01"), now);
    expect(back!.months.map((m) => formatUptimeMonth(m.month))).toEqual(["2025-10", "2025-11", "2025-12"]);
    expect(back!.older).toBeNull();
    expect(back!.newer && formatUptimeMonth(back!.newer)).toBe("2026-03");
    expect(back!.months[0].uptimePercent).toBeNull();
    expect(back!.months[1].days[18].status).toBeNull();
    expect(back!.months[1].days[19].status).toBe("operational");

    await getDb().componentStatusChange.create({
      data: { componentId: component.id, toStatus: "partial_outage", changedAt: new Date("2025-12-24T00:00:00Z") },
    });
    expect((await getComponentUptimeMonths(component.id, utc("2025-12-01"), now))!.months[2].days[23].status).toBe(
      "operational",
    );
    invalidateTags([TAGS.componentHistory]);
    const after = await getComponentUptimeMonths(component.id, utc("2025-12-01"), now);
    expect(after!.months[2].days[23].status).toBe("partial_outage");
  });

  it("is null for a component that does not exist, and for a month after the current one", async () => {
    const now = new Date("2026-03-15T12:00:00.000Z");
    expect(await getComponentUptimeMonths("nope-missing", null, now)).toBeNull();
    const component = await createComponent();
    expect(await getComponentUptimeMonths(component.id, utc("2026-04-01"), now)).toBeNull();
    const longTracked = await createComponent({ startDate: utc("2020-01-01") });
    clearCacheForTests();
    const yearAgo = await getComponentUptimeMonths(longTracked.id, utc("2025-06-01"), now);
    expect(yearAgo!.older).toBeNull();
  });
});

describe("the uptime history page as a public address", () => {
  it("is cached by the front, and a status change republishes every screen its links reach in the mirror", () => {
    expect(publicRouteOf("/components/c1/uptime")).not.toBeNull();
    expect(publicRouteOf("/components/c1/uptime/2026-02")).not.toBeNull();
    const inventory = {
      incidentIds: [],
      componentIds: ["c1"],
      groupIds: [],
      metricIds: [],
      months: [],
      earliestStart: null,
    };
    const { rest } = urlsForScope(scopeForTags([TAGS.componentHistory]), inventory, new Date("2026-05-20T00:00:00Z"));
    expect(rest.filter((url) => url.includes("/uptime"))).toEqual([
      "/api/uptime/component/c1",
      "/components/c1/uptime",
      "/components/c1/uptime/2026-02",
      "/components/c1/uptime/2025-11",
      "/components/c1/uptime/2025-08",
    ]);
    expect(mirrorKey("/components/c1/uptime/2026-02")).toBe("components/c1/uptime/2026-02/index.html");
  });
});
