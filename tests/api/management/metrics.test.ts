import { beforeAll, describe, expect, it } from "vitest";
import Ajv2020 from "ajv/dist/2020";
import { getDb } from "@/server/db/client";
import { actorFor, unique } from "@/tests/support/factories";
import { openManagementApi } from "@/tests/api/support";
import { createApiKey } from "@/server/services/api-keys/create-api-key";
import { openApiDocument } from "@/server/api/openapi";
import { callManagement, type CallOptions } from "@/tests/api/management/client";

// Statuspage's metrics API as its documentation describes it (MetricsApi, MetricProvidersApi, and "What are system
// metrics?": points cast to the nearest 30 s, the last for a slot kept, the answer carrying the cast timestamp,
// backfill up to 28 days).

let pageId: string;
let owner: string;
let responder: string;
let viewer: string;

beforeAll(async () => {
  ({ pageId, responder } = await openManagementApi("Metrics"));
  const actor = await actorFor("owner");
  owner = (await createApiKey({ ctx: { actor }, input: { name: unique("Metrics owner"), role: "owner" } })).token;
  viewer = (await createApiKey({ ctx: { actor }, input: { name: unique("Metrics viewer"), role: "viewer" } })).token;
});

const api = (path: string, options: CallOptions = {}) =>
  callManagement(`${pageId}/${path}`, { key: responder, ...options });

/** A slot boundary an hour ago: `base + 7` casts to `base`, `base + 16` to `base + 30`. */
function hourAgoSlot(): number {
  return Math.floor(Date.now() / 1000 / 30) * 30 - 3_600;
}

async function selfProvider(): Promise<string> {
  const created = await api("metrics_providers", {
    key: owner,
    method: "POST",
    json: { metrics_provider: { type: "Self" } },
  });
  expect(created.status).toBe(201);
  return created.json.id;
}

async function selfMetric(fields: Record<string, unknown> = {}): Promise<string> {
  const providerId = await selfProvider();
  const created = await api(`metrics_providers/${providerId}/metrics`, {
    method: "POST",
    json: { metric: { name: unique("API latency"), suffix: "ms", ...fields } },
  });
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  return created.json.id;
}

const storedPoints = async (metricId: string) =>
  (
    await getDb().metricPoint.findMany({
      where: { metricId },
      orderBy: { at: "asc" },
      select: { at: true, value: true },
    })
  ).map((p) => ({ timestamp: p.at.getTime() / 1000, value: p.value }));

