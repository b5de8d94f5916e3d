import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { clearCacheForTests, invalidateTags } from "@/server/cache/tagged-cache";
import { TAGS } from "@/server/cache/tags";
import { buildUptimeBoard, findUptimeBar, getUptimeBoard } from "@/server/queries/uptime-board";
import { renderUptimeSprite } from "@/lib/uptime-sprite";
import { uptimeWindowStart, type UptimeIncident } from "@/lib/uptime";
import type { ComponentDto, ComponentTreeDto } from "@/lib/dto";
import { createComponent, unique } from "../support/factories";
import { ensurePageOnce } from "../api/support";
import * as uptimeBarRoute from "@/app/api/uptime/[kind]/[id]/route";
import * as uptimeImageRoute from "@/app/uptime.svg/route";
import { openApiDocument } from "@/server/api/openapi";

const DAY = 86_400_000;
const NOW = new Date("2026-06-30T12:00:00Z");
const WINDOW_START = uptimeWindowStart(NOW).getTime();

function component(id: string, overrides: Partial<ComponentDto> = {}): ComponentDto {
  return {
    id,
    name: `Name ${id}`,
    description: null,
    status: "operational",
    position: 0,
    showcase: true,
    onlyShowIfDegraded: false,
    startDate: new Date(WINDOW_START - 10 * DAY),
    groupId: null,
    createdAt: new Date(0),
    updatedAt: new Date(0),
    ...overrides,
  };
}

function tree(components: ComponentDto[], groupIds: string[] = []): ComponentTreeDto {
  const groups = groupIds.map((id, position) => ({
    id,
    name: `Group ${id}`,
    description: null,
    position,
    createdAt: new Date(0),
    updatedAt: new Date(0),
  }));
  return {
    groups: groups.map((g) => ({ ...g, componentIds: components.filter((c) => c.groupId === g.id).map((c) => c.id) })),
    components,
  };
}

