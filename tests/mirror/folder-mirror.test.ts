import { afterEach, describe, expect, it } from "vitest";
import { readFile, readdir, stat } from "node:fs/promises";
import path from "node:path";
import zlib from "node:zlib";
import { createIncident } from "@/server/services/incidents/create-incident";
import { postIncidentUpdate } from "@/server/services/incidents/post-incident-update";
import { invalidateTags } from "@/server/cache/tagged-cache";
import { createMirrorPublisher } from "@/server/mirror/mirror-publisher";
import { createFolderTarget } from "@/server/mirror/targets/folder-target";
import { fullScope, scopeForTags } from "@/server/mirror/mirror-scope";
import { getMirrorInventory } from "@/server/queries/mirror-inventory";
import type { MirrorTarget } from "@/server/mirror/targets/mirror-target";
import { createComponent, unique } from "@/tests/support/factories";
import { ctxFor } from "@/tests/console/helpers";
import { ensurePageOnce } from "@/tests/api/support";
import { TEST_ASSET, appRenderer, fakeStaticDir, temporaryMirrorDir } from "@/tests/mirror/support";

async function declareIncident(name = unique("Mirror incident")) {
  await ensurePageOnce();
  const component = await createComponent();
  const { incident } = await createIncident({
    ctx: await ctxFor("responder"),
    input: {
      name,
      impact: "major",
      status: "investigating",
      message: "Looking into it.",
      components: [{ componentId: component.id, status: "partial_outage" }],
    },
  });
  return { incident, component };
}

async function publisherFor(target: MirrorTarget) {
  return createMirrorPublisher({
    targets: [target],
    render: appRenderer,
    inventory: getMirrorInventory,
    staticDir: await fakeStaticDir(),
  });
}

async function filesUnder(root: string, prefix = ""): Promise<string[]> {
  const entries = await readdir(path.join(root, prefix), { withFileTypes: true });
  const nested = await Promise.all(
    entries.map(async (e) =>
      e.isDirectory() ? filesUnder(root, path.join(prefix, e.name)) : [path.join(prefix, e.name)],
    ),
  );
  return nested.flat();
}

/** Records the order of writes, to check what a reader could see between them. */
function recording(target: MirrorTarget) {
  const puts: string[] = [];
  const wrapped: MirrorTarget = {
    ...target,
    put: async (key, body, options) => {
      puts.push(key);
      await target.put(key, body, options);
    },
  };
  return { target: wrapped, puts };
}

