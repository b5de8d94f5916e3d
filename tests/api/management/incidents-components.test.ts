import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { actorFor, createComponent, unique } from "@/tests/support/factories";
import { ensurePageOnce } from "@/tests/api/support";
import { createApiKey } from "@/server/services/api-keys/create-api-key";
import { callManagement } from "@/tests/api/management/client";
import {
  componentGroupSchema,
  componentSchema,
  errorSchema,
  expectShape,
  incidentSchema,
  incidentUpdateSchema,
  pageSchema,
  uptimeSchema,
} from "@/tests/api/management/statuspage-schemas";
import { z } from "zod";

let pageId: string;
let responder: string;
let viewer: string;

beforeAll(async () => {
  process.env.MANAGEMENT_API_RATE_LIMIT = "0";
  pageId = (await ensurePageOnce()).id;
  const owner = await actorFor("owner");
  responder = (await createApiKey({ ctx: { actor: owner }, input: { name: unique("Alerting"), role: "responder" } }))
    .token;
  viewer = (await createApiKey({ ctx: { actor: owner }, input: { name: unique("Dashboard"), role: "viewer" } })).token;
});

const p = (rest: string) => `${pageId}/${rest}`;

describe("authentication as Statuspage accepts it", () => {
  it("accepts the key as `OAuth`, as `Bearer` and as the api_key query parameter", async () => {
    for (const auth of ["oauth", "bearer", "query"] as const) {
      const response = await callManagement("", { key: viewer, auth });
      expect(response.status, auth).toBe(200);
      const [page] = z.array(pageSchema).parse(response.json);
      expect(page.id).toBe(pageId);
    }
  });

  it('refuses a missing, malformed or unknown key with 401 {"error":"Could not authenticate"}', async () => {
    for (const options of [
      { auth: "none" as const },
      { key: "sp_" + "x".repeat(43) },
      { key: "not-a-key", auth: "query" as const },
    ]) {
      const response = await callManagement(p("incidents"), options);
      expect(response.status).toBe(401);
      expect(response.json).toEqual({ error: "Could not authenticate" });
    }
  });

  it("answers 404 with a sentence for another page id, and 403 when a viewer key writes", async () => {
    const other = await callManagement("not-this-page/incidents", { key: viewer });
    expect(other.status).toBe(404);
    expect(expectShape(errorSchema, other.json).error).toMatch(/page/);
    const write = await callManagement(p("incidents"), {
      key: viewer,
      method: "POST",
      json: { incident: { name: "x" } },
    });
    expect(write.status).toBe(403);
    expect(typeof write.json.error).toBe("string");
  });
});

