import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { actorFor, createComponent, unique } from "@/tests/support/factories";
import { ensurePageOnce } from "@/tests/api/support";
import { createApiKey } from "@/server/services/api-keys/create-api-key";
import { createIncident } from "@/server/services/incidents/create-incident";
import { canonicalJson } from "@/server/services/idempotency";
import * as incidentsRoute from "@/app/api/v1/incidents/route";
import * as updatesRoute from "@/app/api/v1/incidents/[incidentId]/updates/route";

type Handler = (request: Request, context: never) => Promise<Response>;

let token: string;

async function post(
  handler: Handler,
  raw: string,
  options: { key?: string; params?: Record<string, string>; path?: string } = {},
) {
  const headers: Record<string, string> = { "content-type": "application/json", authorization: `Bearer ${token}` };
  if (options.key) headers["idempotency-key"] = options.key;
  const response = await handler(
    new Request(`http://api.test${options.path ?? "/api/v1/incidents"}`, { method: "POST", headers, body: raw }),
    {
      params: Promise.resolve(options.params ?? {}),
    } as never,
  );
  return { status: response.status, headers: response.headers, text: await response.text() };
}

beforeAll(async () => {
  await ensurePageOnce();
  token = (
    await createApiKey({ ctx: { actor: await actorFor("owner") }, input: { name: unique("input"), role: "responder" } })
  ).token;
});

describe("API input", () => {
  it("a components map with an unknown key such as __proto__ is refused, not silently ignored", async () => {
    const component = await createComponent();
    const protoName = unique("Proto");
    const ghostName = unique("Ghost");
    const raw = `{"name":"${protoName}","body":"x","components":{"__proto__":"major_outage","${component.id}":"major_outage"}}`;
    const response = await post(incidentsRoute.POST, raw);
    expect(response.status).toBe(422);
    expect(JSON.parse(response.text).error.fields).toHaveProperty("components");
    const unknownId = await post(
      incidentsRoute.POST,
      `{"name":"${ghostName}","body":"x","components":{"no-such-component":"major_outage"}}`,
    );
    expect(unknownId.status).toBe(422);
    expect(await getDb().incident.count({ where: { name: { in: [protoName, ghostName] } } })).toBe(0);
  });

  it("an idempotent retry returns the first response byte for byte, however its JSON is spaced or ordered", async () => {
    const incidentId = JSON.parse(
      (await post(incidentsRoute.POST, JSON.stringify({ name: unique("Replay"), body: "Start" }))).text,
    ).incident.id;
    const key = unique("replay");
    const options = { key, params: { incidentId }, path: `/api/v1/incidents/${incidentId}/updates` };
    const first = await post(updatesRoute.POST, '{"status":"identified","body":"Same"}', options);
    expect(first.status).toBe(201);
    const again = await post(updatesRoute.POST, '{ "body" : "Same",\n  "status": "identified" }', options);
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.text).toBe(first.text);
    expect(await getDb().incidentUpdate.count({ where: { incidentId } })).toBe(2);
    expect(canonicalJson({ b: [1, { d: 2, c: 3 }], a: "x" })).toBe('{"a":"x","b":[1,{"c":3,"d":2}]}');
  });

  it("bidi override characters are removed from names so they cannot reorder the page around them", async () => {
    const { incident } = await createIncident({
      ctx: { actor: await actorFor("responder") },
      input: {
        name: "Database \u202Eegatuo\u202C recovered \u2067x\u2069",
        status: "investigating",
        impact: "minor",
        message: "Looking",
      },
    });
    const stored = await getDb().incident.findUniqueOrThrow({ where: { id: incident.id }, select: { name: true } });
    expect(stored.name).toBe("Database egatuo recovered x");
  });
});
