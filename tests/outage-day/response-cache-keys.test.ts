import { describe, expect, it } from "vitest";
import type http from "node:http";
import { cacheKeyOf } from "@/server/front/response-cache";
import type { RenderLimits } from "@/server/front/render-limiter";
import { startFrontAndApp, type Handler } from "../support/response-cache-harness";

function startServer(handler: Handler, options: { version?: () => number; renderLimits?: RenderLimits } = {}) {
  return startFrontAndApp(handler, { dataVersion: options.version ?? (() => 1), renderLimits: options.renderLimits });
}

const page =
  (text: string): Handler =>
  (req, res) => {
    res.setHeader("cache-control", "private, no-cache, no-store, max-age=0, must-revalidate");
    res.setHeader("content-type", req.headers.rsc ? "text/x-component" : "text/html; charset=utf-8");
    res.end(text);
  };

function request(method: string, url: string, headers: Record<string, string> = {}) {
  return { method, url, headers } as unknown as http.IncomingMessage;
}

describe("cache keys", () => {
  it("keep only the query parameters a route reads, in a fixed order", () => {
    expect(cacheKeyOf(request("GET", "/?utm_source=x&fbclid=abc"))?.key).toBe("/");
    expect(cacheKeyOf(request("GET", "/history?utm_medium=y&component=c1&page=2"))?.key).toBe(
      "/history?page=2&component=c1",
    );
    expect(cacheKeyOf(request("GET", "/history?page=2&component=c1"))?.key).toBe("/history?page=2&component=c1");
    expect(cacheKeyOf(request("GET", "/history?page=3"))?.key).not.toBe(
      cacheKeyOf(request("GET", "/history?page=2"))?.key,
    );
    expect(cacheKeyOf(request("GET", "/api/live?incident=a1&r=9"))?.key).toBe("/api/live?incident=a1");
    expect(cacheKeyOf(request("GET", "/api/v2/summary.json?callback=x"))?.key).toBe("/api/v2/summary.json");
    expect(cacheKeyOf(request("GET", "/components/c1/badge.svg?label=API&x=1"))?.key).toBe(
      "/components/c1/badge.svg?label=API",
    );
  });

  it("collapse out-of-range and malformed parameter values onto one address per parameter", () => {
    const key = (url: string) => cacheKeyOf(request("GET", url))?.key;
    // The history page shows each malformed value the same way (page 1 and a note): one entry holds it for all.
    for (const junk of ["abc", "0", "01x", "1001", "99999999", "2.5"])
      expect(key(`/history?page=${encodeURIComponent(junk)}`), `page=${junk}`).toBe("/history?page=~");
    for (const plain of ["1", "01", ""]) expect(key(`/history?page=${plain}`), `page=${plain}`).toBe("/history");
    expect(key("/history?page=2")).toBe("/history?page=2");
    expect(key("/history?page=0002")).toBe("/history?page=2");
    for (const junk of ["2026-13", "2026-1", "1969-12", "R4nd0m", "2026-10-01"])
      expect(key(`/history?month=${junk}`), `month=${junk}`).toBe("/history?month=~");
    expect(key("/history?month=2026-10")).toBe("/history?month=2026-10");
    expect(key(`/history?component=${encodeURIComponent("<script>")}`)).toBe("/history?component=~");
    expect(key(`/api/live?incident=${"x".repeat(300)}`)).toBe("/api/live");
    expect(key(`/uptime.svg?v=${encodeURIComponent("a b")}`)).toBe("/uptime.svg");
    expect(key(`/badge.svg?label=${"L".repeat(500)}`)).toBe(`/badge.svg?label=${"L".repeat(60)}`);
  });

  it("tell flight requests from page loads, and ignore Next's headers on page loads", () => {
    const load = cacheKeyOf(request("GET", "/", { "next-router-state-tree": "junk", "next-url": "/x" }));
    expect(load?.key).toBe("/");
    const flight = cacheKeyOf(
      request("GET", "/?_rsc=abc&utm_source=x", { rsc: "1", "next-router-state-tree": "tree" }),
    );
    expect(flight?.key).not.toBe("/");
    expect(flight?.key).toBe(
      cacheKeyOf(request("GET", "/?_rsc=other", { rsc: "1", "next-router-state-tree": "tree" }))?.key,
    );
    expect(flight?.url).toBe("/?_rsc=abc");
  });

  it("keep the brand icons and the manifest, which every first page load asks for", () => {
    for (const path of [
      "/favicon.ico",
      "/icon.svg",
      "/icon-512.png",
      "/apple-touch-icon.png",
      "/manifest.webmanifest",
    ]) {
      expect(cacheKeyOf(request("GET", `${path}?v=1`))?.key).toBe(path);
    }
  });

  it("leave the console, writes and unknown paths uncached", () => {
    expect(cacheKeyOf(request("GET", "/admin"))).toBeNull();
    expect(cacheKeyOf(request("POST", "/"))).toBeNull();
    expect(cacheKeyOf(request("GET", "/api/v1/incidents"))).toBeNull();
  });
});

