import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "../../scripts/lib/schema-engine";
import { createScratchDatabase, withClient } from "@/tests/support/scratch-database";
import { API_KEY, HOSTILE_BODY, PAGE_ID, buildFixture, type Fixture } from "@/tests/importer/statuspage-fixture";
import { startFakeStatuspage } from "@/tests/importer/fake-statuspage";
import type { ProgressReporter } from "@/server/importer/progress";
import type { ImportSummary } from "@/server/importer/run-import";

// The importer writes into an empty install of its own: a scratch database that this file's process points at.
let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
let fixture: Fixture;
let fake: Awaited<ReturnType<typeof startFakeStatuspage>>;
let runImport: typeof import("@/server/importer/run-import").runImport;
let getDb: typeof import("@/server/db/client").getDb;

const quiet: ProgressReporter = { fetched() {}, begin() {}, advance() {}, note() {}, end() {} };

function keyed(extra: { dryRun?: boolean; progress?: ProgressReporter } = {}) {
  return runImport({
    mode: "keyed",
    apiUrl: fake.apiUrl,
    pageId: PAGE_ID,
    apiKey: API_KEY,
    progress: quiet,
    client: { retryBaseMs: 20 },
    ...extra,
  });
}

const created = (summary: ImportSummary, resource: string) => summary.tallies[resource].created;

/** Runs `npm run import:statuspage` as an operator would, against the scratch database. */
function runImportCommand(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "scripts/import-statuspage.ts", ...args],
    { env: { ...process.env, DATABASE_URL: scratch.url, STATUSPAGE_API_KEY: API_KEY }, stdio: "pipe" },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

beforeAll(async () => {
  scratch = await createScratchDatabase("import");
  await applyMigrations(scratch.url);
  process.env.DATABASE_URL = scratch.url;
  delete (globalThis as { statuspageDb?: unknown }).statuspageDb;
  ({ runImport } = await import("@/server/importer/run-import"));
  ({ getDb } = await import("@/server/db/client"));
  fixture = buildFixture();
  fake = await startFakeStatuspage(fixture, { rateLimitIncidentsPage: 2, failGroupsOnce: true });
}, 120_000);

afterAll(async () => {
  await fake?.close();
  await getDb?.().$disconnect();
  await scratch?.drop();
});

