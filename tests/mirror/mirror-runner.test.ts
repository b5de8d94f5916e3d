import { afterEach, describe, expect, it } from "vitest";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { createIncident } from "@/server/services/incidents/create-incident";
import { postIncidentUpdate } from "@/server/services/incidents/post-incident-update";
import { invalidateTags } from "@/server/cache/tagged-cache";
import { getDb } from "@/server/db/client";
import { createMirrorPublisher, type MirrorRenderer, type PublishReport } from "@/server/mirror/mirror-publisher";
import { startMirrorRunner, type MirrorRunner } from "@/server/mirror/mirror-runner";
import { createFolderTarget } from "@/server/mirror/targets/folder-target";
import { getMirrorInventory } from "@/server/queries/mirror-inventory";
import { unique } from "@/tests/support/factories";
import { ctxFor } from "@/tests/console/helpers";
import { ensurePageOnce } from "@/tests/api/support";
import { appRenderer, fakeStaticDir, temporaryMirrorDir } from "@/tests/mirror/support";

const runners: MirrorRunner[] = [];
afterEach(async () => {
  await Promise.all(runners.splice(0).map((runner) => runner.stop()));
});

async function startRunner(dir: string, lockName: string, reports: PublishReport[] = [], slowTail = 0) {
  // A long tail of slow addresses (components that render in 20 ms each) stands in for a large site.
  const inventory = async () => {
    const stock = await getMirrorInventory();
    return {
      ...stock,
      componentIds: [...stock.componentIds, ...Array.from({ length: slowTail }, (_, n) => `slow-${n}`)],
    };
  };
  const render: MirrorRenderer = async (url) => {
    if (url.includes("/slow-")) await new Promise((resolve) => setTimeout(resolve, 20));
    return appRenderer(url);
  };
  const publisher = createMirrorPublisher({
    targets: [createFolderTarget(dir)],
    render,
    inventory,
    staticDir: await fakeStaticDir(),
  });
  const runner = startMirrorRunner({
    publisher,
    databaseUrl: process.env.DATABASE_URL!,
    lockName,
    debounceMs: 50,
    refreshMs: 0,
    retryMs: 100,
    onPublished: (report) => reports.push(report),
  });
  runners.push(runner);
  return runner;
}

async function until<T>(check: () => Promise<T | undefined> | T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

// Each test begins with a full pass over every page of the shared test database.
describe("static mirror publisher", { timeout: 90_000 }, () => {
  it("republishes a change within a second, once for a burst of changes", async () => {
    await ensurePageOnce();
    const ctx = await ctxFor("responder");
    const { incident } = await createIncident({
      ctx,
      input: { name: unique("Burst"), impact: "minor", status: "investigating", message: "Looking." },
    });
    const dir = await temporaryMirrorDir();
    const reports: PublishReport[] = [];
    const runner = await startRunner(dir, unique("mirror-lock"), reports);
    await until(() => runner.isLeader());
    await runner.idle();
    const page = path.join(dir, `incidents/${incident.id}/index.html`);
    expect(await readFile(page, "utf8")).toContain("Looking.");

    const publishedBefore = reports.length;
    // Written in one outer transaction, so that their five invalidations arrive together, as they do from five
    // responders on several instances.
    const written = await getDb().$transaction(async (tx) => {
      const tags: string[][] = [];
      for (let n = 1; n <= 5; n++) {
        const input = { incidentId: incident.id, status: "identified" as const, body: `Burst update ${n}.` };
        tags.push((await postIncidentUpdate({ ctx: { ...ctx, db: tx }, input })).tags);
      }
      return tags;
    });
    const started = performance.now();
    for (const tags of written) invalidateTags(tags);
    await until(async () => (await readFile(page, "utf8")).includes("Burst update 5."));
    const latencyMs = performance.now() - started;
    console.log(`mirror republished ${Math.round(latencyMs)} ms after the last write`);
    expect(latencyMs).toBeLessThan(1_000);
    await runner.idle();
    expect(reports.length - publishedBefore).toBe(1);
    expect(
      JSON.parse(await readFile(path.join(dir, "api/v2/summary.json"), "utf8")).incidents.find(
        (i: { id: string }) => i.id === incident.id,
      ).status,
    ).toBe("identified");
  });

  it("publishes a change made during a long full pass without waiting for the pass to end", async () => {
    await ensurePageOnce();
    const ctx = await ctxFor("responder");
    const { incident } = await createIncident({
      ctx,
      input: { name: unique("During a pass"), impact: "minor", status: "investigating", message: "Looking." },
    });
    const dir = await temporaryMirrorDir();
    const reports: PublishReport[] = [];
    const runner = await startRunner(dir, unique("mirror-lock"), reports, 150);
    const page = path.join(dir, `incidents/${incident.id}/index.html`);
    await until(() => readFile(page, "utf8").catch(() => undefined));
    await postIncidentUpdate({
      ctx,
      input: { incidentId: incident.id, status: "identified", body: "Found during the pass." },
    });
    await until(async () => (await readFile(page, "utf8")).includes("Found during the pass."));
    const fullPassDone = reports.some((report) => report.rendered > 600);
    await runner.idle();
    expect(fullPassDone).toBe(false);
    expect(reports.at(-1)!.rendered).toBeGreaterThan(600);
  });

  it("publishes a change made during the long tail of another change's pass without waiting for that pass", async () => {
    await ensurePageOnce();
    const ctx = await ctxFor("responder");
    const { incident } = await createIncident({
      ctx,
      input: { name: unique("Tail"), impact: "minor", status: "investigating", message: "Looking." },
    });
    const dir = await temporaryMirrorDir();
    const reports: PublishReport[] = [];
    const runner = await startRunner(dir, unique("mirror-lock"), reports, 150);
    await until(() => runner.isLeader());
    await runner.idle();
    const page = path.join(dir, `incidents/${incident.id}/index.html`);
    const passesBefore = reports.length;

    // The first update's pass renders every component's feeds (slow here) after its incident page.
    await postIncidentUpdate({ ctx, input: { incidentId: incident.id, status: "identified", body: "First update." } });
    await until(async () => (await readFile(page, "utf8")).includes("First update."));
    await postIncidentUpdate({ ctx, input: { incidentId: incident.id, status: "monitoring", body: "Second update." } });
    await until(async () => (await readFile(page, "utf8")).includes("Second update."));
    const passesWhenShown = reports.length;
    await runner.idle();
    expect(passesWhenShown).toBe(passesBefore);
    expect(reports.length).toBeGreaterThan(passesBefore);
  });

  it("lets one instance publish a mirror at a time, and another take over when it stops", async () => {
    await ensurePageOnce();
    const dir = await temporaryMirrorDir();
    const lockName = unique("mirror-lock");
    const first = await startRunner(dir, lockName);
    await until(() => first.isLeader());
    const second = await startRunner(dir, lockName);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(second.isLeader()).toBe(false);

    await first.stop();
    await until(() => second.isLeader(), 5_000);
    expect(first.isLeader()).toBe(false);
  });
});