describe("normalised caching", () => {
  it("serves links with tracking parameters from the entry of the plain address, and renders the plain address", async () => {
    const app = await startServer(page("<p>home</p>"));
    await fetch(`${app.base}/`);
    for (let i = 0; i < 5; i++) {
      const response = await fetch(`${app.base}/?utm_source=share&fbclid=${i}&r=${Math.random()}`);
      expect(await response.text()).toBe("<p>home</p>");
    }
    expect(app.seen).toEqual(["/"]);
  });

  it("does not let an Authorization header or cookies bypass the cache of a public page", async () => {
    const app = await startServer(page("<p>home</p>"));
    await fetch(`${app.base}/`);
    for (let i = 0; i < 5; i++)
      await fetch(`${app.base}/`, { headers: { authorization: `Bearer ${i}`, cookie: `x=${i}` } });
    expect(app.seen).toHaveLength(1);
  });

  it("forbids browsers and CDNs to answer an open tab's refresh from a copy, while page loads stay CDN-cacheable", async () => {
    const app = await startServer(page("<p>home</p>"));
    const load = await fetch(`${app.base}/`);
    expect(load.headers.get("cache-control")).toContain("s-maxage=10");
    const flight = await fetch(`${app.base}/?_rsc=1`, { headers: { rsc: "1" } });
    expect(flight.headers.get("cache-control")).toBe("private, no-cache");
    expect(flight.headers.get("etag")).toBeTruthy();
    const revalidated = await fetch(`${app.base}/?_rsc=1`, {
      headers: { rsc: "1", "if-none-match": flight.headers.get("etag")! },
    });
    expect(revalidated.status).toBe(304);
  });
});

