import { expect, test } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { addComponentThroughApi, OwnStack, timeUntil } from "../support/own-stack";
import { createResponderApiKey } from "../support/api-key";

test.describe.configure({ mode: "serial" });

let stack: OwnStack;
test.beforeAll(async () => {
  test.setTimeout(120_000);
  stack = await OwnStack.start(2, { MANAGEMENT_API_RATE_LIMIT: "4" });
});
test.afterAll(async () => {
  await stack?.stop();
});

test("a change made through one instance shows on the other within a second", async () => {
  const [first, second] = stack.instances;
  const token = await createResponderApiKey(stack.databaseUrl);
  const created = await addComponentThroughApi(first.base, token, `Shared target ${randomUUID().slice(0, 6)}`);
  const listedBySecond = async () =>
    (
      (await (await fetch(`${second.base}/api/v2/components.json`)).json()).components as {
        id: string;
        status: string;
      }[]
    ).find((c) => c.id === created.id);
  await timeUntil(async () => (await listedBySecond()) !== undefined, 10_000, "The second instance listing it");
  const target = (await listedBySecond())!;
  expect(target.status).toBe("operational");
  // Warm the second instance's caches so only an invalidation can change what it serves.
  for (let i = 0; i < 3; i++) {
    await fetch(`${second.base}/api/v2/summary.json`);
    await fetch(`${second.base}/`);
  }

  const response = await fetch(`${first.base}/api/v1/components/${target.id}`, {
    method: "PATCH",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ status: "major_outage" }),
  });
  expect(response.status).toBe(200);

  const elapsed = await timeUntil(async () => {
    const summary = await (await fetch(`${second.base}/api/v2/summary.json`)).json();
    return summary.components.find((c: { id: string }) => c.id === target.id)?.status === "major_outage";
  }, 5_000);
  expect(elapsed).toBeLessThan(1_000);
  const home = await (await fetch(`${second.base}/`)).text();
  expect(home).toContain("Major Outage");
});

test("an API key's rate limit counts its requests to every instance together", async () => {
  const [first, second] = stack.instances;
  const token = await createResponderApiKey(stack.databaseUrl);
  const headers = { authorization: `OAuth ${token}` };
  const pageId = (await (await fetch(`${first.base}/api/v1/pages`, { headers })).json())[0].id;
  const statuses: number[] = [];
  for (const instance of [second, first, second])
    statuses.push((await fetch(`${instance.base}/api/v1/pages/${pageId}/components`, { headers })).status);
  const refused = await fetch(`${first.base}/api/v1/pages/${pageId}/components`, { headers });
  expect([...statuses, refused.status]).toEqual([200, 200, 200, 429]);
  expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
  expect((await refused.json()).error).toMatch(/Rate limit exceeded/);
});

/** A server-sent event stream read from Node: `nextVersion` resolves with the next version event's id. */
async function openStream(url: string) {
  const controller = new AbortController();
  const response = await fetch(url, { signal: controller.signal, headers: { accept: "text/event-stream" } });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  return {
    async nextVersion(): Promise<string> {
      for (;;) {
        const end = buffer.indexOf("\n\n");
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const id = /^id: (.+)$/m.exec(block)?.[1];
          if (id) return id;
          continue;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error("The stream ended.");
        buffer += value;
      }
    },
    close: () => controller.abort(),
  };
}

test("an open tab on one instance is told of a change made through the other within a second", async () => {
  const [first, second] = stack.instances;
  const token = await createResponderApiKey(stack.databaseUrl);
  const target = await addComponentThroughApi(first.base, token, `Streamed target ${randomUUID().slice(0, 6)}`);
  // The stream is opened once the second instance has applied the component's creation, so the next new version
  // can only come from the change below.
  await timeUntil(
    async () => JSON.stringify(await (await fetch(`${second.base}/api/v2/components.json`)).json()).includes(target.id),
    10_000,
    "The second instance listing the new component",
  );
  const stream = await openStream(`${second.base}/api/live/stream`);
  try {
    const current = await stream.nextVersion();
    const started = Date.now();
    const response = await fetch(`${first.base}/api/v1/components/${target.id}`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ status: "degraded_performance" }),
    });
    expect(response.status).toBe(200);
    // A stream may repeat the version it has (a reconnect, a recomputation that found nothing new); the first
    // different one is the change's.
    let pushed = await stream.nextVersion();
    while (pushed === current) pushed = await stream.nextVersion();
    expect(Date.now() - started).toBeLessThan(1_500);
    const live = await (await fetch(`${second.base}/api/live`)).json();
    expect(live.version).toBe(pushed);
  } finally {
    stream.close();
  }
});
