import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { getDb } from "@/server/db/client";
import { invalidateTags } from "@/server/cache/tagged-cache";
import { TAGS } from "@/server/cache/tags";
import { ALL_IMPACTS, ALL_INCIDENT_STATUSES, COMPONENT_STATUSES } from "@/lib/status";
import { createComponent, unique } from "@/tests/support/factories";
import { ensurePageOnce, expectAmongRecent } from "@/tests/api/support";
import * as summaryRoute from "@/app/api/v2/summary.json/route";
import * as statusRoute from "@/app/api/v2/status.json/route";
import * as componentsRoute from "@/app/api/v2/components.json/route";
import * as incidentsRoute from "@/app/api/v2/incidents.json/route";
import * as unresolvedRoute from "@/app/api/v2/incidents/unresolved.json/route";
import * as incidentRoute from "@/app/api/v2/incidents/[incidentId]/route";
import * as maintenancesRoute from "@/app/api/v2/scheduled-maintenances.json/route";
import * as upcomingRoute from "@/app/api/v2/scheduled-maintenances/upcoming.json/route";
import * as activeRoute from "@/app/api/v2/scheduled-maintenances/active.json/route";
import * as openApiRoute from "@/app/api/v2/openapi.json/route";

const timestamp = z.iso.datetime({ offset: true });
const nullableTimestamp = timestamp.nullable();

const PageSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  url: z.url(),
  time_zone: z.string(),
  updated_at: timestamp,
});
const StatusSchema = z.strictObject({
  indicator: z.enum(["none", "minor", "major", "critical", "maintenance"]),
  description: z.enum([
    "All Systems Operational",
    "Minor Service Outage",
    "Partial System Outage",
    "Major Service Outage",
    "Service Under Maintenance",
  ]),
});
const componentFields = {
  id: z.string(),
  name: z.string(),
  status: z.enum(COMPONENT_STATUSES),
  created_at: timestamp,
  updated_at: timestamp,
  position: z.number().int(),
  description: z.string().nullable(),
  showcase: z.boolean(),
  start_date: z.iso.date().nullable(),
  group_id: z.string().nullable(),
  page_id: z.string(),
  group: z.boolean(),
  only_show_if_degraded: z.boolean(),
};
const ComponentSchema = z.union([
  z.strictObject({ ...componentFields, group: z.literal(false) }),
  z.strictObject({ ...componentFields, group: z.literal(true), components: z.array(z.string()) }),
]);
const UpdateSchema = z.strictObject({
  id: z.string(),
  status: z.enum(ALL_INCIDENT_STATUSES),
  body: z.string(),
  incident_id: z.string(),
  created_at: timestamp,
  updated_at: timestamp,
  display_at: timestamp,
  affected_components: z
    .array(
      z.strictObject({
        code: z.string().nullable(),
        name: z.string(),
        old_status: z.enum(COMPONENT_STATUSES),
        new_status: z.enum(COMPONENT_STATUSES),
      }),
    )
    .min(1)
    .nullable(),
  deliver_notifications: z.boolean(),
});
const incidentFields = {
  id: z.string(),
  name: z.string(),
  status: z.enum(ALL_INCIDENT_STATUSES),
  created_at: timestamp,
  updated_at: timestamp,
  monitoring_at: nullableTimestamp,
  resolved_at: nullableTimestamp,
  impact: z.enum(ALL_IMPACTS),
  shortlink: z.url(),
  started_at: timestamp,
  page_id: z.string(),
  incident_updates: z.array(UpdateSchema),
  components: z.array(ComponentSchema),
};
const IncidentSchema = z.strictObject({ ...incidentFields, impact: z.enum(["none", "minor", "major", "critical"]) });
const MaintenanceSchema = z.strictObject({
  ...incidentFields,
  impact: z.literal("maintenance"),
  status: z.enum(["scheduled", "in_progress", "verifying", "completed"]),
  scheduled_for: nullableTimestamp,
  scheduled_until: nullableTimestamp,
});

const SummarySchema = z.strictObject({
  page: PageSchema,
  components: z.array(ComponentSchema),
  incidents: z.array(IncidentSchema),
  scheduled_maintenances: z.array(MaintenanceSchema),
  status: StatusSchema,
});

type RouteModule = { GET: (request: Request, ctx: never) => Promise<Response> };
const get = (route: RouteModule, path: string, headers: Record<string, string> = {}, ctx?: unknown) =>
  route.GET(new Request(`http://api.test${path}`, { headers }), ctx as never);

