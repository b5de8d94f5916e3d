import { expect, test } from "@playwright/test";
import { OwnStack, timeUntil } from "../support/own-stack";
import { createResponderApiKey } from "../support/api-key";

test.describe.configure({ mode: "serial" });

const STALE_NOTE = "This page may be out of date";
const PUBLIC_ROUTES = ["/", "/history", "/api/v2/summary.json", "/api/v2/status.json", "/history.rss", "/history.atom"];

let stack: OwnStack;
test.beforeAll(async () => {
  test.setTimeout(120_000);
  stack = await OwnStack.start(1);
});
test.afterAll(async () => {
  await stack?.stop();
});

test("public pages keep answering through a database outage, writes fail fast, and everything resumes by itself", async () => {
  test.setTimeout(120_000);
  const [app] = stack.instances;
  const token = await createResponderApiKey(stack.databaseUrl);
  const before: Record<string, string> = {};
  for (const route of PUBLIC_ROUTES) {
    const response = await fetch(app.base + route);
    expect(response.status, route).toBe(200);
    before[route] = await response.text();
  }
  expect(before["/"]).not.toContain(STALE_NOTE);
  const billing = (await (await fetch(`${app.base}/api/v2/components.json`)).json()).components.find((c: { name: string }) => c.name === "Billing");

  await stack.stopDatabase();

  await timeUntil(async () => (await fetch(`${app.base}/api/health`)).status === 503, 20_000, "health 503 while down");
  await timeUntil(async () => (await (await fetch(`${app.base}/`)).text()).includes(STALE_NOTE), 20_000, "stale note while down");
  for (const route of PUBLIC_ROUTES) {
    const response = await fetch(app.base + route);
    expect(response.status, route).toBe(200);
    const body = await response.text();
    if (route.startsWith("/api/v2/")) expect(body, route).toBe(before[route]);
    if (route.includes("history.")) expect(body.length, route).toBeGreaterThan(100);
  }

  const started = Date.now();
  const write = await fetch(`${app.base}/api/v1/components/${billing.id}`, {
    method: "PATCH",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ status: "partial_outage" }),
  });
  expect(Date.now() - started).toBeLessThan(6_000);
  expect(write.status).toBe(503);
  expect(JSON.stringify(await write.json()).toLowerCase()).toContain("nothing was saved");

  await stack.startDatabase();

  await timeUntil(async () => (await fetch(`${app.base}/api/health`)).status === 200, 20_000, "health 200 after restart");
  await timeUntil(async () => !(await (await fetch(`${app.base}/`)).text()).includes(STALE_NOTE), 20_000, "stale note gone after restart");
  const afterOutage = await (await fetch(`${app.base}/api/v2/summary.json`)).json();
  expect(afterOutage.components.find((c: { id: string }) => c.id === billing.id).status).toBe("operational");
  const retry = await fetch(`${app.base}/api/v1/components/${billing.id}`, {
    method: "PATCH",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ status: "partial_outage" }),
  });
  expect(retry.status).toBe(200);
  const summary = await (await fetch(`${app.base}/api/v2/summary.json`)).json();
  expect(summary.components.find((c: { id: string }) => c.id === billing.id).status).toBe("partial_outage");
});