describe("incidents", () => {
  it("creates a realtime incident from JSON: components change, impact follows the worst status, the first update lists them", async () => {
    const component = await createComponent({ name: unique("Checkout") });
    const response = await callManagement(p("incidents"), {
      key: responder,
      method: "POST",
      json: {
        incident: {
          name: "Checkout errors",
          status: "identified",
          body: "Payments fail for some cards.",
          components: { [component.id]: "partial_outage" },
          metadata: { jira: { key: "OPS-1" } },
        },
      },
    });
    expect(response.status).toBe(201);
    const incident = expectShape(incidentSchema, response.json);
    expect(incident).toMatchObject({
      name: "Checkout errors",
      status: "identified",
      impact: "major",
      impact_override: null,
      page_id: pageId,
      metadata: { jira: { key: "OPS-1" } },
    });
    expect(incident.incident_updates).toHaveLength(1);
    expect(incident.incident_updates[0].affected_components).toEqual([
      { code: component.id, name: component.name, old_status: "operational", new_status: "partial_outage" },
    ]);
    expect(incident.components.map((c) => c.id)).toEqual([component.id]);
    expect(incident.shortlink).toMatch(new RegExp(`/incidents/${incident.id}$`));
    expect((await getDb().component.findUniqueOrThrow({ where: { id: component.id } })).status).toBe("partial_outage");
  });

  it("creates an incident from a Rails-style form body, with impact_override and component_ids", async () => {
    const [down, affected] = [await createComponent(), await createComponent()];
    const form = new URLSearchParams();
    form.append("incident[name]", "API latency");
    form.append("incident[body]", "Requests are slow.");
    form.append(`incident[components][${down.id}]`, "major_outage");
    form.append("incident[component_ids][]", affected.id);
    form.append("incident[impact_override]", "minor");
    form.append("incident[deliver_notifications]", "false");
    const response = await callManagement(p("incidents"), { key: responder, method: "POST", form: form.toString() });
    expect(response.status).toBe(201);
    const incident = expectShape(incidentSchema, response.json);
    expect(incident).toMatchObject({ status: "investigating", impact: "minor", impact_override: "minor" });
    expect(incident.incident_updates[0].deliver_notifications).toBe(false);
    expect(incident.components.map((c) => c.id).sort()).toEqual([down.id, affected.id].sort());
    expect((await getDb().component.findUniqueOrThrow({ where: { id: affected.id } })).status).toBe("operational");
  });

  it("PATCH with status and body adds an update; resolving sets resolved_at and the listed components", async () => {
    const component = await createComponent();
    const created = await callManagement(p("incidents"), {
      key: responder,
      method: "POST",
      json: { incident: { name: "DB failover", body: "Looking", components: { [component.id]: "major_outage" } } },
    });
    const id = created.json.id;
    const monitoring = await callManagement(p(`incidents/${id}`), {
      key: responder,
      method: "PATCH",
      json: { incident: { status: "monitoring", body: "Fix deployed" } },
    });
    expect(monitoring.status).toBe(200);
    expect(expectShape(incidentSchema, monitoring.json)).toMatchObject({ status: "monitoring" });
    expect(monitoring.json.monitoring_at).not.toBeNull();
    const form = `incident[status]=resolved&incident[components][${component.id}]=operational`;
    const resolved = await callManagement(p(`incidents/${id}`), { key: responder, method: "PUT", form });
    const incident = expectShape(incidentSchema, resolved.json);
    expect(incident.status).toBe("resolved");
    expect(incident.resolved_at).not.toBeNull();
    expect(incident.incident_updates.map((u) => u.status)).toEqual(["resolved", "monitoring", "investigating"]);
    expect(incident.incident_updates[0].body).toBe("This incident has been resolved.");
    expect((await getDb().component.findUniqueOrThrow({ where: { id: component.id } })).status).toBe("operational");
    const unresolved = await callManagement(p("incidents/unresolved"), { key: viewer });
    expect(unresolved.json.map((i: { id: string }) => i.id)).not.toContain(id);
  });

  it("lists unresolved incidents and searches with q, paging with limit and page", async () => {
    const word = unique("zebra");
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await callManagement(p("incidents"), {
        key: responder,
        method: "POST",
        json: { incident: { name: `${word} ${i}`, body: "b" } },
      });
      ids.push(r.json.id);
    }
    const unresolved = await callManagement(p("incidents/unresolved.json"), { key: viewer });
    expect(unresolved.status).toBe(200);
    z.array(incidentSchema).parse(unresolved.json);
    expect(unresolved.json.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining(ids));
    const first = await callManagement(p("incidents"), { key: viewer, query: `q=${word}&limit=2&page=1` });
    const second = await callManagement(p("incidents"), { key: viewer, query: `q=${word}&limit=2&page=2` });
    expect(first.json).toHaveLength(2);
    expect(second.json).toHaveLength(1);
    expect([...first.json, ...second.json].map((i: { id: string }) => i.id).sort()).toEqual([...ids].sort());
    const bad = await callManagement(p("incidents"), { key: viewer, query: "limit=1000" });
    expect(bad.status).toBe(422);
    expect(expectShape(errorSchema, bad.json).error).toHaveProperty("limit");
  });

  it("creates a scheduled maintenance with its window and automation flags; it appears in scheduled and upcoming", async () => {
    const component = await createComponent();
    const start = new Date(Date.now() + 86_400_000);
    const end = new Date(start.getTime() + 7_200_000);
    const response = await callManagement(p("incidents"), {
      key: responder,
      method: "POST",
      json: {
        incident: {
          name: "Database upgrade",
          status: "scheduled",
          body: "We will upgrade.",
          scheduled_for: start.toISOString(),
          scheduled_until: end.toISOString(),
          scheduled_remind_prior: true,
          scheduled_auto_in_progress: true,
          scheduled_auto_completed: false,
          auto_transition_to_maintenance_state: true,
          auto_transition_to_operational_state: false,
          component_ids: [component.id],
        },
      },
    });
    expect(response.status).toBe(201);
    const maintenance = expectShape(incidentSchema, response.json);
    expect(maintenance).toMatchObject({
      status: "scheduled",
      impact: "maintenance",
      scheduled_for: start.toISOString(),
      scheduled_until: end.toISOString(),
      scheduled_remind_prior: true,
      scheduled_auto_in_progress: true,
      scheduled_auto_completed: false,
      auto_transition_to_maintenance_state: true,
      auto_transition_to_operational_state: false,
    });
    expect(maintenance.components.map((c) => c.id)).toEqual([component.id]);
    for (const list of ["incidents/scheduled", "incidents/upcoming"]) {
      const listed = await callManagement(p(list), { key: viewer });
      expect(
        listed.json.map((i: { id: string }) => i.id),
        list,
      ).toContain(maintenance.id);
    }
    const active = await callManagement(p("incidents/active_maintenance"), { key: viewer });
    expect(active.json.map((i: { id: string }) => i.id)).not.toContain(maintenance.id);
    const started = await callManagement(p(`incidents/${maintenance.id}`), {
      key: responder,
      method: "PATCH",
      json: { incident: { status: "in_progress" } },
    });
    expect(started.json.status).toBe("in_progress");
    const activeNow = await callManagement(p("incidents/active_maintenance"), { key: viewer });
    expect(activeNow.json.map((i: { id: string }) => i.id)).toContain(maintenance.id);
    const missingWindow = await callManagement(p("incidents"), {
      key: responder,
      method: "POST",
      json: { incident: { name: "x", status: "scheduled" } },
    });
    expect(missingWindow.status).toBe(422);
    expect(missingWindow.json.error).toHaveProperty("scheduled_for");
  });

  it("creates a backfilled incident dated in the past, resolved and flagged backfilled", async () => {
    const response = await callManagement(p("incidents"), {
      key: responder,
      method: "POST",
      json: { incident: { name: "Old outage", backfilled: true, backfill_date: "2024-03-05", body: "It happened." } },
    });
    expect(response.status).toBe(201);
    const incident = expectShape(incidentSchema, response.json);
    expect(incident).toMatchObject({ status: "resolved", backfilled: true, started_at: "2024-03-05T00:00:00.000Z" });
  });

  it("edits an incident update's body and display_at, and deletes an incident answering it", async () => {
    const created = await callManagement(p("incidents"), {
      key: responder,
      method: "POST",
      json: { incident: { name: "Typo", body: "Teh API" } },
    });
    const updateId = created.json.incident_updates[0].id;
    const displayAt = new Date(Date.now() - 600_000).toISOString();
    const edited = await callManagement(p(`incidents/${created.json.id}/incident_updates/${updateId}`), {
      key: responder,
      method: "PATCH",
      json: { incident_update: { body: "The API", display_at: displayAt } },
    });
    expect(edited.status).toBe(200);
    expect(expectShape(incidentUpdateSchema, edited.json)).toMatchObject({
      id: updateId,
      body: "The API",
      display_at: displayAt,
    });
    const deleted = await callManagement(p(`incidents/${created.json.id}`), { key: responder, method: "DELETE" });
    expect(deleted.status).toBe(200);
    expect(expectShape(incidentSchema, deleted.json).id).toBe(created.json.id);
    const gone = await callManagement(p(`incidents/${created.json.id}`), { key: viewer });
    expect(gone.status).toBe(404);
    expect(typeof gone.json.error).toBe("string");
    expect(await getDb().auditLog.count({ where: { action: "incident.delete", entityId: created.json.id } })).toBe(1);
  });

  it("refuses bad input with 422 naming each field, and malformed JSON with 400", async () => {
    const response = await callManagement(p("incidents"), {
      key: responder,
      method: "POST",
      json: { incident: { status: "exploded", components: { abc: "on_fire" } } },
    });
    expect(response.status).toBe(422);
    const error = expectShape(errorSchema, response.json).error as Record<string, string[]>;
    expect(Object.keys(error)).toEqual(expect.arrayContaining(["status"]));
    const noName = await callManagement(p("incidents"), {
      key: responder,
      method: "POST",
      json: { incident: { body: "x" } },
    });
    expect(noName.json).toEqual({ error: { name: ["name is required."] } });
    const malformed = await callManagement(p("incidents"), {
      key: responder,
      method: "POST",
      raw: '{"incident": {"name": ',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.json).toEqual({ error: "The request body is not valid JSON." });
  });

  it('refuses a components map keyed "__proto__" by field instead of dropping that key and creating the incident', async () => {
    const component = await createComponent();
    const name = unique("Proto");
    const raw = `{"incident":{"name":"${name}","components":{"__proto__":"major_outage","${component.id}":"major_outage"}}}`;
    const response = await callManagement(p("incidents"), { key: responder, method: "POST", raw });
    expect(response.status).toBe(422);
    expect(response.json.error.components[0]).toMatch(/__proto__/);
    expect(await getDb().incident.count({ where: { name } })).toBe(0);
  });

  it("refuses NUL characters in bodies and query strings with 422 naming the field, never a 500", async () => {
    const body = await callManagement(p("incidents"), {
      key: responder,
      method: "POST",
      json: { incident: { name: "Bad\u0000name", body: "x" } },
    });
    expect(body.status).toBe(422);
    expect(body.json).toEqual({ error: { name: [expect.stringMatching(/control character/)] } });
    const form = await callManagement(p("components"), {
      key: responder,
      method: "POST",
      form: "component[name]=a%00b",
    });
    expect(form.status).toBe(422);
    expect(form.json.error).toHaveProperty("name");
    const query = await callManagement(p("incidents"), { key: viewer, query: "q=a%00b" });
    expect(query.status).toBe(422);
    expect(query.json.error).toHaveProperty("q");
  });

  it("answers 501 with a sentence for resources this product does not have, and 405 for a wrong method", async () => {
    const unsupported = await callManagement(p("page_access_users"), { key: viewer });
    expect(unsupported.status).toBe(501);
    expect(unsupported.json.error).toMatch(/not supported/);
    const wrong = await callManagement(p("incidents/unresolved"), { key: responder, method: "POST", json: {} });
    expect(wrong.status).toBe(405);
  });
});