let data: {
  groupId: string;
  childIds: string[];
  ungroupedId: string;
  unresolvedId: string;
  resolvedId: string;
  upcomingId: string;
  activeId: string;
  pageUrl: string;
};

beforeAll(async () => {
  const db = getDb();
  const page = await ensurePageOnce();
  const group = await db.componentGroup.create({ data: { name: unique("Group"), position: 5 } });
  const childA = await createComponent({ name: unique("Child A"), groupId: group.id, position: 1 });
  const childB = await createComponent({
    name: unique("Child B"),
    groupId: group.id,
    position: 2,
    startDate: new Date("2026-01-15T00:00:00Z"),
  });
  const ungrouped = await createComponent({ name: unique("Lone") });
  await db.component.update({ where: { id: childA.id }, data: { status: "major_outage" } });
  const started = new Date(Date.now() - 3_600_000);
  const unresolved = await db.incident.create({
    data: {
      name: unique("Database down"),
      status: "identified",
      impact: "critical",
      startedAt: started,
      components: { create: [{ componentId: childA.id }] },
      updates: {
        create: [
          { status: "investigating", body: "Looking into it.", displayAt: started },
          {
            status: "identified",
            body: "Found it.",
            displayAt: new Date(started.getTime() + 60_000),
            affectedComponents: {
              create: [
                {
                  componentId: childA.id,
                  componentName: childA.name,
                  oldStatus: "operational",
                  newStatus: "major_outage",
                },
              ],
            },
          },
        ],
      },
    },
  });
  const resolved = await db.incident.create({
    data: {
      name: unique("Old blip"),
      status: "resolved",
      impact: "minor",
      startedAt: new Date(Date.now() - 86_400_000),
      resolvedAt: new Date(Date.now() - 80_000_000),
      updates: { create: [{ status: "resolved", body: "Fixed.", displayAt: new Date(Date.now() - 80_000_000) }] },
    },
  });
  const upcoming = await db.incident.create({
    data: {
      kind: "maintenance",
      name: unique("Upgrade"),
      status: "scheduled",
      impact: "maintenance",
      scheduledFor: new Date(Date.now() + 86_400_000),
      scheduledUntil: new Date(Date.now() + 90_000_000),
      components: { create: [{ componentId: ungrouped.id }] },
      updates: { create: [{ status: "scheduled", body: "We will upgrade.", displayAt: new Date() }] },
    },
  });
  const active = await db.incident.create({
    data: {
      kind: "maintenance",
      name: unique("Migration"),
      status: "in_progress",
      impact: "maintenance",
      scheduledFor: new Date(Date.now() - 600_000),
      scheduledUntil: new Date(Date.now() + 600_000),
      updates: { create: [{ status: "in_progress", body: "Under way.", displayAt: new Date() }] },
    },
  });
  invalidateTags([TAGS.page, TAGS.components, TAGS.incidents]);
  data = {
    groupId: group.id,
    childIds: [childA.id, childB.id],
    ungroupedId: ungrouped.id,
    unresolvedId: unresolved.id,
    resolvedId: resolved.id,
    upcomingId: upcoming.id,
    activeId: active.id,
    pageUrl: page.url.replace(/\/+$/, ""),
  };
});