describe("uptime board", () => {
  it("lists groups before their components, in page order, each bar with its own row of the image", () => {
    const board = buildUptimeBoard(
      tree(
        [
          component("a", { groupId: "g1" }),
          component("b", { groupId: "g1" }),
          component("c"),
          component("d", { groupId: "g2" }),
        ],
        ["g1", "g2"],
      ),
      { windowStart: new Date(WINDOW_START), changesByComponent: {} },
      [],
      NOW,
    );
    const order = [
      ...board.groups.flatMap((g) => [g.bar, ...g.components.map((c) => c.bar)]),
      ...board.ungrouped.map((c) => c.bar),
    ];
    expect(order.map((bar) => `${bar.kind}:${bar.id}`)).toEqual([
      "group:g1",
      "component:a",
      "component:b",
      "group:g2",
      "component:d",
      "component:c",
    ]);
    expect(order.map((bar) => bar.row).sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(board.rows).toHaveLength(6);
    expect(board.rows.every((row) => row === "o".repeat(90))).toBe(true);
    expect(board.groups[0].bar.label).toBe("Group g1 (all components)");
  });

  it("hides a component shown only when degraded, and a group left with no component", () => {
    const board = buildUptimeBoard(
      tree(
        [
          component("quiet", { groupId: "g1", onlyShowIfDegraded: true }),
          component("loud", { onlyShowIfDegraded: true, status: "major_outage" }),
        ],
        ["g1"],
      ),
      { windowStart: new Date(WINDOW_START), changesByComponent: {} },
      [],
      NOW,
    );
    expect(board.groups).toEqual([]);
    expect(board.ungrouped.map((c) => c.id)).toEqual(["loud"]);
  });

  it("describes a bar's troubled days, and its group's row shows the worst day of its components", () => {
    const outageDay = WINDOW_START + 80 * DAY;
    const incident: UptimeIncident = {
      id: "i1",
      name: "Disk full",
      impact: "major",
      startedAt: new Date(outageDay + 3_600_000),
      resolvedAt: new Date(outageDay + 3 * 3_600_000),
      componentIds: ["a"],
    };
    const board = buildUptimeBoard(
      tree([component("a", { groupId: "g1" }), component("b", { groupId: "g1" })], ["g1"]),
      {
        windowStart: new Date(WINDOW_START),
        changesByComponent: {
          a: [
            { changedAt: new Date(outageDay + 3_600_000), toStatus: "major_outage" },
            { changedAt: new Date(outageDay + 3 * 3_600_000), toStatus: "operational" },
          ],
        },
      },
      [incident],
      NOW,
    );
    const [group] = board.groups;
    expect(board.rows[group.bar.row][80]).toBe("m");
    expect(board.rows[group.components[0].bar.row][80]).toBe("m");
    expect(board.rows[group.components[1].bar.row]).toBe("o".repeat(90));
    expect(group.components[0].bar.description).toBe(
      "Name a: daily status from Apr 2, 2026 to Jun 30, 2026. 1 day with incidents or downtime; most recently Jun 21, 2026: Major outage 2 hr.",
    );
    expect(group.components[1].bar.description).toBe(
      "Name b: daily status from Apr 2, 2026 to Jun 30, 2026. No downtime recorded.",
    );
  });

  it("describes the latest 30 days on their own for narrow screens, uptime included", () => {
    const hour = 3_600_000;
    const early = WINDOW_START + 20 * DAY;
    const late = WINDOW_START + 85 * DAY;
    const board = buildUptimeBoard(
      tree([component("a", { groupId: "g1" }), component("b", { groupId: "g1" }), component("c")], ["g1"]),
      {
        windowStart: new Date(WINDOW_START),
        changesByComponent: {
          a: [
            { changedAt: new Date(early), toStatus: "major_outage" },
            { changedAt: new Date(early + 24 * hour), toStatus: "operational" },
          ],
          c: [
            { changedAt: new Date(late), toStatus: "major_outage" },
            { changedAt: new Date(late + 6 * hour), toStatus: "operational" },
          ],
        },
      },
      [],
      NOW,
    );
    const [group] = board.groups;
    const a = group.components[0].bar;
    expect(a.description).toContain("1 day with incidents or downtime");
    expect(a.uptimePercent).toBeLessThan(99);
    expect(a.narrow).toEqual({
      uptimePercent: 100,
      description: "Name a: daily status from Jun 1, 2026 to Jun 30, 2026. No downtime recorded.",
    });
    expect(group.bar.narrow.description).toBe(
      "Group g1 (all components): daily status from Jun 1, 2026 to Jun 30, 2026. No downtime recorded.",
    );

    const c = board.ungrouped[0].bar;
    const trackedHours = 29 * 24 + 12;
    expect(c.narrow.uptimePercent).toBeCloseTo(100 * (1 - 6 / trackedHours), 6);
    expect(c.narrow.description).toBe(
      "Name c: daily status from Jun 1, 2026 to Jun 30, 2026. 1 day with incidents or downtime; most recently Jun 26, 2026: Major outage 6 hr.",
    );
  });

  it("changes its version exactly when a row changes", () => {
    const build = (status: "major_outage" | "operational") =>
      buildUptimeBoard(
        tree([component("a")]),
        {
          windowStart: new Date(WINDOW_START),
          changesByComponent: { a: [{ changedAt: new Date(NOW.getTime() - 60_000), toStatus: status }] },
        },
        [],
        NOW,
      );
    expect(build("operational").version).toBe(build("operational").version);
    expect(build("major_outage").version).not.toBe(build("operational").version);
  });

  it("reads from PostgreSQL, finds one bar's details and follows a status change once invalidated", async () => {
    clearCacheForTests();
    const name = unique("Board");
    const created = await createComponent({ name, startDate: new Date(Date.now() - 30 * DAY) });
    const before = await getUptimeBoard();
    const bar = await findUptimeBar("component", created.id);
    expect(bar?.label).toBe(name);
    expect(before.rows[bar!.row].endsWith("o")).toBe(true);
    expect(await findUptimeBar("group", created.id)).toBeNull();
    expect(await findUptimeBar("component", "no-such-component")).toBeNull();

    await getDb().componentStatusChange.create({
      data: { componentId: created.id, toStatus: "major_outage", changedAt: new Date() },
    });
    expect(await getUptimeBoard()).toBe(before);
    invalidateTags([TAGS.componentHistory]);
    const after = await getUptimeBoard();
    const changed = await findUptimeBar("component", created.id);
    expect(after.rows[changed!.row].endsWith("m")).toBe(true);
    expect(after.version).not.toBe(before.version);
  });
});

describe("uptime image", () => {
  it("draws one rectangle per run of same-coloured days, one row per bar", () => {
    const svg = renderUptimeSprite(["oooppo", "mmmmmm", "ox"]);
    expect(svg).toContain('viewBox="0 0 6 3"');
    expect(svg).toContain('<path class="o" d="M0 0h3v1h-3zM5 0h1v1h-1zM0 2h1v1h-1z"/>');
    expect(svg).toContain('<path class="p" d="M3 0h2v1h-2z"/>');
    expect(svg).toContain('<path class="m" d="M0 1h6v1h-6z"/>');
    // An unknown day code is drawn as "no data" rather than dropped.
    expect(svg).toContain('<path class="n" d="M1 2h1v1h-1z"/>');
    expect(svg).toMatch(/@media \(prefers-color-scheme:dark\)\{[^}]*\.o\{fill:#22c55e\}/);
  });

  it("is a valid image for an empty page", () => {
    expect(renderUptimeSprite([])).toContain('viewBox="0 0 1 1"');
  });
});

describe("uptime routes", () => {
  const barUrl = (kind: string, id: string) => `http://localhost/api/uptime/${kind}/${id}`;
  const getBar = (kind: string, id: string) =>
    uptimeBarRoute.GET(new Request(barUrl(kind, id)), { params: Promise.resolve({ kind, id }) });

  it("serve one bar's days in the shape the OpenAPI description gives, and a JSON 404 for any other", async () => {
    await ensurePageOnce();
    clearCacheForTests();
    const name = unique("Routed");
    const created = await createComponent({ name, startDate: new Date(Date.now() - 5 * DAY) });
    const response = await getBar("component", created.id);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toContain("s-maxage");
    expect(response.headers.get("etag")).toBeTruthy();
    const body = await response.json();
    const schema = openApiDocument("http://localhost").paths["/api/uptime/{kind}/{id}"].get.responses["200"].content[
      "application/json"
    ].schema as { required: string[]; properties: { days: { required: string[] } } };
    expect(Object.keys(body).sort()).toEqual([...schema.required].sort());
    expect(Object.keys(body.days).sort()).toEqual([...schema.properties.days.required].sort());
    expect(body.label).toBe(name);
    expect(body.days.statuses).toMatch(/^n+o{6}$/);

    for (const [kind, id] of [
      ["component", "missing"],
      ["group", created.id],
      ["planet", created.id],
    ]) {
      const missing = await getBar(kind, id);
      expect(missing.status).toBe(404);
      expect((await missing.json()).error.code).toBe("not_found");
    }
  });

  it("serve the image for good only under its current version", async () => {
    await ensurePageOnce();
    clearCacheForTests();
    const { version } = await getUptimeBoard();
    const current = await uptimeImageRoute.GET(new Request(`http://localhost/uptime.svg?v=${version}`));
    expect(current.headers.get("content-type")).toBe("image/svg+xml");
    expect(current.headers.get("cache-control")).toContain("immutable");
    expect(await current.text()).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 90 \d+"/);
    const old = await uptimeImageRoute.GET(new Request("http://localhost/uptime.svg?v=old"));
    expect(old.headers.get("cache-control")).not.toContain("immutable");
  });
});
