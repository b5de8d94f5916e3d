import { describe, expect, it } from "vitest";
import { startFrontAndApp } from "../support/response-cache-harness";

describe("a front process in front of the app", () => {
  it("streams what it does not cache to the app and back: methods, bodies, statuses and headers", async () => {
    const app = await startFrontAndApp(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      res.writeHead(201, { "content-type": "application/json", "x-app": "yes", "set-cookie": ["a=1", "b=2"] });
      res.end(JSON.stringify({ method: req.method, url: req.url, body: Buffer.concat(chunks).toString() }));
    });
    const response = await fetch(`${app.base}/api/v1/incidents?x=1`, {
      method: "POST",
      body: "name=Outage",
      headers: { "content-type": "text/plain" },
    });
    expect(response.status).toBe(201);
    expect(response.headers.get("x-app")).toBe("yes");
    expect(response.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
    expect(await response.json()).toEqual({ method: "POST", url: "/api/v1/incidents?x=1", body: "name=Outage" });
  });

  it("passes a long answer through as it is written, not when it ends", async () => {
    let finish: () => void = () => {};
    const app = await startFrontAndApp((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write("data: first\n\n");
      finish = () => res.end("data: last\n\n");
    });
    const response = await fetch(`${app.base}/admin/events`);
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe("data: first\n\n");
    finish();
    const rest: string[] = [];
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
      rest.push(new TextDecoder().decode(chunk.value));
    expect(rest.join("")).toBe("data: last\n\n");
  });

  it("keeps answering cached pages, marked stale, while the app is unreachable, and 503 for the rest", async () => {
    let version = 1;
    const app = await startFrontAndApp(
      (_req, res) => {
        res.setHeader("content-type", "text/html");
        res.end("<p>home</p>");
      },
      { dataVersion: () => version },
    );
    expect(await (await fetch(`${app.base}/`)).text()).toBe("<p>home</p>");
    app.stopApp();
    version = 2;
    const stale = await fetch(`${app.base}/`);
    expect(stale.status).toBe(200);
    expect(stale.headers.get("x-statuspage-stale")).toBe("1");
    expect(await stale.text()).toBe("<p>home</p>");
    const uncached = await fetch(`${app.base}/history`);
    expect(uncached.status).toBe(503);
    expect(uncached.headers.get("retry-after")).toBe("2");
    const console = await fetch(`${app.base}/admin`);
    expect(console.status).toBe(503);
  });

  it("keeps content-hashed build files across data changes, and pages only until the data changes", async () => {
    let version = 1;
    const app = await startFrontAndApp(
      (req, res) => {
        res.setHeader(
          "cache-control",
          req.url?.startsWith("/_next/static/") ? "public, max-age=31536000, immutable" : "public, max-age=0",
        );
        res.end(`body of ${req.url}`);
      },
      { dataVersion: () => version },
    );
    await fetch(`${app.base}/_next/static/chunks/app.js`);
    await fetch(`${app.base}/`);
    version = 2;
    expect(await (await fetch(`${app.base}/_next/static/chunks/app.js`)).text()).toBe(
      "body of /_next/static/chunks/app.js",
    );
    await fetch(`${app.base}/`);
    expect(app.seen).toEqual(["/_next/static/chunks/app.js", "/", "/"]);
  });

  it("reads a page for its own use through the cache, once for any number of askers", async () => {
    let version = 1;
    const app = await startFrontAndApp(
      (_req, res) => {
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify({ version: `v${version}` }));
      },
      { dataVersion: () => version },
    );
    const bodies = await Promise.all([1, 2, 3].map(() => app.cache.fetchBody("/api/live?incident=abc")));
    expect(bodies.map((body) => JSON.parse(body.toString()).version)).toEqual(["v1", "v1", "v1"]);
    expect(app.seen).toEqual(["/api/live?incident=abc"]);
    expect(await (await fetch(`${app.base}/api/live?incident=abc`)).json()).toEqual({ version: "v1" });
    version = 2;
    expect(JSON.parse((await app.cache.fetchBody("/api/live?incident=abc")).toString())).toEqual({ version: "v2" });
    expect(app.seen).toHaveLength(2);
  });
});