describe("components and component groups", () => {
  it("creates, reads, updates (fields and status) and deletes a component", async () => {
    const name = unique("Web");
    const created = await callManagement(p("components"), {
      key: responder,
      method: "POST",
      json: {
        component: {
          name,
          description: "Front end",
          status: "degraded_performance",
          only_show_if_degraded: true,
          start_date: "2024-01-31",
        },
      },
    });
    expect(created.status).toBe(201);
    const component = expectShape(componentSchema, created.json);
    expect(component).toMatchObject({
      name,
      description: "Front end",
      status: "degraded_performance",
      showcase: true,
      only_show_if_degraded: true,
      start_date: "2024-01-31",
      group: false,
    });
    const got = await callManagement(p(`components/${component.id}`), { key: viewer });
    expect(got.json.id).toBe(component.id);
    const form = "component[status]=major_outage&component[description]=Site";
    const patched = await callManagement(p(`components/${component.id}`), { key: responder, method: "PATCH", form });
    expect(expectShape(componentSchema, patched.json)).toMatchObject({
      name,
      status: "major_outage",
      description: "Site",
      only_show_if_degraded: true,
    });
    const listed = await callManagement(p("components"), { key: viewer, query: "per_page=100&page=1" });
    z.array(componentSchema).parse(listed.json);
    const uptime = await callManagement(p(`components/${component.id}/uptime`), { key: viewer });
    expect(uptime.status).toBe(200);
    expectShape(uptimeSchema, uptime.json);
    const deleted = await callManagement(p(`components/${component.id}`), { key: responder, method: "DELETE" });
    expect(deleted.status).toBe(204);
    expect((await callManagement(p(`components/${component.id}`), { key: viewer })).status).toBe(404);
  });

  it("computes uptime with the page's rule: a whole day of major outage within a 2-day range is 50 %", async () => {
    const component = await createComponent({ startDate: new Date("2025-01-01T00:00:00Z") });
    await getDb().componentStatusChange.createMany({
      data: [
        { componentId: component.id, toStatus: "major_outage", changedAt: new Date("2025-03-01T00:00:00Z") },
        { componentId: component.id, toStatus: "operational", changedAt: new Date("2025-03-02T00:00:00Z") },
      ],
    });
    const uptime = await callManagement(p(`components/${component.id}/uptime`), {
      key: viewer,
      query: "start=2025-03-01&end=2025-03-02",
    });
    expect(uptime.json).toMatchObject({
      range_start: "2025-03-01",
      range_end: "2025-03-02",
      uptime_percentage: 50,
      major_outage: 86_400,
      partial_outage: 0,
    });
  });

  it("creates a group with its components in order, updates its members, and deletes it answering the group", async () => {
    const [a, b, c] = [await createComponent(), await createComponent(), await createComponent()];
    const created = await callManagement(p("component-groups"), {
      key: responder,
      method: "POST",
      json: { component_group: { name: "Data", components: [b.id, a.id] }, description: "Storage" },
    });
    expect(created.status).toBe(201);
    const group = expectShape(componentGroupSchema, created.json);
    expect(group).toMatchObject({ name: "Data", description: "Storage", components: [b.id, a.id] });
    const form = `component_group[name]=Data+stores&component_group[components][]=${c.id}&component_group[components][]=${a.id}`;
    const updated = await callManagement(p(`component-groups/${group.id}`), { key: responder, method: "PATCH", form });
    expect(expectShape(componentGroupSchema, updated.json)).toMatchObject({
      name: "Data stores",
      description: "Storage",
    });
    expect(updated.json.components.sort()).toEqual([a.id, c.id].sort());
    expect((await getDb().component.findUniqueOrThrow({ where: { id: b.id } })).groupId).toBeNull();
    const listed = await callManagement(p("component-groups"), { key: viewer });
    z.array(componentGroupSchema).parse(listed.json);
    const deleted = await callManagement(p(`component-groups/${group.id}`), { key: responder, method: "DELETE" });
    expect(deleted.status).toBe(200);
    expect(deleted.json.id).toBe(group.id);
    expect((await getDb().component.findUniqueOrThrow({ where: { id: a.id } })).groupId).toBeNull();
  });
});

