import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { actorFor, createComponent, unique } from "@/tests/support/factories";
import { ensurePageOnce } from "@/tests/api/support";
import { createApiKey } from "@/server/services/api-keys/create-api-key";
import { createMetricsProvider } from "@/server/services/metrics/manage-providers";
import { createMetric } from "@/server/services/metrics/manage-metrics";
import { MANAGEMENT_ENDPOINTS } from "@/server/api/management/endpoints";
import { UNSUPPORTED_RESOURCES, methodsOf } from "@/server/api/management/router";
import { API_V1_ROUTES, METHODS, loadApiV1Route, passProxy } from "@/tests/api/management/api-v1-router";
import { callApiV1, callManagement, type CallOptions } from "@/tests/api/management/client";

// Statuspage's older docs end every management URL in `.json` (`/pages/<id>/incidents.json`), and clients written
// against them still do. Every route, including ones added later, must answer the same with and without it.

let pageId: string;
let responder: string;
let viewer: string;
const ids: Record<string, string> = {};
let incidentFollowerId: string;

beforeAll(async () => {
  process.env.MANAGEMENT_API_RATE_LIMIT = "0";
  pageId = (await ensurePageOnce()).id;
  const owner = await actorFor("owner");
  responder = (await createApiKey({ ctx: { actor: owner }, input: { name: unique("Suffix"), role: "responder" } }))
    .token;
  viewer = (await createApiKey({ ctx: { actor: owner }, input: { name: unique("Suffix"), role: "viewer" } })).token;
  const write = (path: string, json: unknown, method = "POST") =>
    callManagement(`${pageId}/${path}`, { key: responder, method, json });

  ids.componentId = (await createComponent()).id;
  ids.componentGroupId = (
    await write("component-groups", { component_group: { name: unique("Group"), components: [ids.componentId] } })
  ).json.id;
  const incident = await write("incidents", { incident: { name: unique("Suffix walk"), body: "Looking into it." } });
  ids.incidentId = incident.json.id;
  ids.incidentUpdateId = incident.json.incident_updates[0].id;
  await write(`incidents/${ids.incidentId}/postmortem`, { postmortem: { body_draft: "What happened." } }, "PUT");
  const { provider } = await createMetricsProvider({ ctx: { actor: owner }, input: { type: "self" } });
  ids.metricsProviderId = provider.id;
  ids.metricId = (
    await createMetric({ ctx: { actor: owner }, input: { providerId: provider.id, name: unique("Suffix metric") } })
  ).metric.id;
  ids.subscriberId = (
    await write("subscribers", {
      subscriber: { email: `${unique("suffix")}@example.test`, skip_confirmation_notification: true },
    })
  ).json.id;
  incidentFollowerId = (
    await getDb().subscriber.create({
      data: {
        kind: "email",
        email: `${unique("follower")}@example.test`,
        incidentId: ids.incidentId,
        manageToken: unique("token"),
        addressKey: unique("key"),
      },
    })
  ).id;
  process.env.WEBHOOK_ALLOW_PRIVATE = "1";
  ids.channelId = (
    await callApiV1("chat-channels", {
      key: responder,
      method: "POST",
      json: {
        name: unique("Suffix channel"),
        platform: "slack",
        webhook_url: "http://127.0.0.1:9/hook",
        events: ["incident.created"],
      },
    })
  ).json.chat_channel.id;
});

afterAll(() => {
  delete process.env.WEBHOOK_ALLOW_PRIVATE;
});

/** A route pattern (`incidents/:incidentId` or `incidents/[incidentId]`) with this test's ids in place. */
function fill(pattern: string): string {
  const values = /^incidents\/:incidentId\/subscribers\/:subscriberId/.test(pattern)
    ? { ...ids, subscriberId: incidentFollowerId }
    : ids;
  return pattern.replace(/:(\w+)|\[(\w+)\]/g, (_, colon: string | undefined, bracket: string | undefined) => {
    const name = (colon ?? bracket)!;
    if (!values[name]) throw new Error(`No value for ${name} in ${pattern}: give this test one.`);
    return values[name];
  });
}

