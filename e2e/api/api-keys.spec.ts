import { expect, test } from "@playwright/test";
import { bearer, mintApiKey, uniqueName } from "./fixtures";

test("a viewer key reads but cannot write, and requests without a key are refused", async ({ request }) => {
  const token = await mintApiKey("viewer");
  expect((await request.get("/api/v1/incidents", { headers: bearer(token) })).status()).toBe(200);
  const write = await request.post("/api/v1/incidents", {
    headers: bearer(token),
    data: { name: "Nope", body: "Nope" },
  });
  expect(write.status()).toBe(403);
  expect((await request.get("/api/v1/incidents")).status()).toBe(401);
});

test("malformed JSON, wrong fields and oversized bodies get clear JSON errors", async ({ request }) => {
  const token = await mintApiKey("responder");
  const malformed = await request.post("/api/v1/incidents", {
    headers: { ...bearer(token), "Content-Type": "application/json" },
    data: '{"name": ',
  });
  expect(malformed.status()).toBe(400);
  expect((await malformed.json()).error.code).toBe("malformed_json");
  const wrong = await request.post("/api/v1/incidents", { headers: bearer(token), data: { name: 42 } });
  expect(wrong.status()).toBe(400);
  expect(Object.keys((await wrong.json()).error.fields).sort()).toEqual(["body", "name"]);
  const huge = await request.post("/api/v1/incidents", {
    headers: bearer(token),
    data: { name: "Huge", body: "x".repeat(300 * 1024) },
  });
  expect(huge.status()).toBe(413);
});

test("a retried update with the same Idempotency-Key is posted once", async ({ request }) => {
  const token = await mintApiKey("responder");
  const created = await request.post("/api/v1/incidents", {
    headers: bearer(token),
    data: { name: uniqueName("Retry check"), body: "Investigating." },
  });
  const incidentId = (await created.json()).incident.id;
  const headers = { ...bearer(token), "Idempotency-Key": uniqueName("retry").replace(" ", "-") };
  const data = { status: "identified", body: "Root cause found." };
  const first = await request.post(`/api/v1/incidents/${incidentId}/updates`, { headers, data });
  const retry = await request.post(`/api/v1/incidents/${incidentId}/updates`, { headers, data });
  expect(first.status()).toBe(201);
  expect(retry.status()).toBe(201);
  expect(retry.headers()["idempotent-replayed"]).toBe("true");
  expect(await retry.json()).toEqual(await first.json());
  const incident = await (await request.get(`/api/v2/incidents/${incidentId}.json`)).json();
  expect(incident.incident.incident_updates).toHaveLength(2);
  const different = await request.post(`/api/v1/incidents/${incidentId}/updates`, {
    headers,
    data: { ...data, body: "Something else." },
  });
  expect(different.status()).toBe(422);
});
