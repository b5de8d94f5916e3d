import { expect, test } from "@playwright/test";
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { mintApiKey, uniqueName } from "./fixtures";
import { createMigratedDatabase } from "../../scripts/lib/migrated-database";

const root = path.resolve(__dirname, "../..");

test("a script written for Statuspage's API runs unchanged: OAuth key, form and JSON bodies, .json paths", async ({
  request,
  page,
}) => {
  const key = await mintApiKey("responder");
  const oauth = { Authorization: `OAuth ${key}` };
  const pages = await request.get("/api/v1/pages", { headers: oauth });
  expect(pages.status()).toBe(200);
  const pageId = (await pages.json())[0].id;

  const made = await request.post(`/api/v1/pages/${pageId}/components.json?api_key=${key}`, {
    data: { component: { name: uniqueName("Script target") } },
  });
  expect(made.status()).toBe(201);
  const component = await made.json();
  const listed = await (await request.get(`/api/v1/pages/${pageId}/components.json?api_key=${key}`)).json();
  expect(listed.map((c: { id: string }) => c.id)).toContain(component.id);
  const name = uniqueName("Statuspage script incident");
  const form = new URLSearchParams({
    "incident[name]": name,
    "incident[status]": "investigating",
    "incident[body]": "Checking reports.",
    [`incident[components][${component.id}]`]: "degraded_performance",
  });
  const created = await request.post(`/api/v1/pages/${pageId}/incidents`, {
    headers: { ...oauth, "Content-Type": "application/x-www-form-urlencoded" },
    data: form.toString(),
  });
  expect(created.status()).toBe(201);
  const incident = await created.json();
  expect(incident).toMatchObject({ name, status: "investigating", impact: "minor", page_id: pageId });

  const resolved = await request.patch(`/api/v1/pages/${pageId}/incidents/${incident.id}`, {
    headers: oauth,
    data: { incident: { status: "resolved", body: "All clear.", components: { [component.id]: "operational" } } },
  });
  expect(resolved.status()).toBe(200);
  expect((await resolved.json()).incident_updates).toHaveLength(2);

  const publicIncident = await (await request.get(`/api/v2/incidents/${incident.id}.json`)).json();
  expect(publicIncident.incident.status).toBe("resolved");
  await page.goto(`/incidents/${incident.id}`);
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByText("All clear.")).toBeVisible();

  expect(
    (await request.delete(`/api/v1/pages/${pageId}/components/${component.id}`, { headers: oauth })).status(),
  ).toBe(204);
  const refused = await request.get(`/api/v1/pages/${pageId}/incidents`, {
    headers: { Authorization: "OAuth not-a-key" },
  });
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toEqual({ error: "Could not authenticate" });
});

test("the importer copies another install of this product through its management API, and a second run changes nothing", async ({
  request,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const key = await mintApiKey("responder");
  const oauth = { Authorization: `OAuth ${key}` };
  const pageId = (await (await request.get("/api/v1/pages", { headers: oauth })).json())[0].id;
  const name = uniqueName("Imported across installs");
  const created = await request.post(`/api/v1/pages/${pageId}/incidents`, {
    headers: oauth,
    data: { incident: { name, body: "First update." } },
  });
  const incidentId = (await created.json()).id;
  await request.patch(`/api/v1/pages/${pageId}/incidents/${incidentId}`, {
    headers: oauth,
    data: { incident: { status: "resolved", body: "Second update." } },
  });

  const target = await createMigratedDatabase(process.env.DATABASE_URL!, `import_${Date.now().toString(36)}`);
  try {
    const run = () =>
      promisify(execFile)(
        "node",
        [
          "--conditions=react-server",
          "--import",
          "tsx",
          "scripts/import-statuspage.ts",
          "--api-url",
          `${baseURL}/api/v1`,
          "--page-id",
          pageId,
          "--api-key",
          key,
        ],
        {
          cwd: root,
          env: { ...process.env, DATABASE_URL: target.url },
          timeout: 120_000,
        },
      );
    const imported = async () => {
      const client = new pg.Client({ connectionString: target.url });
      await client.connect();
      try {
        const sql =
          "SELECT i.name, count(u.id)::int AS updates, (SELECT statuspage_page_id FROM page_settings) AS page, (SELECT count(*)::int FROM audit_log WHERE entity_id = $1) AS writes FROM incidents i JOIN incident_updates u ON u.incident_id = i.id WHERE i.id = $1 GROUP BY i.name";
        return (await client.query(sql, [incidentId])).rows;
      } finally {
        await client.end();
      }
    };
    expect((await run()).stdout).toMatch(/Import finished/);
    expect(await imported()).toEqual([{ name, updates: 2, page: pageId, writes: 1 }]);
    // Other tests add incidents meanwhile; this one's must be left as it was, not written again.
    expect((await run()).stdout).toMatch(/Import finished/);
    expect(await imported()).toEqual([{ name, updates: 2, page: pageId, writes: 1 }]);
  } finally {
    await target.drop();
  }
});
