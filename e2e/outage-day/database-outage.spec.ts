import { expect, test } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { addComponentThroughApi, OwnStack, timeUntil } from "../support/own-stack";
import { createResponderApiKey } from "../support/api-key";

test.describe.configure({ mode: "serial" });

const STALE_NOTE = "This page may be out of date";
const PUBLIC_ROUTES = ["/", "/history", "/api/v2/summary.json", "/api/v2/status.json", "/history.rss", "/history.atom"];

let stack: OwnStack;
test.beforeAll(async () => {
  test.setTimeout(120_000);
  stack = await OwnStack.start(1);
  // A busy machine may time out the very first connections of a cold pool; the specs start from a warm instance.
  const [app] = stack.instances;
  for (const route of PUBLIC_ROUTES)
    await timeUntil(async () => (await fetch(app.base + route)).status === 200, 30_000, `${route} answering`);
});
test.afterAll(async () => {
  await stack?.stop();
});

test("public pages keep answering through a database outage, writes fail fast, and everything resumes by itself", async () => {
  test.setTimeout(120_000);
  const [app] = stack.instances;
  const token = await createResponderApiKey(stack.databaseUrl);
  const target = await addComponentThroughApi(app.base, token, `Outage target ${randomUUID().slice(0, 6)}`);
  await timeUntil(
    async () => (await (await fetch(`${app.base}/`)).text()).includes(target.name),
    10_000,
    "the new component on the home page",
  );
  const before: Record<string, string> = {};
  for (const route of PUBLIC_ROUTES) {
    const response = await fetch(app.base + route);
    expect(response.status, route).toBe(200);
    before[route] = await response.text();
  }
  expect(before["/"]).not.toContain(STALE_NOTE);

  await stack.stopDatabase();

  await timeUntil(async () => (await fetch(`${app.base}/api/health`)).status === 503, 20_000, "health 503 while down");
  await timeUntil(
    async () => (await (await fetch(`${app.base}/`)).text()).includes(STALE_NOTE),
    20_000,
    "stale note while down",
  );
  for (const route of PUBLIC_ROUTES) {
    const response = await fetch(app.base + route);
    expect(response.status, route).toBe(200);
    const body = await response.text();
    if (route.startsWith("/api/v2/")) expect(body, route).toBe(before[route]);
    if (route.includes("history.")) expect(body.length, route).toBeGreaterThan(100);
  }

  const started = Date.now();
  const write = await fetch(`${app.base}/api/v1/components/${target.id}`, {
    method: "PATCH",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ status: "partial_outage" }),
  });
  expect(Date.now() - started).toBeLessThan(6_000);
  expect(write.status).toBe(503);
  expect(JSON.stringify(await write.json()).toLowerCase()).toContain("nothing was saved");

  await stack.startDatabase();

  await timeUntil(
    async () => (await fetch(`${app.base}/api/health`)).status === 200,
    20_000,
    "health 200 after restart",
  );
  await timeUntil(
    async () => !(await (await fetch(`${app.base}/`)).text()).includes(STALE_NOTE),
    20_000,
    "stale note gone after restart",
  );
  const afterOutage = await (await fetch(`${app.base}/api/v2/summary.json`)).json();
  expect(afterOutage.components.find((c: { id: string }) => c.id === target.id).status).toBe("operational");
  const retry = await fetch(`${app.base}/api/v1/components/${target.id}`, {
    method: "PATCH",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ status: "partial_outage" }),
  });
  expect(retry.status).toBe(200);
  const summary = await (await fetch(`${app.base}/api/v2/summary.json`)).json();
  expect(summary.components.find((c: { id: string }) => c.id === target.id).status).toBe("partial_outage");
});

test("a frozen database hangs no request: reads fall back within about a second, writes fail fast and never commit later", async () => {
  test.setTimeout(120_000);
  const [app] = stack.instances;
  const token = await createResponderApiKey(stack.databaseUrl);
  const first = await addComponentThroughApi(app.base, token, `Frozen first ${randomUUID().slice(0, 6)}`);
  const second = await addComponentThroughApi(app.base, token, `Frozen second ${randomUUID().slice(0, 6)}`);
  const patch = (id: string, status: string) =>
    fetch(`${app.base}/api/v1/components/${id}`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ status }),
    });
  const timed = async (route: string) => {
    const started = Date.now();
    const response = await fetch(app.base + route, { signal: AbortSignal.timeout(20_000) });
    const body = await response.text();
    return { status: response.status, ms: Date.now() - started, body };
  };

  // A write just before the freeze invalidates the cached data, so the next page must read the database.
  expect((await patch(first.id, "degraded_performance")).status).toBe(200);
  await stack.freezeDatabase();
  try {
    const home = await timed("/");
    expect(home.status).toBe(200);
    expect(home.ms).toBeLessThan(2_500);
    expect(home.body).toContain(STALE_NOTE);
    for (const route of ["/", "/api/v2/summary.json", "/history", "/history.rss"]) {
      const again = await timed(route);
      expect(again.status, route).toBe(200);
      expect(again.ms, route).toBeLessThan(2_500);
    }

    const started = Date.now();
    const write = await patch(second.id, "major_outage");
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(write.status).toBe(503);
    expect(JSON.stringify(await write.json()).toLowerCase()).toContain("nothing was saved");
  } finally {
    await stack.thawDatabase();
  }

  await timeUntil(
    async () => (await fetch(`${app.base}/api/health`)).status === 200,
    20_000,
    "health 200 after the thaw",
  );
  // The refused write reaches COMMIT only now, after its deadline: it must have been rolled back.
  await timeUntil(
    async () => {
      const summary = await (await fetch(`${app.base}/api/v2/summary.json`)).json();
      return summary.components.find((c: { id: string }) => c.id === first.id).status === "degraded_performance";
    },
    20_000,
    "the write made before the freeze shows",
  );
  const pg = await import("pg");
  const client = new pg.default.Client({ connectionString: stack.databaseUrl });
  await client.connect();
  try {
    // Waits until every transaction that touched the audit log, the refused write's included, has ended.
    await client.query("BEGIN");
    await client.query("LOCK TABLE audit_log IN ACCESS EXCLUSIVE MODE");
    await client.query("COMMIT");
    const row = await client.query("SELECT status FROM components WHERE id = $1", [second.id]);
    expect(row.rows[0].status).toBe(second.status);
  } finally {
    await client.end();
  }
  await timeUntil(
    async () => !(await (await fetch(`${app.base}/`)).text()).includes(STALE_NOTE),
    20_000,
    "stale note gone after the thaw",
  );
});