describe("importing from Statuspage's management API", () => {
  it("a refused key is named as refused, with the source's own answer, and nothing is written", async () => {
    const refused = runImport({
      mode: "keyed",
      apiUrl: fake.apiUrl,
      pageId: PAGE_ID,
      apiKey: "not-the-key",
      progress: quiet,
      client: { retryBaseMs: 20 },
    });
    await expect(refused).rejects.toThrow(/did not accept the API key \(.* answered 401: .*Could not authenticate/);
    expect(await getDb().component.count()).toBe(0);
  });

  it("a dry run reports what it would create and writes nothing", async () => {
    const summary = await keyed({ dryRun: true });
    expect(summary.dryRun).toBe(true);
    expect(created(summary, "incidents")).toBe(128);
    // Components are rolled back in a dry run too; subscribers to them must still count as the real run would.
    expect(summary.tallies.subscribers).toMatchObject({ created: 7, skipped: 2 });
    expect(summary.skipped.map((s) => s.id)).toEqual(["sub000000004", "sub000000008", "mpdatadog001"]);
    // The provider is rolled back too; its metrics must still count as the real run would.
    expect(summary.tallies.metrics).toMatchObject({ created: 2, skipped: 0 });
    expect(await getDb().metric.count()).toBe(0);
    expect(await getDb().incident.count()).toBe(0);
    expect(await getDb().component.count()).toBe(0);
  }, 120_000);

  it("imports everything, following pagination through a 429 and a 503, without sending anything", async () => {
    const summary = await keyed();
    expect(summary.tallies).toMatchObject({
      page: { created: 1, updated: 0 },
      "component groups": { created: 1 },
      components: { created: 3 },
      incidents: { created: 128, skipped: 0 },
      templates: { created: 1 },
      subscribers: { created: 7, skipped: 2 },
      "metrics providers": { created: 1, skipped: 1 },
      metrics: { created: 2, skipped: 0 },
    });
    expect(summary.skipped).toEqual([
      {
        resource: "subscribers",
        id: "sub000000004",
        label: "5555550100",
        reason: expect.stringMatching(/sms subscribers are not supported/),
      },
      {
        resource: "subscribers",
        id: "sub000000008",
        label: "fay@customer.test",
        reason: expect.stringMatching(/gone00000001/),
      },
      {
        resource: "metrics providers",
        id: "mpdatadog001",
        reason: expect.stringMatching(/Datadog providers are not imported/),
      },
    ]);
    expect(summary.notes.join("\n")).toMatch(/sub000000009.*gone00000002/);
    expect(summary.notes.join("\n")).toMatch(/no way to read a metric's data points, so 2 metric\(s\)/);
    expect(fake.log.some((r) => r.path.includes("mpdatadog001"))).toBe(false);
    const incidentPages = fake.log.filter((r) => r.path.startsWith(`/v1/pages/${PAGE_ID}/incidents?`));
    expect(incidentPages.map((r) => r.status)).toEqual([200, 429, 200, 200, 200].slice(0, incidentPages.length));
    expect(fake.log.some((r) => r.path.includes("component-groups") && r.status === 503)).toBe(true);

    const db = getDb();
    expect(await db.metricsProvider.findMany({ select: { id: true, type: true } })).toEqual([
      { id: "mpself000001", type: "self" },
    ]);
    const metrics = await db.metric.findMany({ orderBy: { position: "asc" } });
    expect(metrics.map((m) => m.id)).toEqual(["mtrapilat001", "mtrerrors001"]);
    expect(metrics[0]).toMatchObject({
      providerId: "mpself000001",
      name: "API response time",
      suffix: "ms",
      yAxisMin: 0,
      yAxisMax: 2_000,
      decimalPlaces: 1,
      tooltipDescription: "Median time to answer an API request",
      display: true,
    });
    expect(metrics[1]).toMatchObject({ name: "Error rate", suffix: "%", display: false, decimalPlaces: 2 });
    expect(await db.metricPoint.count()).toBe(0);
    expect(await db.outboxMessage.count()).toBe(0);
    expect(await db.delivery.count()).toBe(0);
    const page = await db.pageSettings.findFirstOrThrow();
    expect(page).toMatchObject({
      name: "Acme Cloud",
      statuspagePageId: PAGE_ID,
      timeZone: "Europe/Berlin",
      supportUrl: "https://help.acme.test",
      twitter: "acmestatus",
    });
    const components = await db.component.findMany({ orderBy: { position: "asc" } });
    expect(components.map((c) => [c.id, c.groupId, c.status, c.showcase])).toEqual([
      ["cmpapi000001", "grpcore00001", "operational", true],
      ["cmpweb000001", "grpcore00001", "operational", false],
      ["cmpcdn000001", null, "degraded_performance", true],
    ]);
    const subscribers = await db.subscriber.findMany({ orderBy: { id: "asc" }, include: { components: true } });
    expect(
      subscribers.map((s) => [
        s.id,
        s.kind,
        Boolean(s.confirmedAt),
        s.allComponents,
        s.components.map((c) => c.componentId),
      ]),
    ).toEqual([
      ["sub000000001", "email", true, true, []],
      ["sub000000002", "email", true, false, ["cmpapi000001"]],
      ["sub000000003", "webhook", true, true, []],
      ["sub000000005", "email", false, true, []],
      ["sub000000006", "email", true, true, []],
      ["sub000000007", "email", true, true, []],
      ["sub000000009", "email", true, false, ["cmpweb000001"]],
    ]);
  }, 120_000);

  it("the command names every skipped subscriber and why, and fails under --strict", async () => {
    const run = (...extra: string[]) => runImportCommand(["--page-id", PAGE_ID, "--api-url", fake.apiUrl, ...extra]);
    const relaxed = await run("--dry-run");
    expect(relaxed.code, relaxed.stderr).toBe(0);
    expect(relaxed.stdout).toMatch(/sms subscribers are not supported[^\n]*\n\s+sub000000004 \(5555550100\)/);
    expect(relaxed.stdout).toMatch(/gone00000001[^\n]*\n\s+sub000000008 \(fay@customer\.test\)/);
    const strict = await run("--dry-run", "--strict");
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(/sub000000008/);
    expect(relaxed.stdout).toMatch(/Datadog providers are not imported[^\n]*\n\s+mpdatadog001/);
    expect(strict.stderr).toMatch(/--strict: 3 object\(s\) were skipped/);
  }, 120_000);

  it("keeps ids, updates, affected components, the postmortem's date, and rebuilds the component's history for uptime", async () => {
    const db = getDb();
    const source = fixture.incidents.find((i) => i.id === "chk0ut0utage")!;
    const { GET: v2Incident } = await import("@/app/api/v2/incidents/[incidentId]/route");
    const response = await v2Incident(new Request("http://status.test/api/v2/incidents/chk0ut0utage.json"), {
      params: Promise.resolve({ incidentId: "chk0ut0utage.json" }),
    });
    const body = await response.json();
    expect(body.incident).toMatchObject({
      id: source.id,
      name: source.name,
      status: "postmortem",
      impact: "critical",
      started_at: source.started_at,
      resolved_at: source.resolved_at,
    });
    expect(
      body.incident.incident_updates.map((u: { id: string; body: string; display_at: string }) => [
        u.id,
        u.body,
        u.display_at,
      ]),
    ).toEqual(source.incident_updates.map((u) => [u.id, u.body, u.display_at]));
    expect(body.incident.incident_updates[2].affected_components).toEqual([
      { code: "cmpapi000001", name: "API", old_status: "operational", new_status: "major_outage" },
    ]);
    const postmortem = await db.postmortem.findUniqueOrThrow({ where: { incidentId: source.id } });
    expect(postmortem.publishedAt?.toISOString()).toBe(source.postmortem_published_at);

    const owner = await db.user.create({
      data: { email: "owner@acme.test", name: "Owner", role: "owner", passwordHash: "unused" },
    });
    const { createApiKey } = await import("@/server/services/api-keys/create-api-key");
    const { token } = await createApiKey({
      ctx: { actor: { kind: "user", userId: owner.id, role: "owner", label: "owner" } },
      input: { name: "Migrated script", role: "viewer" },
    });
    process.env.MANAGEMENT_API_RATE_LIMIT = "0";
    const { callManagement } = await import("@/tests/api/management/client");
    const viaOldPageId = await callManagement(`${PAGE_ID}/incidents/${source.id}`, { key: token });
    expect(viaOldPageId.status).toBe(200);
    expect(viaOldPageId.json).toMatchObject({
      page_id: PAGE_ID,
      metadata: { jira: { key: "OPS-42" } },
      impact_override: "critical",
      postmortem_published_at: source.postmortem_published_at,
    });
    const day = new Date(source.started_at).toISOString().slice(0, 10);
    const uptime = await callManagement(`${PAGE_ID}/components/cmpapi000001/uptime`, {
      key: token,
      query: `start=${day}&end=${day}`,
    });
    expect(uptime.json.major_outage).toBe(2 * 3600);
    expect(uptime.json.related_events.map((e: { id: string }) => e.id)).toContain(source.id);
    const maintenance = await callManagement(`${PAGE_ID}/incidents/upcoming`, { key: token });
    expect(maintenance.json[0]).toMatchObject({
      id: "mnt000000001",
      scheduled_remind_prior: true,
      auto_transition_to_maintenance_state: true,
      components: [expect.objectContaining({ id: "cmpweb000001" })],
    });
  }, 120_000);

  it("the incident page and /history read the imported incident as the source shows it", async () => {
    const { getIncidentDetail, listIncidentsBetween } = await import("@/server/queries/public-status");
    const { renderMarkdown } = await import("@/lib/markdown");
    const source = fixture.incidents.find((i) => i.id === "chk0ut0utage")!;
    const detail = await getIncidentDetail(source.id);
    expect(detail).toMatchObject({
      name: source.name,
      status: "postmortem",
      impact: "critical",
      postmortem: { body: source.postmortem_body },
    });
    expect(detail!.updates.map((u) => u.body)).toEqual(source.incident_updates.map((u) => u.body));
    const started = new Date(source.started_at);
    const month = await listIncidentsBetween(
      new Date(Date.UTC(started.getUTCFullYear(), started.getUTCMonth(), 1)),
      new Date(Date.UTC(started.getUTCFullYear(), started.getUTCMonth() + 1, 1)),
    );
    expect(month.map((i) => i.id)).toContain(source.id);
    const hostile = await getIncidentDetail("hostile00001");
    expect(renderMarkdown(hostile!.updates[0].body)).not.toMatch(/<script|javascript:|onerror/i);
  });

  it("shows imported history in the feeds, with hostile text neutralised", async () => {
    const { GET: rss } = await import("@/app/history.rss/route");
    const feed = await (await rss(new Request("http://status.test/history.rss"))).text();
    expect(feed).toContain("Checkout outage");
    expect(feed).toContain("/incidents/chk0ut0utage");
    expect(feed).toContain("Login &lt;b&gt;problems&lt;/b&gt;");
    expect(feed).not.toMatch(/<script|javascript:|onerror=/i);
    const stored = await getDb().incidentUpdate.findUniqueOrThrow({ where: { id: "hosupd000001" } });
    expect(stored.body).toBe(HOSTILE_BODY.replace("\u0000", ""));
  });

  it("a second import changes nothing", async () => {
    const before = await withClient(
      scratch.url,
      async (c) =>
        (
          await c.query(
            "SELECT (SELECT count(*) FROM incidents) i, (SELECT count(*) FROM incident_updates) u, (SELECT count(*) FROM component_status_changes) h, (SELECT count(*) FROM subscribers) s",
          )
        ).rows[0],
    );
    const summary = await keyed();
    for (const [resource, tally] of Object.entries(summary.tallies)) {
      expect(tally.created + tally.updated, resource).toBe(0);
    }
    expect(summary.tallies.incidents.unchanged).toBe(128);
    expect(summary.tallies.metrics.unchanged).toBe(2);
    expect(await getDb().metric.count()).toBe(2);
    const after = await withClient(
      scratch.url,
      async (c) =>
        (
          await c.query(
            "SELECT (SELECT count(*) FROM incidents) i, (SELECT count(*) FROM incident_updates) u, (SELECT count(*) FROM component_status_changes) h, (SELECT count(*) FROM subscribers) s",
          )
        ).rows[0],
    );
    expect(after).toEqual(before);
  }, 120_000);

  it("a changed source updates only what changed, and an interrupted run picks up where it stopped", async () => {
    const checkout = fixture.incidents.find((i) => i.id === "chk0ut0utage")!;
    checkout.name = "Checkout outage (payments)";
    let advanced = 0;
    const dying: ProgressReporter = {
      ...quiet,
      advance() {
        if (++advanced === 50) throw new Error("interrupted");
      },
    };
    fixture.incidents.push({
      ...fixture.incidents[0],
      id: "newinc000001",
      name: "New since the first import",
      created_at: new Date().toISOString(),
      incident_updates: fixture.incidents[0].incident_updates.map((u, i) => ({
        ...u,
        id: `newupd00000${i}`,
        incident_id: "newinc000001",
      })),
    });
    await expect(keyed({ progress: dying })).rejects.toThrow("interrupted");
    const resumed = await keyed();
    expect(resumed.tallies.incidents.created + resumed.tallies.incidents.updated).toBeLessThanOrEqual(2);
    expect((await getDb().incident.findUniqueOrThrow({ where: { id: "chk0ut0utage" } })).name).toBe(
      "Checkout outage (payments)",
    );
    expect(await getDb().incident.count()).toBe(129);
    expect(await getDb().incidentUpdate.count({ where: { incidentId: "chk0ut0utage" } })).toBe(3);
  }, 120_000);
});

describe("the import summary", () => {
  it("names every skipped object, not only the first few", async () => {
    const { formatSummary } = await import("@/server/importer/run-import");
    const skipped = Array.from({ length: 7 }, (_, i) => ({
      resource: "subscribers",
      id: `smssub00000${i}`,
      label: `+1 555 010${i}`,
      reason: "sms subscribers are not supported here (only email and webhook).",
    }));
    const text = formatSummary({ mode: "keyed", dryRun: false, tallies: {}, skipped, notes: [], requests: 1 });
    for (const s of skipped) expect(text).toContain(`${s.id} (${s.label})`);
  });
});

describe("importing what a public page shows", () => {
  it("brings the page, components, groups and listed incidents into an empty install, and says what a keyed import would add", async () => {
    await getDb().$disconnect();
    await withClient(scratch.url, (c) => c.query("DROP SCHEMA public CASCADE; CREATE SCHEMA public;"));
    await applyMigrations(scratch.url);
    delete (globalThis as { statuspageDb?: unknown }).statuspageDb;
    const summary = await runImport({
      mode: "public",
      pageUrl: fake.pageUrl,
      progress: quiet,
      client: { retryBaseMs: 20 },
    });
    expect(summary.tallies).toMatchObject({
      page: { created: 1 },
      "component groups": { created: 1 },
      components: { created: 3 },
      incidents: { created: 51 },
    });
    expect(summary.notes.join("\n")).toMatch(/A keyed import .* would also bring/);
    const { formatSummary } = await import("@/server/importer/run-import");
    expect(formatSummary(summary)).toMatch(/Nothing was sent to subscribers/);
    expect(await getDb().pageSettings.findFirstOrThrow()).toMatchObject({
      statuspagePageId: PAGE_ID,
      name: "Acme Cloud",
    });
    expect(await getDb().outboxMessage.count()).toBe(0);
  }, 120_000);
});
