import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { actorFor, createComponent, unique } from "@/tests/support/factories";
import { openManagementApi } from "@/tests/api/support";
import { callManagement } from "@/tests/api/management/client";
import * as managementRoute from "@/app/api/v1/pages/[[...resourcePath]]/route";
import { createIncident } from "@/server/services/incidents/create-incident";
import { setIncidentAttributes } from "@/server/services/incidents/set-incident-attributes";
import { toAppError } from "@/server/errors";
import { findUnsafeText } from "@/lib/unsafe-text";

let pageId: string;
let responder: string;

beforeAll(async () => {
  ({ pageId, responder } = await openManagementApi("bounds"));
});

/** `{"a":{"a":…{leaf}…}}`, `levels` objects deep. */
function nested(levels: number, leaf: unknown): unknown {
  let value = leaf;
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}

async function createWith(incident: Record<string, unknown>) {
  return callManagement(`${pageId}/incidents`, { key: responder, method: "POST", json: { incident } });
}

/** A raw JSON body to the incidents endpoint, optionally with an Idempotency-Key. */
async function postRaw(raw: string, idempotencyKey?: string) {
  const headers: Record<string, string> = { "content-type": "application/json", authorization: `Bearer ${responder}` };
  if (idempotencyKey) headers["idempotency-key"] = idempotencyKey;
  const response = await managementRoute.POST(
    new Request(`http://status.test/api/v1/pages/${pageId}/incidents`, { method: "POST", headers, body: raw }),
    { params: Promise.resolve({ resourcePath: [pageId, "incidents"] }) },
  );
  return { status: response.status, json: await response.json() };
}

async function countNamed(name: string) {
  return getDb().incident.count({ where: { name } });
}

describe("metadata", () => {
  it("a NUL 40 levels deep in metadata is a 422 naming the field, not a 500 from PostgreSQL", async () => {
    const name = unique("Deep NUL");
    const response = await createWith({ name, body: "x", metadata: { jira: nested(40, "bad\u0000") } });
    expect(response.status).toBe(422);
    expect(Object.keys(response.json.error)).toEqual([expect.stringMatching(/^metadata(\.|$)/)]);
    expect(await countNamed(name)).toBe(0);
    expect(findUnsafeText(nested(5_000, "\u0000"))).toEqual([expect.stringMatching(/^a\.a\./)]);
  });

  it("metadata nested 3,000 levels deep is refused naming the field, with or without an Idempotency-Key", async () => {
    const name = unique("Deep");
    const deep = `${'{"a":'.repeat(3_000)}1${"}".repeat(3_000)}`;
    const raw = `{"incident":{"name":"${name}","body":"x","metadata":{"jira":${deep}}}}`;
    for (const key of [undefined, unique("deep")]) {
      const response = await postRaw(raw, key);
      expect(response.status, key ?? "no key").toBe(422);
      expect(response.json.error).toHaveProperty(["metadata"]);
    }
    const arrays = `{"incident":{"name":"${name}","body":"x","metadata":{"jira":{"a":${"[".repeat(100_000)}${"]".repeat(100_000)}}}}}`;
    expect((await postRaw(arrays)).status).toBe(422);
    expect(await countNamed(name)).toBe(0);
  });

  it("metadata a few levels deep and of a sensible size is kept; a huge one is refused", async () => {
    const name = unique("Shallow");
    const kept = await createWith({ name, body: "x", metadata: { jira: { key: "OPS-1", nested: nested(6, "ok") } } });
    expect(kept.status).toBe(201);
    expect(kept.json.metadata.jira.key).toBe("OPS-1");
    const huge = await createWith({
      name: unique("Huge"),
      body: "x",
      metadata: { blob: Object.fromEntries(Array.from({ length: 2_000 }, (_, i) => [`k${i}`, "v".repeat(20)])) },
    });
    expect(huge.status).toBe(422);
    expect(huge.json.error.metadata).toEqual([expect.stringMatching(/at most/)]);
  });

  it("the service refuses metadata nested too deeply, whoever calls it", async () => {
    const { incident } = await createIncident({
      ctx: { actor: await actorFor("responder") },
      input: { name: unique("Attr"), status: "investigating", impact: "minor", message: "Looking" },
    });
    const error = await setIncidentAttributes({
      ctx: { actor: await actorFor("responder") },
      input: { incidentId: incident.id, metadata: { jira: nested(50, "x") as Record<string, unknown> } },
    }).catch(toAppError);
    expect(error).toMatchObject({ code: "VALIDATION", fieldErrors: { metadata: [expect.any(String)] } });
  });
});

describe("dates", () => {
  // JS Date's first day, a day before PostgreSQL's first, and year zero, which PostgreSQL refuses.
  const OUT_OF_RANGE = ["-271821-04-20T00:00:00Z", "-004714-01-01T00:00:00Z", "0000-01-01T00:00:00Z"];

  it.each(OUT_OF_RANGE)("started_at %s is a 422 naming the field, not a 500", async (value) => {
    const name = unique("Ancient");
    const response = await createWith({ name, body: "x", status: "investigating", started_at: value });
    expect(response.status).toBe(422);
    expect(Object.keys(response.json.error)).toEqual(["started_at"]);
    expect(await countNamed(name)).toBe(0);
  });

  it("every dated field of the API and the services applies the same range", async () => {
    const value = OUT_OF_RANGE[0];
    const scheduled = await createWith({
      name: unique("Window"),
      body: "x",
      status: "scheduled",
      scheduled_for: value,
      scheduled_until: "2030-01-01T00:00:00Z",
    });
    expect(scheduled.status).toBe(422);
    expect(scheduled.json.error).toHaveProperty("scheduled_for");
    const backfill = await createWith({ name: unique("Backfill"), body: "x", backfilled: true, backfill_date: value });
    expect(backfill.status).toBe(422);
    expect(backfill.json.error).toHaveProperty("backfill_date");

    const component = await createComponent();
    const started = await callManagement(`${pageId}/components/${component.id}`, {
      key: responder,
      method: "PATCH",
      json: { component: { start_date: "0000-01-01" } },
    });
    expect(started.status).toBe(422);
    expect(started.json.error).toHaveProperty("start_date");
    const uptime = await callManagement(`${pageId}/components/${component.id}/uptime`, {
      key: responder,
      query: "start=0000-01-01&end=0000-12-31",
    });
    expect(uptime.status).toBe(422);
    expect(uptime.json.error).toHaveProperty("start");
    const farFuture = await createWith({
      name: unique("Far"),
      body: "x",
      status: "scheduled",
      scheduled_for: "+275760-09-12T00:00:00Z",
      scheduled_until: "+275760-09-13T00:00:00Z",
    });
    expect(farFuture.status).toBe(422);
    expect(farFuture.json.error).toHaveProperty("scheduled_for");

    const service = await createIncident({
      ctx: { actor: await actorFor("responder") },
      input: {
        name: unique("Service"),
        status: "investigating",
        impact: "minor",
        message: "Looking",
        startedAt: new Date(-8.64e15),
      },
    }).catch(toAppError);
    expect(service).toMatchObject({ code: "VALIDATION", fieldErrors: { startedAt: [expect.any(String)] } });
  });

  it("a date inside the range is kept as sent", async () => {
    const response = await createWith({
      name: unique("Recent"),
      body: "x",
      status: "investigating",
      started_at: "2001-02-03T04:05:06Z",
    });
    expect(response.status).toBe(201);
    expect(response.json.started_at).toBe("2001-02-03T04:05:06.000Z");
  });
});