describe("public Statuspage-compatible API", () => {
  it("summary.json has exactly Statuspage's keys and types", async () => {
    const response = await get(summaryRoute, "/api/v2/summary.json");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const body = SummarySchema.parse(await response.json());
    expect(Object.keys(body)).toEqual(["page", "components", "incidents", "scheduled_maintenances", "status"]);
    expect(body.status).toEqual({ indicator: "critical", description: "Major Service Outage" });
    expect(body.incidents.map((i) => i.id)).toContain(data.unresolvedId);
    expect(body.incidents.map((i) => i.id)).not.toContain(data.resolvedId);
    expect(body.scheduled_maintenances.map((m) => m.id)).toEqual(
      expect.arrayContaining([data.upcomingId, data.activeId]),
    );
  });

  it("lists groups as components with their children's ids, and children point at their group", async () => {
    const body = await (await get(componentsRoute, "/api/v2/components.json")).json();
    z.strictObject({ page: PageSchema, components: z.array(ComponentSchema) }).parse(body);
    const ids = body.components.map((c: { id: string }) => c.id);
    const group = body.components.find((c: { id: string }) => c.id === data.groupId);
    expect(group).toMatchObject({ group: true, components: data.childIds, status: "major_outage", group_id: null });
    expect(ids.indexOf(data.childIds[0])).toBe(ids.indexOf(data.groupId) + 1);
    const childB = body.components.find((c: { id: string }) => c.id === data.childIds[1]);
    expect(childB).toMatchObject({ group: false, group_id: data.groupId, start_date: "2026-01-15" });
    expect(childB).not.toHaveProperty("components");
    expect(body.components.find((c: { id: string }) => c.id === data.ungroupedId)).toMatchObject({
      group_id: null,
      group: false,
    });
  });

  it("serializes an incident with updates newest first, affected components and a shortlink", async () => {
    const body = await (await get(unresolvedRoute, "/api/v2/incidents/unresolved.json")).json();
    z.strictObject({ page: PageSchema, incidents: z.array(IncidentSchema) }).parse(body);
    const incident = body.incidents.find((i: { id: string }) => i.id === data.unresolvedId);
    expect(incident.shortlink).toBe(`${data.pageUrl}/incidents/${data.unresolvedId}`);
    expect(incident.incident_updates.map((u: { status: string }) => u.status)).toEqual(["identified", "investigating"]);
    expect(incident.incident_updates[0].affected_components).toEqual([
      { code: data.childIds[0], name: expect.any(String), old_status: "operational", new_status: "major_outage" },
    ]);
    expect(incident.incident_updates[1].affected_components).toBeNull();
    expect(incident.components.map((c: { id: string }) => c.id)).toEqual([data.childIds[0]]);
    expect(incident.monitoring_at).toBeNull();
    expect(incident.resolved_at).toBeNull();
  });

  it("incidents.json lists recent incidents but no maintenances", async () => {
    const body = await (await get(incidentsRoute, "/api/v2/incidents.json")).json();
    const parsed = z.strictObject({ page: PageSchema, incidents: z.array(IncidentSchema).max(50) }).parse(body);
    await expectAmongRecent(parsed.incidents, [data.unresolvedId, data.resolvedId]);
    expect(parsed.incidents.map((i) => i.id)).not.toContain(data.upcomingId);
  });

  it("answers /api/v2/incidents/<id>.json for incidents and maintenances, 404 otherwise", async () => {
    const single = z.strictObject({ page: PageSchema, incident: z.union([IncidentSchema, MaintenanceSchema]) });
    const incident = await get(
      incidentRoute,
      `/api/v2/incidents/${data.resolvedId}.json`,
      {},
      { params: Promise.resolve({ incidentId: `${data.resolvedId}.json` }) },
    );
    expect(single.parse(await incident.json()).incident).toMatchObject({
      id: data.resolvedId,
      status: "resolved",
      impact: "minor",
    });
    const maintenance = await get(
      incidentRoute,
      `/api/v2/incidents/${data.upcomingId}.json`,
      {},
      { params: Promise.resolve({ incidentId: `${data.upcomingId}.json` }) },
    );
    expect(single.parse(await maintenance.json()).incident).toMatchObject({
      id: data.upcomingId,
      impact: "maintenance",
    });
    for (const segment of ["nope.json", `${data.resolvedId}`, "../../etc.json"]) {
      const missing = await get(
        incidentRoute,
        `/api/v2/incidents/${segment}`,
        {},
        { params: Promise.resolve({ incidentId: segment }) },
      );
      expect(missing.status).toBe(404);
      expect(await missing.json()).toEqual({ error: { code: "not_found", message: expect.any(String) } });
      expect(missing.headers.get("access-control-allow-origin")).toBe("*");
    }
  });

  it("splits maintenances into upcoming and active", async () => {
    const envelope = z.strictObject({ page: PageSchema, scheduled_maintenances: z.array(MaintenanceSchema) });
    const all = envelope.parse(await (await get(maintenancesRoute, "/api/v2/scheduled-maintenances.json")).json());
    const upcoming = envelope.parse(
      await (await get(upcomingRoute, "/api/v2/scheduled-maintenances/upcoming.json")).json(),
    );
    const active = envelope.parse(await (await get(activeRoute, "/api/v2/scheduled-maintenances/active.json")).json());
    expect(all.scheduled_maintenances.map((m) => m.id)).toEqual(
      expect.arrayContaining([data.upcomingId, data.activeId]),
    );
    expect(upcoming.scheduled_maintenances.map((m) => m.id)).toContain(data.upcomingId);
    expect(upcoming.scheduled_maintenances.map((m) => m.id)).not.toContain(data.activeId);
    expect(upcoming.scheduled_maintenances.every((m) => m.status === "scheduled")).toBe(true);
    expect(active.scheduled_maintenances.map((m) => m.id)).toContain(data.activeId);
    expect(active.scheduled_maintenances.every((m) => m.status === "in_progress" || m.status === "verifying")).toBe(
      true,
    );
    const upgrade = upcoming.scheduled_maintenances.find((m) => m.id === data.upcomingId)!;
    expect(upgrade.components.map((c) => c.id)).toEqual([data.ungroupedId]);
    expect(upgrade.scheduled_for).not.toBeNull();
  });

  it("status.json carries page and status only", async () => {
    const body = await (await get(statusRoute, "/api/v2/status.json")).json();
    expect(z.strictObject({ page: PageSchema, status: StatusSchema }).parse(body).status.indicator).toBe("critical");
  });

  it("sends CORS, ETag and CDN cache headers, and 304 when the ETag matches", async () => {
    const first = await get(summaryRoute, "/api/v2/summary.json");
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get("access-control-allow-origin")).toBe("*");
    expect(first.headers.get("cache-control")).toBe(
      "public, max-age=0, s-maxage=10, stale-while-revalidate=30, stale-if-error=86400",
    );
    const again = await get(summaryRoute, "/api/v2/summary.json", { "If-None-Match": etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("etag")).toBe(etag);
    expect((await get(summaryRoute, "/api/v2/summary.json", { "If-None-Match": `"other", W/${etag}` })).status).toBe(
      304,
    );
    expect((await get(summaryRoute, "/api/v2/summary.json", { "If-None-Match": '"stale"' })).status).toBe(200);
  });

  it("changes the ETag on the very next request after a mutation invalidates the cache", async () => {
    const before = (await get(componentsRoute, "/api/v2/components.json")).headers.get("etag")!;
    await getDb().component.update({ where: { id: data.ungroupedId }, data: { status: "degraded_performance" } });
    invalidateTags([TAGS.components]);
    const after = await get(componentsRoute, "/api/v2/components.json", { "If-None-Match": before });
    expect(after.status).toBe(200);
    const body = await after.json();
    expect(body.components.find((c: { id: string }) => c.id === data.ungroupedId).status).toBe("degraded_performance");
    expect(Date.parse(body.page.updated_at)).toBeGreaterThanOrEqual(Date.now() - 60_000);
  });

  it("answers CORS preflight", async () => {
    const response = summaryRoute.OPTIONS();
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("access-control-allow-headers")).toContain("If-None-Match");
  });

  it("serves an OpenAPI 3.1 description naming every endpoint", async () => {
    const body = await (await get(openApiRoute, "/api/v2/openapi.json")).json();
    expect(body.openapi).toBe("3.1.0");
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining([
        "/api/v2/summary.json",
        "/api/v2/status.json",
        "/api/v2/components.json",
        "/api/v2/incidents.json",
        "/api/v2/incidents/unresolved.json",
        "/api/v2/incidents/{incidentId}.json",
        "/api/v2/scheduled-maintenances.json",
        "/api/v2/scheduled-maintenances/upcoming.json",
        "/api/v2/scheduled-maintenances/active.json",
        "/api/v1/incidents",
        "/api/v1/incidents/{incidentId}",
        "/api/v1/incidents/{incidentId}/updates",
        "/api/v1/incidents/{incidentId}/resolve",
        "/api/v1/components",
        "/api/v1/components/{componentId}",
        "/api/v1/maintenances",
      ]),
    );
    const summary = await (await get(summaryRoute, "/api/v2/summary.json")).json();
    const schemas = body.components.schemas;
    const component = summary.components.find((c: { group: boolean }) => !c.group);
    const incident = summary.incidents.find((i: { id: string }) => i.id === data.unresolvedId);
    const maintenance = summary.scheduled_maintenances[0];
    expect(Object.keys(summary.page).sort()).toEqual([...schemas.Page.required].sort());
    expect(Object.keys(component).sort()).toEqual([...schemas.Component.required].sort());
    expect(Object.keys(incident).sort()).toEqual([...schemas.Incident.required].sort());
    expect(Object.keys(maintenance).sort()).toEqual([...schemas.Maintenance.required].sort());
    expect(Object.keys(incident.incident_updates[0]).sort()).toEqual([...schemas.IncidentUpdate.required].sort());
  });
});
