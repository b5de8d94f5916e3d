import { beforeAll, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { getDb } from "@/server/db/client";
import { type AppError } from "@/server/errors";
import { actorFor, createComponent, unique, untypedInput } from "@/tests/support/factories";
import { ensurePageOnce } from "@/tests/api/support";
import { createApiKey } from "@/server/services/api-keys/create-api-key";
import { revokeApiKey } from "@/server/services/api-keys/revoke-api-key";
import { listApiKeys } from "@/server/queries/api-keys";
import type { Actor } from "@/server/services/context";
import * as incidentsRoute from "@/app/api/v1/incidents/route";
import * as incidentRoute from "@/app/api/v1/incidents/[incidentId]/route";
import * as updatesRoute from "@/app/api/v1/incidents/[incidentId]/updates/route";
import * as resolveRoute from "@/app/api/v1/incidents/[incidentId]/resolve/route";
import * as componentsRoute from "@/app/api/v1/components/route";
import * as componentRoute from "@/app/api/v1/components/[componentId]/route";
import * as maintenancesRoute from "@/app/api/v1/maintenances/route";
import * as publicUnresolvedRoute from "@/app/api/v2/incidents/unresolved.json/route";

type Handler = (request: Request, context: never) => Promise<Response>;

async function call(
  handler: Handler,
  options: {
    method?: string;
    path?: string;
    token?: string | null;
    body?: unknown;
    raw?: string;
    headers?: Record<string, string>;
    params?: Record<string, string>;
  } = {},
) {
  const headers: Record<string, string> = { "content-type": "application/json", ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const init: RequestInit = { method: options.method ?? "GET", headers };
  if (options.raw !== undefined) init.body = options.raw;
  else if (options.body !== undefined) init.body = JSON.stringify(options.body);
  const response = await handler(new Request(`http://api.test${options.path ?? "/api/v1"}`, init), {
    params: Promise.resolve(options.params ?? {}),
  } as never);
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : null };
}

let owner: Actor;
let responderToken: string;
let responderKeyId: string;
let viewerToken: string;
let componentId: string;

beforeAll(async () => {
  await ensurePageOnce();
  owner = await actorFor("owner");
  const responderKey = await createApiKey({
    ctx: { actor: owner },
    input: { name: unique("Alerting bot"), role: "responder" },
  });
  responderToken = responderKey.token;
  responderKeyId = responderKey.apiKey.id;
  viewerToken = (await createApiKey({ ctx: { actor: owner }, input: { name: unique("Dashboard"), role: "viewer" } }))
    .token;
  componentId = (await createComponent({ name: unique("API target") })).id;
});

describe("API key service", () => {
  it("returns the plaintext once and stores only its SHA-256 hash and prefix", async () => {
    const { apiKey, token } = await createApiKey({ ctx: { actor: owner }, input: { name: "CI", role: "viewer" } });
    expect(token).toMatch(/^sp_[A-Za-z0-9_-]{43}$/);
    const row = await getDb().apiKey.findUniqueOrThrow({ where: { id: apiKey.id } });
    expect(row.hash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(row.prefix).toBe(token.slice(0, 11));
    expect(JSON.stringify(row)).not.toContain(token);
    const audit = await getDb().auditLog.findFirst({ where: { entityType: "api-key", entityId: apiKey.id } });
    expect(audit?.action).toBe("api-key.create");
    expect(JSON.stringify(audit?.after)).not.toContain(token);
  });

  it("refuses a responder who tries to create, list or revoke keys", async () => {
    const responder = await actorFor("responder");
    await expect(
      createApiKey({ ctx: { actor: responder }, input: { name: "x", role: "viewer" } }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(listApiKeys({ ctx: { actor: responder } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      revokeApiKey({ ctx: { actor: responder }, input: { apiKeyId: responderKeyId } }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("validates the name and refuses a role that does not exist", async () => {
    const error = await createApiKey({
      ctx: { actor: owner },
      input: untypedInput({ name: " ", role: "admin" }),
    }).catch((e: AppError) => e);
    expect(error).toMatchObject({ code: "VALIDATION" });
    expect(Object.keys((error as AppError).fieldErrors ?? {}).sort()).toEqual(["name", "role"]);
  });

  it("shows the last use in the list", async () => {
    await call(componentsRoute.GET, { token: viewerToken });
    const list = await listApiKeys({ ctx: { actor: owner } });
    const viewerKey = list.find((k) => k.prefix === viewerToken.slice(0, 11))!;
    expect(viewerKey.lastUsedAt).toBeInstanceOf(Date);
    expect(viewerKey).not.toHaveProperty("hash");
  });

  it("refuses requests with a revoked key from the next request on", async () => {
    const { apiKey, token } = await createApiKey({
      ctx: { actor: owner },
      input: { name: "Soon revoked", role: "responder" },
    });
    expect((await call(componentsRoute.GET as Handler, { token })).status).toBe(200);
    await revokeApiKey({ ctx: { actor: owner }, input: { apiKeyId: apiKey.id } });
    const refused = await call(componentsRoute.GET, { token });
    expect(refused.status).toBe(401);
    expect(refused.json.error.message).toMatch(/revoked/);
    await expect(revokeApiKey({ ctx: { actor: owner }, input: { apiKeyId: apiKey.id } })).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });
});

describe("authenticated v1 API", () => {
  it("answers 401 without a key or with an unknown one", async () => {
    const missing = await call(incidentsRoute.GET, { token: null });
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toContain("Bearer");
    expect(missing.json.error.code).toBe("unauthorized");
    expect((await call(incidentsRoute.GET as Handler, { token: `sp_${"A".repeat(43)}` })).status).toBe(401);
    expect((await call(incidentsRoute.GET as Handler, { headers: { authorization: "Basic abc" } })).status).toBe(401);
  });

  it("lets a viewer key read but not write", async () => {
    expect((await call(incidentsRoute.GET as Handler, { token: viewerToken })).status).toBe(200);
    const write = await call(incidentsRoute.POST, {
      method: "POST",
      token: viewerToken,
      body: { name: "x", body: "y" },
    });
    expect(write.status).toBe(403);
    expect(write.json.error.code).toBe("forbidden");
  });

  it("resolves a backfilled incident at the time given in display_at", async () => {
    const created = await call(incidentsRoute.POST, {
      method: "POST",
      token: responderToken,
      body: {
        name: unique("Backfilled outage"),
        body: "Builds failed.",
        started_at: "2023-03-01T09:00:00Z",
        deliver_notifications: false,
      },
    });
    expect(created.status).toBe(201);
    const resolved = await call(resolveRoute.POST, {
      method: "POST",
      token: responderToken,
      params: { incidentId: created.json.incident.id },
      body: { display_at: "2023-03-01T11:30:00Z", deliver_notifications: false },
    });
    expect(resolved.status).toBe(200);
    expect(resolved.json.incident).toMatchObject({ status: "resolved", resolved_at: "2023-03-01T11:30:00.000Z" });
    expect(resolved.json.incident.incident_updates[0]).toMatchObject({
      status: "resolved",
      display_at: "2023-03-01T11:30:00.000Z",
    });
  });

  it("declares, updates and resolves an incident, and the public API shows each step at once", async () => {
    const name = unique("Checkout errors");
    const created = await call(incidentsRoute.POST, {
      method: "POST",
      token: responderToken,
      body: {
        name,
        status: "investigating",
        impact: "major",
        body: "We are **looking** into it.",
        components: { [componentId]: "partial_outage" },
      },
    });
    expect(created.status).toBe(201);
    const incident = created.json.incident;
    expect(incident).toMatchObject({ name, status: "investigating", impact: "major" });
    expect(incident.components.map((c: { id: string }) => c.id)).toEqual([componentId]);
    expect(incident.incident_updates[0].affected_components).toEqual([
      { code: componentId, name: expect.any(String), old_status: "operational", new_status: "partial_outage" },
    ]);

    const publicList = await (
      await publicUnresolvedRoute.GET(new Request("http://api.test/api/v2/incidents/unresolved.json"))
    ).json();
    expect(publicList.incidents.map((i: { id: string }) => i.id)).toContain(incident.id);

    const update = await call(updatesRoute.POST, {
      method: "POST",
      token: responderToken,
      params: { incidentId: incident.id },
      body: { status: "identified", body: "Found a bad deploy.", components: { [componentId]: "major_outage" } },
    });
    expect(update.status).toBe(201);
    expect(update.json.incident_update).toMatchObject({
      status: "identified",
      body: "Found a bad deploy.",
      incident_id: incident.id,
    });
    expect(update.json.incident.status).toBe("identified");

    const resolved = await call(resolveRoute.POST, {
      method: "POST",
      token: responderToken,
      params: { incidentId: incident.id },
      body: {},
    });
    expect(resolved.status).toBe(200);
    expect(resolved.json.incident.status).toBe("resolved");
    expect(resolved.json.incident.resolved_at).not.toBeNull();
    const component = await getDb().component.findUniqueOrThrow({ where: { id: componentId } });
    expect(component.status).toBe("operational");

    const again = await call(resolveRoute.POST, {
      method: "POST",
      token: responderToken,
      params: { incidentId: incident.id },
      body: {},
    });
    expect(again.status).toBe(409);

    const audit = await getDb().auditLog.findFirst({ where: { entityId: incident.id, action: "incident.create" } });
    expect(audit?.actorLabel).toMatch(/^API key "/);
  });

  it("answers 400 for malformed JSON and for fields of the wrong type, naming them", async () => {
    const malformed = await call(incidentsRoute.POST, { method: "POST", token: responderToken, raw: '{"name": "x",' });
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.code).toBe("malformed_json");
    const array = await call(incidentsRoute.POST, { method: "POST", token: responderToken, raw: "[1]" });
    expect(array.status).toBe(400);
    const wrong = await call(incidentsRoute.POST, {
      method: "POST",
      token: responderToken,
      body: { name: 5, impact: "huge", components: { [componentId]: "on_fire" } },
    });
    expect(wrong.status).toBe(400);
    expect(Object.keys(wrong.json.error.fields).sort()).toEqual(
      ["body", "components." + componentId, "impact", "name"].sort(),
    );
  });

  it("answers 422 when the service refuses the values, naming the fields", async () => {
    const future = await call(incidentsRoute.POST, {
      method: "POST",
      token: responderToken,
      body: { name: "Later", body: "Soon", started_at: new Date(Date.now() + 86_400_000).toISOString() },
    });
    expect(future.status).toBe(422);
    expect(future.json.error.fields).toHaveProperty("started_at");
    const blank = await call(incidentsRoute.POST, {
      method: "POST",
      token: responderToken,
      body: { name: "  ", body: "x" },
    });
    expect(blank.status).toBe(422);
    expect(blank.json.error.fields).toHaveProperty("name");
  });

  it("answers 413 for a body over 256 KB", async () => {
    const response = await call(incidentsRoute.POST, {
      method: "POST",
      token: responderToken,
      body: { name: "big", body: "x".repeat(300 * 1024) },
    });
    expect(response.status).toBe(413);
    expect(response.json.error.code).toBe("payload_too_large");
  });

  it("answers 404 for unknown incidents and components", async () => {
    expect(
      (await call(incidentRoute.GET as Handler, { token: viewerToken, params: { incidentId: "missing" } })).status,
    ).toBe(404);
    expect(
      (
        await call(updatesRoute.POST as Handler, {
          method: "POST",
          token: responderToken,
          params: { incidentId: "missing" },
          body: { status: "identified", body: "x" },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await call(componentRoute.PATCH as Handler, {
          method: "PATCH",
          token: responderToken,
          params: { componentId: "missing" },
          body: { status: "major_outage" },
        })
      ).status,
    ).toBe(404);
  });

  it("replays the stored response for a retry with the same Idempotency-Key and posts the update once", async () => {
    const created = await call(incidentsRoute.POST, {
      method: "POST",
      token: responderToken,
      body: { name: unique("Retry"), body: "Start" },
    });
    const incidentId = created.json.incident.id;
    const key = unique("retry-key");
    const send = (body: unknown) =>
      call(updatesRoute.POST, {
        method: "POST",
        token: responderToken,
        params: { incidentId },
        body,
        headers: { "Idempotency-Key": key },
        path: `/api/v1/incidents/${incidentId}/updates`,
      });
    const [first, second] = await Promise.all([
      send({ status: "identified", body: "Same" }),
      send({ status: "identified", body: "Same" }),
    ]);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.json).toEqual(first.json);
    const third = await send({ status: "identified", body: "Same" });
    expect(third.headers.get("idempotent-replayed")).toBe("true");
    expect(third.json).toEqual(first.json);
    expect(await getDb().incidentUpdate.count({ where: { incidentId } })).toBe(2);
    const different = await send({ status: "identified", body: "Different" });
    expect(different.status).toBe(422);
    expect(different.json.error.code).toBe("idempotency_key_reused");
    expect(await getDb().incidentUpdate.count({ where: { incidentId } })).toBe(2);
  });

  it("forgets an Idempotency-Key after 24 hours", async () => {
    const key = unique("old-key");
    const send = () =>
      call(incidentsRoute.POST, {
        method: "POST",
        token: responderToken,
        body: { name: "Daily check", body: "x" },
        headers: { "Idempotency-Key": key },
      });
    const first = await send();
    await getDb().idempotencyRecord.updateMany({
      where: { key },
      data: { createdAt: new Date(Date.now() - 25 * 3_600_000) },
    });
    const later = await send();
    expect(later.status).toBe(201);
    expect(later.headers.get("idempotent-replayed")).toBeNull();
    expect(later.json.incident.id).not.toBe(first.json.incident.id);
    expect(await getDb().idempotencyRecord.count({ where: { key } })).toBe(1);
  });

  it("does not store a failed request, so a retry with the same key can succeed", async () => {
    const key = unique("fail-key");
    const send = (body: unknown) =>
      call(incidentsRoute.POST, { method: "POST", token: responderToken, body, headers: { "Idempotency-Key": key } });
    expect((await send({ name: "  ", body: "x" })).status).toBe(422);
    expect((await send({ name: unique("Fixed"), body: "x" })).status).toBe(201);
  });

  it("renames an incident and refuses a stale version with 409", async () => {
    const created = await call(incidentsRoute.POST, {
      method: "POST",
      token: responderToken,
      body: { name: unique("Old name"), body: "x" },
    });
    const incidentId = created.json.incident.id;
    const renamed = await call(incidentRoute.PATCH, {
      method: "PATCH",
      token: responderToken,
      params: { incidentId },
      body: { name: "New name", impact: "critical" },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.json.incident).toMatchObject({ name: "New name", impact: "critical" });
    const stale = await call(incidentRoute.PATCH, {
      method: "PATCH",
      token: responderToken,
      params: { incidentId },
      body: { name: "Stale", version: 1 },
    });
    expect(stale.status).toBe(409);
    const fetched = await call(incidentRoute.GET, { token: viewerToken, params: { incidentId } });
    expect(fetched.json.incident.name).toBe("New name");
  });

  it("sets a component's status", async () => {
    const response = await call(componentRoute.PATCH, {
      method: "PATCH",
      token: responderToken,
      params: { componentId },
      body: { status: "degraded_performance" },
    });
    expect(response.status).toBe(200);
    expect(response.json.component).toMatchObject({ id: componentId, status: "degraded_performance", group: false });
    const invalid = await call(componentRoute.PATCH, {
      method: "PATCH",
      token: responderToken,
      params: { componentId },
      body: { status: "broken" },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.json.error.fields).toHaveProperty("status");
    const list = await call(componentsRoute.GET, { token: viewerToken });
    expect(list.json.components.find((c: { id: string }) => c.id === componentId).status).toBe("degraded_performance");
  });

  it("creates a maintenance and validates its window", async () => {
    const start = new Date(Date.now() + 86_400_000);
    const created = await call(maintenancesRoute.POST, {
      method: "POST",
      token: responderToken,
      body: {
        name: unique("DB upgrade"),
        body: "We will upgrade.",
        scheduled_for: start.toISOString(),
        scheduled_until: new Date(start.getTime() + 3_600_000).toISOString(),
        component_ids: [componentId],
      },
    });
    expect(created.status).toBe(201);
    expect(created.json.scheduled_maintenance).toMatchObject({
      status: "scheduled",
      impact: "maintenance",
      scheduled_for: start.toISOString(),
    });
    expect(created.json.scheduled_maintenance.components.map((c: { id: string }) => c.id)).toEqual([componentId]);
    const backwards = await call(maintenancesRoute.POST, {
      method: "POST",
      token: responderToken,
      body: {
        name: "Bad",
        body: "x",
        scheduled_for: start.toISOString(),
        scheduled_until: new Date(start.getTime() - 60_000).toISOString(),
      },
    });
    expect(backwards.status).toBe(422);
    expect(backwards.json.error.fields).toHaveProperty("scheduled_until");
  });
});