describe("rate limiting", () => {
  it("answers 429 with Retry-After once a key exceeds its requests per window", async () => {
    const owner = await actorFor("owner");
    const key = (await createApiKey({ ctx: { actor: owner }, input: { name: unique("Burst"), role: "viewer" } })).token;
    process.env.MANAGEMENT_API_RATE_LIMIT = "3";
    try {
      const statuses: number[] = [];
      let last: Awaited<ReturnType<typeof callManagement>> | null = null;
      for (let i = 0; i < 4; i++) {
        last = await callManagement(p("components"), { key });
        statuses.push(last.status);
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
      expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(last!.json.error).toMatch(/Rate limit/);
      expect((await callManagement(p("components"), { key: viewer })).status).toBe(200);
    } finally {
      process.env.MANAGEMENT_API_RATE_LIMIT = "0";
    }
  });

  it("counts a key's requests in PostgreSQL, so every instance sees them, and answers 420 when configured so", async () => {
    const owner = await actorFor("owner");
    const key = (await createApiKey({ ctx: { actor: owner }, input: { name: unique("Spread"), role: "viewer" } }))
      .token;
    process.env.MANAGEMENT_API_RATE_LIMIT = "2";
    process.env.MANAGEMENT_API_RATE_LIMIT_STATUS = "420";
    try {
      expect((await callManagement(p("components"), { key })).status).toBe(200);
      expect((await callManagement(p("components"), { key })).status).toBe(200);
      // Another instance shares no memory with this one: forget everything this process keeps, as it would not have it.
      for (const name of Object.keys(globalThis).filter((k) => /management|ratelimit|rate_limit/i.test(k)))
        Reflect.deleteProperty(globalThis, name);
      const refused = await callManagement(p("components"), { key });
      expect(refused.status).toBe(420);
      const retryAfter = Number(refused.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(
        await getDb().rateLimitEvent.count({ where: { key: { startsWith: "management-api:" } } }),
      ).toBeGreaterThanOrEqual(2);
    } finally {
      process.env.MANAGEMENT_API_RATE_LIMIT = "0";
      delete process.env.MANAGEMENT_API_RATE_LIMIT_STATUS;
    }
  });
});

describe("OpenAPI description", () => {
  it("describes the management API's paths next to the existing /api/v1 and /api/v2 ones", async () => {
    const { openApiDocument } = await import("@/server/api/openapi");
    const paths = Object.keys(openApiDocument("http://status.test").paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        "/api/v1/incidents",
        "/api/v1/pages",
        "/api/v1/pages/{page_id}",
        "/api/v1/pages/{page_id}/incidents",
        "/api/v1/pages/{page_id}/incidents/unresolved",
        "/api/v1/pages/{page_id}/incidents/{incidentId}/incident_updates/{incidentUpdateId}",
        "/api/v1/pages/{page_id}/components/{componentId}/uptime",
        "/api/v1/pages/{page_id}/component-groups",
        "/api/v1/pages/{page_id}/subscribers",
        "/api/v1/pages/{page_id}/incident_templates",
        "/api/v1/pages/{page_id}/incidents/{incidentId}/postmortem/publish",
      ]),
    );
  });
});