describe("static mirror in a folder", { timeout: 90_000 }, () => {
  let stopReading = () => {};
  afterEach(() => stopReading());

  it("never publishes an answer of the wrong content type over a page: `{}` for the home page keeps the last copy", async () => {
    await declareIncident();
    const dir = await temporaryMirrorDir();
    let poisoned = false;
    const publisher = createMirrorPublisher({
      targets: [createFolderTarget(dir)],
      render: async (url) =>
        poisoned && (url === "/" || url === "/api/v2/summary.json" || url === "/history.rss")
          ? new Response("{}", { headers: { "x-middleware-skip": "1" } })
          : appRenderer(url),
      inventory: getMirrorInventory,
      staticDir: await fakeStaticDir(),
    });
    await publisher.publish(fullScope());
    const home = await readFile(path.join(dir, "index.html"), "utf8");
    const summary = await readFile(path.join(dir, "api/v2/summary.json"), "utf8");
    poisoned = true;
    const report = await publisher.publish(fullScope(), { force: true });
    expect(report.failed).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/: answered text\/plain/),
        expect.stringMatching(/^\/api\/v2\/summary\.json: answered text\/plain/),
        expect.stringMatching(/^\/history\.rss: answered text\/plain/),
      ]),
    );
    expect(await readFile(path.join(dir, "index.html"), "utf8")).toBe(home);
    expect(await readFile(path.join(dir, "api/v2/summary.json"), "utf8")).toBe(summary);
  });

  it("publishes pages, the JSON API, feeds, badges, the uptime image and Next's assets, with compressed copies", async () => {
    const { incident, component } = await declareIncident();
    const dir = await temporaryMirrorDir();
    const report = await (await publisherFor(createFolderTarget(dir))).publish(fullScope());
    expect(report.failed).toEqual([]);

    const home = await readFile(path.join(dir, "index.html"), "utf8");
    expect(home).toContain('<meta name="statuspage-mirror" content="/live.json"/>');
    expect(home).toContain('href="/history/page/2/"');
    expect(home).not.toContain("/history?page=2");
    expect(await readFile(path.join(dir, `incidents/${incident.id}/index.html`), "utf8")).toContain(incident.name);
    const summary = JSON.parse(await readFile(path.join(dir, "api/v2/summary.json"), "utf8"));
    expect(summary.incidents.map((i: { id: string }) => i.id)).toContain(incident.id);
    expect(JSON.parse(await readFile(path.join(dir, `api/v2/incidents/${incident.id}.json`), "utf8")).incident.id).toBe(
      incident.id,
    );
    expect(await readFile(path.join(dir, "history.rss"), "utf8")).toContain(incident.name);
    expect(await readFile(path.join(dir, `components/${component.id}/badge.svg`), "utf8")).toContain("<svg");
    expect(await readFile(path.join(dir, "uptime.svg"), "utf8")).toContain("<svg");
    expect(JSON.parse(await readFile(path.join(dir, `api/uptime/component/${component.id}`), "utf8")).id).toBe(
      component.id,
    );
    expect(await readFile(path.join(dir, "history/index.html"), "utf8")).toContain('href="/history/month/2026-01/"');
    expect(await readFile(path.join(dir, "404.html"), "utf8")).toContain("Page not found");
    expect(await readFile(path.join(dir, `_next/static/${TEST_ASSET}`), "utf8")).toContain("console.log");

    const live = JSON.parse(await readFile(path.join(dir, "live.json"), "utf8"));
    expect(live).toEqual({ version: report.version, generated_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    for (const key of ["index.html", "api/v2/summary.json", "history.rss", `_next/static/${TEST_ASSET}`]) {
      const plain = await readFile(path.join(dir, key));
      expect(zlib.brotliDecompressSync(await readFile(path.join(dir, `${key}.br`)))).toEqual(plain);
      expect(zlib.gunzipSync(await readFile(path.join(dir, `${key}.gz`)))).toEqual(plain);
    }
    expect((await filesUnder(dir)).filter((file) => file.endsWith(".tmp"))).toEqual([]);
    expect((await stat(path.join(dir, "index.html"))).mode & 0o777).toBe(0o644);
  });

  it("writes assets before anything that refers to them, pages after other files, live.json last, and never a partial file", async () => {
    const { incident } = await declareIncident();
    const dir = await temporaryMirrorDir();
    const { target, puts } = recording(createFolderTarget(dir));
    const publisher = await publisherFor(target);
    await publisher.publish(fullScope());

    const firstPage = puts.findIndex((key) => key.endsWith(".html"));
    const lastAsset = puts.findLastIndex((key) => key.startsWith("_next/"));
    expect(firstPage).toBeGreaterThan(lastAsset);
    // Within the first wave: the uptime image and the JSON before the pages, then live.json.
    const home = puts.indexOf("index.html");
    expect(puts.indexOf("uptime.svg")).toBeLessThan(home);
    expect(puts.indexOf("api/v2/summary.json")).toBeLessThan(home);
    expect(puts.indexOf("live.json")).toBeGreaterThan(puts.indexOf(`incidents/${incident.id}/index.html`));
    expect(puts.at(-1)).toBe(".statuspage-mirror/manifest.json");

    // A reader polling while the mirror is republished again and again only ever gets whole documents.
    let reading = true;
    stopReading = () => (reading = false);
    const seen: string[] = [];
    const reader = (async () => {
      while (reading) {
        const body = await readFile(path.join(dir, "api/v2/summary.json"), "utf8");
        JSON.parse(body);
        const page = await readFile(path.join(dir, `incidents/${incident.id}/index.html`), "utf8");
        expect(page.trimEnd().endsWith("</html>")).toBe(true);
        seen.push(body);
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    for (let n = 0; n < 5; n++) {
      await postIncidentUpdate({
        ctx: await ctxFor("responder"),
        input: { incidentId: incident.id, status: "identified", body: `Update ${n} ${"detail ".repeat(2000)}` },
      });
      await publisher.publish(scopeForTags(["incidents", `incident:${incident.id}`]));
    }
    reading = false;
    await reader;
    expect(seen.length).toBeGreaterThan(5);
  });

  it("re-uploads only what changed", async () => {
    const { incident } = await declareIncident();
    const { incident: other } = await declareIncident();
    const dir = await temporaryMirrorDir();
    const publisher = await publisherFor(createFolderTarget(dir));
    await publisher.publish(fullScope());
    const incidentScope = scopeForTags([`incident:${incident.id}`, `incident:${other.id}`]);

    const unchanged = await publisher.publish(incidentScope);
    expect(unchanged.rendered).toBe(4);
    expect(unchanged.uploaded).toEqual([]);
    const liveBefore = await readFile(path.join(dir, "live.json"), "utf8");

    await postIncidentUpdate({
      ctx: await ctxFor("responder"),
      input: { incidentId: incident.id, status: "identified", body: "Found it." },
    });
    const changed = await publisher.publish(incidentScope);
    expect(changed.uploaded).toEqual(
      expect.arrayContaining([
        `api/v2/incidents/${incident.id}.json`,
        `incidents/${incident.id}/index.html`,
        "live.json",
      ]),
    );
    // Every v2 file carries the page's last change time, so the other incident's JSON moves too; its page does not.
    expect(changed.uploaded).not.toContain(`incidents/${other.id}/index.html`);
    expect(await readFile(path.join(dir, `incidents/${incident.id}/index.html`), "utf8")).toContain("Found it.");
    expect(JSON.parse(await readFile(path.join(dir, "live.json"), "utf8")).version).not.toBe(
      JSON.parse(liveBefore).version,
    );

    // A new publisher (another instance taking over) reads what was published from the folder's manifest.
    const successor = await publisherFor(createFolderTarget(dir));
    expect((await successor.publish(incidentScope)).uploaded).toEqual([]);
    expect((await successor.publish(incidentScope, { force: true })).uploaded).toContain(
      `incidents/${other.id}/index.html`,
    );
  });

  it("removes a page whose address no longer exists", async () => {
    const { incident } = await declareIncident();
    const dir = await temporaryMirrorDir();
    const publisher = await publisherFor(createFolderTarget(dir));
    await publisher.publish(fullScope());
    const { getDb } = await import("@/server/db/client");
    await getDb().incident.delete({ where: { id: incident.id } });
    invalidateTags([`incident:${incident.id}`]);
    const report = await publisher.publish(scopeForTags([`incident:${incident.id}`]));
    expect(report.removed.sort()).toEqual(
      [`api/v2/incidents/${incident.id}.json`, `incidents/${incident.id}/index.html`].sort(),
    );
    await expect(stat(path.join(dir, `incidents/${incident.id}/index.html`))).rejects.toThrow();
    await expect(stat(path.join(dir, `incidents/${incident.id}/index.html.gz`))).rejects.toThrow();
  });
});