/** What identifies an answer while other test files add rows meanwhile: lists compare as lists, objects by id. */
function gist(json: unknown): unknown {
  if (Array.isArray(json)) return "a list";
  if (json && typeof json === "object") {
    const object = json as Record<string, unknown>;
    const inner = Object.values(object).length === 1 ? Object.values(object)[0] : object;
    return {
      keys: Object.keys(object).sort(),
      id: (inner as { id?: unknown })?.id,
      error: object.error,
    };
  }
  return json;
}

/** A read (responder key) answers 200 and a write (viewer key) 403, so the route was found; `.json` changes neither. */
async function expectSameWithSuffix(path: string, method: string) {
  const options: CallOptions = method === "GET" ? { key: responder } : { key: viewer, method, json: {} };
  const plain = await callApiV1(path, options);
  const suffixed = await callApiV1(`${path}.json`, options);
  const label = `${method} /api/v1/${path}`;
  expect(plain.status, `${label}: ${JSON.stringify(plain.json)}`).toBe(method === "GET" ? 200 : 403);
  expect({ status: suffixed.status, gist: gist(suffixed.json) }, `${label}.json`).toEqual({
    status: plain.status,
    gist: gist(plain.json),
  });
}

describe("a trailing .json, as in Statuspage's old docs", () => {
  it("GET /api/v1/pages.json lists the pages as /api/v1/pages does", async () => {
    const plain = await callApiV1("pages", { key: viewer });
    const suffixed = await callApiV1("pages.json", { key: viewer });
    expect(plain.status).toBe(200);
    expect(suffixed.status).toBe(200);
    expect(suffixed.json).toEqual(plain.json);
    expect(suffixed.json.map((page: { id: string }) => page.id)).toContain(pageId);
  });

  it("every management endpoint answers the same with and without it", async () => {
    const walked: string[] = [];
    for (const endpoint of MANAGEMENT_ENDPOINTS) {
      for (const method of methodsOf(endpoint)) {
        const path = endpoint.path ? `pages/${pageId}/${fill(endpoint.path)}` : `pages/${pageId}`;
        await expectSameWithSuffix(path, method);
        walked.push(`${method} ${endpoint.path}`);
      }
    }
    expect(walked.length).toBe(MANAGEMENT_ENDPOINTS.flatMap(methodsOf).length);
  });

  it("resources not supported here answer the same 501 with it", async () => {
    for (const resource of Object.keys(UNSUPPORTED_RESOURCES)) {
      for (const path of [`pages/${pageId}/${resource}`, `pages/${pageId}/${resource}/${ids.componentId}`]) {
        const plain = await callApiV1(path, { key: viewer });
        const suffixed = await callApiV1(`${path}.json`, { key: viewer });
        expect(plain.status, path).toBe(501);
        expect(suffixed, `${path}.json`).toMatchObject({ status: 501, json: plain.json });
      }
    }
  });

  it("every short form under /api/v1 answers the same with and without it", async () => {
    const shortForms = API_V1_ROUTES.filter((folders) => folders[0] !== "pages" && !folders[0].startsWith("["));
    expect(shortForms.length).toBeGreaterThan(0);
    for (const folders of shortForms) {
      const path = fill(folders.join("/"));
      const route = await loadApiV1Route(folders);
      for (const method of METHODS.filter((m) => route[m])) await expectSameWithSuffix(path, method);
    }
  });

  it("is dropped before routing only on /api/v1 paths, keeping the query", () => {
    const rewritten = (path: string) => {
      const passed = passProxy(`http://status.test${path}`, "GET", new Headers());
      return "url" in passed ? passed.url.replace("http://status.test", "") : null;
    };
    expect(rewritten("/api/v1/pages.json?api_key=k")).toBe("/api/v1/pages?api_key=k");
    expect(rewritten(`/api/v1/pages/${pageId}/incidents/unresolved.json`)).toBe(
      `/api/v1/pages/${pageId}/incidents/unresolved`,
    );
    expect(rewritten("/api/v2/summary.json")).toBe("/api/v2/summary.json");
    expect(rewritten("/history.json")).toBe("/history.json");
    expect(rewritten("/api/v1/pages/.json")).toBe("/api/v1/pages/.json");
  });
});