describe("metrics providers", () => {
  it("links a Self and a Prometheus provider, lists, reads, updates and unlinks them as Statuspage's MetricsProvider", async () => {
    const self = await api("metrics_providers", {
      key: owner,
      method: "POST",
      json: { metrics_provider: { type: "Self" } },
    });
    expect(self.status).toBe(201);
    expect(self.json).toMatchObject({ type: "Self", disabled: false, metric_base_uri: null, page_id: pageId });
    expect(Object.keys(self.json).sort()).toEqual(
      [
        "id",
        "type",
        "disabled",
        "metric_base_uri",
        "last_revalidated_at",
        "created_at",
        "updated_at",
        "page_id",
      ].sort(),
    );
    const prometheus = await api("metrics_providers", {
      key: owner,
      method: "POST",
      json: { metrics_provider: { type: "Prometheus", metric_base_uri: "http://127.0.0.1:9090/" } },
    });
    expect(prometheus.status).toBe(201);
    expect(prometheus.json).toMatchObject({ type: "Prometheus", metric_base_uri: "http://127.0.0.1:9090" });

    const list = await api("metrics_providers", { key: viewer });
    expect(list.status).toBe(200);
    expect(list.json.map((p: { id: string }) => p.id)).toEqual(
      expect.arrayContaining([self.json.id, prometheus.json.id]),
    );
    expect((await api(`metrics_providers/${self.json.id}`, { key: viewer })).json).toEqual(self.json);

    const moved = await api(`metrics_providers/${prometheus.json.id}`, {
      key: owner,
      method: "PATCH",
      json: { metrics_provider: { metric_base_uri: "http://127.0.0.1:9091", disabled: true } },
    });
    expect(moved.status).toBe(200);
    expect(moved.json).toMatchObject({ metric_base_uri: "http://127.0.0.1:9091", disabled: true });

    const selfWithAddress = await api(`metrics_providers/${self.json.id}`, {
      key: owner,
      method: "PUT",
      json: { metrics_provider: { metric_base_uri: "http://127.0.0.1:9090" } },
    });
    expect(selfWithAddress.status).toBe(422);
    expect(selfWithAddress.json.error).toHaveProperty("metric_base_uri");

    const removed = await api(`metrics_providers/${prometheus.json.id}`, { key: owner, method: "DELETE" });
    expect(removed.status).toBe(200);
    expect(removed.json).toMatchObject({ id: prometheus.json.id, type: "Prometheus" });
    expect((await api(`metrics_providers/${prometheus.json.id}`)).status).toBe(404);
  });

  it("refuses provider types it does not have, a missing address for Prometheus, and keys below owner", async () => {
    const datadog = await api("metrics_providers", {
      key: owner,
      method: "POST",
      json: { metrics_provider: { type: "Datadog", api_key: "x" } },
    });
    expect(datadog.status).toBe(422);
    expect(datadog.json.error.type[0]).toMatch(/Self.*Prometheus.*Datadog/);
    const noAddress = await api("metrics_providers", {
      key: owner,
      method: "POST",
      json: { metrics_provider: { type: "Prometheus" } },
    });
    expect(noAddress.status).toBe(422);
    expect(noAddress.json.error).toHaveProperty("metric_base_uri");
    const byResponder = await api("metrics_providers", {
      method: "POST",
      json: { metrics_provider: { type: "Self" } },
    });
    expect(byResponder.status).toBe(403);
    expect((await api("metrics_providers/nope")).status).toBe(404);
  });
});