describe("render limits", () => {
  it("sheds misses beyond the render budget with 503 and Retry-After while cached pages keep answering", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const app = await startServer(
      async (req, res) => {
        if (req.url?.startsWith("/incidents/")) await gate;
        await page(`<p>${req.url}</p>`)(req, res);
      },
      { renderLimits: { maxConcurrent: 1, maxQueued: 2, queueTimeoutMs: 60_000 } },
    );
    await fetch(`${app.base}/`);

    const misses = Array.from({ length: 6 }, (_, i) => fetch(`${app.base}/incidents/junk${i}`));
    const shed = await Promise.all(misses.slice(3));
    for (const response of shed) {
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("2");
    }
    const cached = await fetch(`${app.base}/`);
    expect(await cached.text()).toBe("<p>/</p>");
    release();
    expect((await Promise.all(misses.slice(0, 3))).map((response) => response.status)).toEqual([200, 200, 200]);
    expect(app.cache.renderStats().refused).toBe(3);
  });

  it("stops rendering pages that do not exist once their share of time is spent, but still renders real pages", async () => {
    let version = 1;
    let clock = 0;
    let slowHome = false;
    let releaseHome: () => void = () => {};
    const homeGate = new Promise<void>((resolve) => (releaseHome = resolve));
    const app = await startServer(
      async (req, res) => {
        if (req.url === "/" && slowHome) await homeGate;
        clock += 400;
        if (req.url?.startsWith("/incidents/missing")) res.statusCode = 404;
        await page(`<p>${req.url} v${version}</p>`)(req, res);
      },
      { version: () => version, renderLimits: { budgetShare: 0, burstMs: 1_000, now: () => clock } },
    );
    // Real pages seen for the first time cost nothing from the allowance, however many there are.
    for (let i = 0; i < 5; i++) expect((await fetch(`${app.base}/incidents/real${i}`)).status).toBe(200);
    await fetch(`${app.base}/`);
    // A slow render of a known page keeps the server busy, so the budget applies to what arrives beside it.
    version = 2;
    slowHome = true;
    const busy = fetch(`${app.base}/`);
    await expect.poll(() => app.cache.renderStats().running).toBe(1);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await fetch(`${app.base}/incidents/missing${i}`)).status);
    releaseHome();
    await busy;
    // Each wasted render "takes" 400 ms of a 1 s allowance that never refills: the third exhausts it.
    expect(statuses.slice(0, 3)).toEqual([404, 404, 404]);
    expect(statuses.slice(3).every((status) => status === 503)).toBe(true);
    version = 3;
    expect(await (await fetch(`${app.base}/`)).text()).toBe("<p>/ v3</p>");
  });

  it("keeps junk from rendering one page after another on an idle server, but never refuses a fixed address", async () => {
    let clock = 0;
    let renders = 0;
    const app = await startServer(
      async (req, res) => {
        renders++;
        clock += 400;
        if (req.url?.startsWith("/incidents/missing")) res.statusCode = 404;
        await page(`<p>${req.url}</p>`)(req, res);
      },
      { renderLimits: { budgetShare: 0, burstMs: 1_000, now: () => clock } },
    );
    // One request at a time, so nothing else is rendering when each arrives.
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await fetch(`${app.base}/incidents/missing${i}`)).status);
    expect(statuses).toEqual([404, 404, 404, 503, 503, 503, 503, 503]);
    expect(renders).toBe(3);
    // The home page was never asked for on this front; junk spent the budget, and it renders all the same.
    const home = await fetch(`${app.base}/?utm_source=shared-link`);
    expect(home.status).toBe(200);
    expect(await home.text()).toBe("<p>/</p>");
  });

  it("charges a flood of new parameter values to the junk budget, never the plain address or values already kept", async () => {
    let clock = 0;
    const app = await startFrontAndApp(
      async (req, res) => {
        clock += 400;
        res.setHeader("content-type", "image/svg+xml");
        res.end(`<svg>${req.url}</svg>`);
      },
      { dataVersion: () => 1, renderLimits: { budgetShare: 0, burstMs: 1_000, now: () => clock } },
    );
    expect((await fetch(`${app.base}/badge.svg?label=API`)).status).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await fetch(`${app.base}/badge.svg?label=flood-${i}`)).status);
    expect(statuses).toEqual([200, 200, 503, 503, 503, 503]);
    expect((await fetch(`${app.base}/badge.svg`)).status).toBe(200);
    expect(await (await fetch(`${app.base}/badge.svg?label=API`)).text()).toBe("<svg>/badge.svg?label=API</svg>");
    for (const url of ["/history?page=R4nd0m", "/history?page=77777777", "/api/live?incident=%00"])
      expect((await fetch(`${app.base}${url}`)).status, url).toBe(200);
  });

  it("never refuses a file of the running build for the budget junk spent, but refuses made-up chunk names", async () => {
    let clock = 0;
    const app = await startFrontAndApp(
      async (req, res) => {
        clock += 400;
        if (req.url?.startsWith("/incidents/missing") || req.url?.includes("made-up")) res.statusCode = 404;
        res.setHeader("content-type", "text/javascript");
        res.end(`// ${req.url}`);
      },
      {
        dataVersion: () => 1,
        renderLimits: { budgetShare: 0, burstMs: 1_000, now: () => clock },
        isBuildFile: (file) => file === "/_next/static/chunks/page-abc123.js",
      },
    );
    for (let i = 0; i < 3; i++) await fetch(`${app.base}/incidents/missing${i}`);
    expect((await fetch(`${app.base}/incidents/missing-after`)).status).toBe(503);
    const chunk = await fetch(`${app.base}/_next/static/chunks/page-abc123.js`);
    expect(chunk.status).toBe(200);
    expect(await chunk.text()).toBe("// /_next/static/chunks/page-abc123.js");
    expect((await fetch(`${app.base}/_next/static/chunks/made-up-0.js`)).status).toBe(503);
  });

  it("answers a shed miss of a known page with its last good response, marked stale", async () => {
    let version = 1;
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const app = await startServer(
      async (req, res) => {
        if (version === 2 && req.url === "/history?page=2") await gate;
        await page(`<p>${req.url} v${version}</p>`)(req, res);
      },
      { version: () => version, renderLimits: { maxConcurrent: 1, maxQueued: 0 } },
    );
    await fetch(`${app.base}/history?page=2`);
    await fetch(`${app.base}/`);
    version = 2;
    const slow = fetch(`${app.base}/history?page=2`);
    await new Promise((resolve) => setImmediate(resolve));
    const other = await fetch(`${app.base}/`);
    expect(other.headers.get("x-statuspage-stale")).toBe("1");
    expect(await other.text()).toBe("<p>/ v1</p>");
    release();
    expect(await (await slow).text()).toBe("<p>/history?page=2 v2</p>");
  });
});