describe("metrics", () => {
  it("creates, lists, reads, updates and deletes a metric as Statuspage's Metric", async () => {
    const providerId = await selfProvider();
    const name = unique("Queue depth");
    const created = await api(`metrics_providers/${providerId}/metrics`, {
      method: "POST",
      json: {
        metric: {
          name,
          metric_identifier: "queue.depth",
          transform: "max",
          suffix: "jobs",
          y_axis_min: 0,
          y_axis_max: 500,
          y_axis_hidden: false,
          display: true,
          decimal_places: 1,
          tooltip_description: "Jobs waiting",
        },
      },
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    expect(created.json).toMatchObject({
      metrics_provider_id: providerId,
      metric_identifier: "queue.depth",
      name,
      display: true,
      tooltip_description: "Jobs waiting",
      backfilled: false,
      y_axis_min: 0,
      y_axis_max: 500,
      y_axis_hidden: false,
      suffix: "jobs",
      decimal_places: 1,
      most_recent_data_at: null,
      last_fetched_at: null,
      transform: "max",
    });
    const id = created.json.id;
    for (const key of ["created_at", "updated_at", "backfill_percentage", "reference_name"])
      expect(created.json).toHaveProperty(key);

    const all = await api("metrics", { key: viewer });
    expect(all.json.map((m: { id: string }) => m.id)).toContain(id);
    const ofProvider = await api(`metrics_providers/${providerId}/metrics`, { key: viewer });
    expect(ofProvider.json.map((m: { id: string }) => m.id)).toEqual([id]);
    expect((await api(`metrics/${id}`, { key: viewer })).json).toEqual(created.json);

    const patched = await api(`metrics/${id}`, {
      method: "PATCH",
      json: { metric: { suffix: "items", y_axis_max: null, display: false } },
    });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({ suffix: "items", y_axis_max: null, display: false, name, decimal_places: 1 });

    const inverted = await api(`metrics/${id}`, { method: "PUT", json: { metric: { y_axis_min: 10, y_axis_max: 5 } } });
    expect(inverted.status).toBe(422);
    expect(inverted.json.error).toHaveProperty("y_axis_max");
    const nameless = await api(`metrics_providers/${providerId}/metrics`, {
      method: "POST",
      json: { metric: { suffix: "ms" } },
    });
    expect(nameless.status).toBe(422);
    expect(nameless.json.error).toHaveProperty("name");

    const deleted = await api(`metrics/${id}`, { method: "DELETE" });
    expect(deleted.status).toBe(200);
    expect(deleted.json).toMatchObject({ id, name });
    expect((await api(`metrics/${id}`)).status).toBe(404);
    expect((await api(`metrics_providers/${providerId}/metrics`)).json).toEqual([]);
  });

  it("takes metric fields form-encoded, as Statuspage clients send them", async () => {
    const providerId = await selfProvider();
    const created = await api(`metrics_providers/${providerId}/metrics`, {
      method: "POST",
      form: "metric[name]=Form%20metric&metric[suffix]=ms&metric[decimal_places]=2&metric[y_axis_hidden]=true",
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ name: "Form metric", suffix: "ms", decimal_places: 2, y_axis_hidden: true });
  });
});

describe("metric data", () => {
  it("stores a point cast to its 30-second slot and answers the cast timestamp; the last for a slot wins", async () => {
    const id = await selfMetric();
    const base = hourAgoSlot();
    const first = await api(`metrics/${id}/data`, {
      method: "POST",
      json: { data: { timestamp: base + 7, value: 100 } },
    });
    expect(first.status).toBe(201);
    expect(first.json).toEqual({ data: { timestamp: base, value: 100 } });
    const again = await api(`metrics/${id}/data`, {
      method: "POST",
      json: { data: { timestamp: base + 14, value: 120 } },
    });
    expect(again.json).toEqual({ data: { timestamp: base, value: 120 } });
    const next = await api(`metrics/${id}/data`, {
      method: "POST",
      json: { data: { timestamp: base + 16, value: 80 } },
    });
    expect(next.json).toEqual({ data: { timestamp: base + 30, value: 80 } });
    expect(await storedPoints(id)).toEqual([
      { timestamp: base, value: 120 },
      { timestamp: base + 30, value: 80 },
    ]);
    const metric = await api(`metrics/${id}`);
    expect(metric.json.most_recent_data_at).toBe(new Date((base + 30) * 1000).toISOString());
  });

  it("takes a form-encoded point: data[timestamp]=…&data[value]=…", async () => {
    const id = await selfMetric();
    const base = hourAgoSlot();
    const answer = await api(`metrics/${id}/data`, {
      method: "POST",
      form: `data[timestamp]=${base + 44}&data[value]=12.5`,
    });
    expect(answer.status).toBe(201);
    expect(answer.json).toEqual({ data: { timestamp: base + 30, value: 12.5 } });
    expect(await storedPoints(id)).toEqual([{ timestamp: base + 30, value: 12.5 }]);
  });

  it("adds points to several metrics at once and answers each metric's cast points", async () => {
    const a = await selfMetric();
    const b = await selfMetric();
    const base = hourAgoSlot();
    const answer = await api("metrics/data", {
      method: "POST",
      json: {
        data: {
          [a]: [
            { timestamp: base + 3, value: 1 },
            { timestamp: base + 61, value: 2 },
          ],
          [b]: [{ timestamp: base - 16, value: 9 }],
        },
      },
    });
    expect(answer.status).toBe(201);
    expect(answer.json).toEqual({
      [a]: [
        { timestamp: base, value: 1 },
        { timestamp: base + 60, value: 2 },
      ],
      [b]: [{ timestamp: base - 30, value: 9 }],
    });
    expect(await storedPoints(a)).toHaveLength(2);
    expect(await storedPoints(b)).toEqual([{ timestamp: base - 30, value: 9 }]);

    const form = await api("metrics/data", {
      method: "POST",
      form: `data[${a}][0][timestamp]=${base + 120}&data[${a}][0][value]=3&data[${b}][0][timestamp]=${base + 120}&data[${b}][0][value]=4`,
    });
    expect(form.status).toBe(201);
    expect(form.json).toEqual({
      [a]: [{ timestamp: base + 120, value: 3 }],
      [b]: [{ timestamp: base + 120, value: 4 }],
    });
  });

  it("refuses a point older than 28 days with 400 naming it, storing nothing of the batch", async () => {
    const a = await selfMetric();
    const now = Math.floor(Date.now() / 1000);
    const old = now - 29 * 86_400;
    const answer = await api("metrics/data", {
      method: "POST",
      json: {
        data: {
          [a]: [
            { timestamp: now - 600, value: 1 },
            { timestamp: old, value: 2 },
          ],
        },
      },
    });
    expect(answer.status).toBe(400);
    expect(Object.keys(answer.json.error)).toEqual([`data.${a}[1].timestamp`]);
    expect(answer.json.error[`data.${a}[1].timestamp`][0]).toMatch(/28 days/);
    expect(await storedPoints(a)).toEqual([]);

    const single = await api(`metrics/${a}/data`, { method: "POST", json: { data: { timestamp: old, value: 2 } } });
    expect(single.status).toBe(400);
    expect(single.json.error["data.timestamp"][0]).toMatch(/28 days/);
  });

  it("refuses a point in the future, and a point without a value or timestamp, with 400 naming the field", async () => {
    const id = await selfMetric();
    const future = Math.floor(Date.now() / 1000) + 3_600;
    const answer = await api(`metrics/${id}/data`, { method: "POST", json: { data: { timestamp: future, value: 1 } } });
    expect(answer.status).toBe(400);
    expect(answer.json.error["data.timestamp"][0]).toMatch(/future/);
    const valueless = await api(`metrics/${id}/data`, { method: "POST", form: `data[timestamp]=${future - 3_600}` });
    expect(valueless.status).toBe(400);
    expect(valueless.json.error).toHaveProperty(["data.value"]);
    const notANumber = await api(`metrics/${id}/data`, {
      method: "POST",
      json: { data: { timestamp: future - 3_600, value: "fast" } },
    });
    expect(notANumber.status).toBe(400);
    expect(notANumber.json.error).toHaveProperty(["data.value"]);
    expect(await storedPoints(id)).toEqual([]);
  });

  it("answers 404 for an unknown metric, alone or in a batch", async () => {
    const now = Math.floor(Date.now() / 1000);
    const single = await api("metrics/nosuchmetric/data", {
      method: "POST",
      json: { data: { timestamp: now, value: 1 } },
    });
    expect(single.status).toBe(404);
    const batch = await api("metrics/data", {
      method: "POST",
      json: { data: { nosuchmetric: [{ timestamp: now, value: 1 }] } },
    });
    expect(batch.status).toBe(404);
    expect(batch.json.error).toMatch(/nosuchmetric/);
  });

  it("refuses pushed data for a metric polled from Prometheus with 422 and a sentence", async () => {
    const provider = await api("metrics_providers", {
      key: owner,
      method: "POST",
      json: { metrics_provider: { type: "Prometheus", metric_base_uri: "http://127.0.0.1:9" } },
    });
    const metric = await api(`metrics_providers/${provider.json.id}/metrics`, {
      method: "POST",
      json: { metric: { name: unique("Polled"), metric_identifier: "up" } },
    });
    expect(metric.status).toBe(201);
    const answer = await api(`metrics/${metric.json.id}/data`, {
      method: "POST",
      json: { data: { timestamp: Math.floor(Date.now() / 1000), value: 1 } },
    });
    expect(answer.status).toBe(422);
    expect(answer.json.error).toMatch(/polled from Prometheus/);
  });

  it("resets a metric's data, and deleting a metric deletes its points", async () => {
    const id = await selfMetric();
    const base = hourAgoSlot();
    await api("metrics/data", { method: "POST", json: { data: { [id]: [{ timestamp: base, value: 5 }] } } });
    expect(await storedPoints(id)).toHaveLength(1);
    const reset = await api(`metrics/${id}/data`, { method: "DELETE" });
    expect(reset.status).toBe(200);
    expect(reset.json).toMatchObject({ id, most_recent_data_at: null });
    expect(await storedPoints(id)).toEqual([]);
    expect(await getDb().metricRollup.count({ where: { metricId: id } })).toBe(0);

    await api(`metrics/${id}/data`, { method: "POST", json: { data: { timestamp: base, value: 6 } } });
    expect(await storedPoints(id)).toHaveLength(1);
    expect((await api(`metrics/${id}`, { method: "DELETE" })).status).toBe(200);
    expect(await getDb().metricPoint.count({ where: { metricId: id } })).toBe(0);
    expect(await getDb().metricRollup.count({ where: { metricId: id } })).toBe(0);
  });

  it("lets a viewer key read but not write", async () => {
    const id = await selfMetric();
    const now = Math.floor(Date.now() / 1000);
    expect((await api(`metrics/${id}`, { key: viewer })).status).toBe(200);
    for (const [path, options] of [
      [`metrics/${id}/data`, { method: "POST", json: { data: { timestamp: now, value: 1 } } }],
      ["metrics/data", { method: "POST", json: { data: { [id]: [{ timestamp: now, value: 1 }] } } }],
      [`metrics/${id}/data`, { method: "DELETE" }],
      [`metrics/${id}`, { method: "PATCH", json: { metric: { name: "x" } } }],
      [`metrics/${id}`, { method: "DELETE" }],
    ] as const) {
      const answer = await api(path, { key: viewer, ...options });
      expect(answer.status, `${options.method} ${path}`).toBe(403);
    }
    expect(await storedPoints(id)).toEqual([]);
  });
});

describe("OpenAPI description of the metrics API", () => {
  it("the answers match what the description promises", async () => {
    const doc = openApiDocument("http://status.test") as unknown as {
      paths: Record<
        string,
        Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>
      >;
      components: object;
    };
    const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
    ajv.addSchema({ $id: "doc", components: doc.components });
    const expectDescribed = (path: string, method: string, status: number, body: unknown) => {
      const response = doc.paths[`/api/v1/pages/{page_id}/${path}`]?.[method]?.responses[String(status)];
      expect(response, `${method} ${path} ${status}`).toBeDefined();
      const schema = JSON.parse(
        JSON.stringify(response.content!["application/json"].schema).replaceAll('"#/components/', '"doc#/components/'),
      );
      const validate = ajv.compile(schema);
      expect(validate(body), `${method} ${path}: ${JSON.stringify(validate.errors)}`).toBe(true);
    };
    const providerId = await selfProvider();
    expectDescribed("metrics_providers", "get", 200, (await api("metrics_providers")).json);
    const created = await api(`metrics_providers/${providerId}/metrics`, {
      method: "POST",
      json: { metric: { name: unique("Described") } },
    });
    expectDescribed("metrics_providers/{metricsProviderId}/metrics", "post", 201, created.json);
    expectDescribed("metrics", "get", 200, (await api("metrics")).json);
    const base = hourAgoSlot();
    const single = await api(`metrics/${created.json.id}/data`, {
      method: "POST",
      json: { data: { timestamp: base, value: 1.5 } },
    });
    expectDescribed("metrics/{metricId}/data", "post", 201, single.json);
    const batch = await api("metrics/data", {
      method: "POST",
      json: { data: { [created.json.id]: [{ timestamp: base + 30, value: 2 }] } },
    });
    expectDescribed("metrics/data", "post", 201, batch.json);
    expectDescribed("metrics/{metricId}", "get", 200, (await api(`metrics/${created.json.id}`)).json);
  });
});
