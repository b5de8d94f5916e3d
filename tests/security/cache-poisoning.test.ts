import { describe, expect, it } from "vitest";
import type http from "node:http";
import { createHash } from "node:crypto";
import { normalizeRequestTarget } from "@/server/front/request-target";
import { startFrontAndApp, type Handler } from "../support/response-cache-harness";
import { rawRequest } from "@/e2e/support/raw-http";

// Every header Next, its proxy or a front treats specially, and what a reader's browser sends of its own.
const SPECIAL_HEADERS: Record<string, string> = {
  "x-middleware-prefetch": "1",
  "x-middleware-subrequest": "middleware",
  "x-nextjs-data": "1",
  purpose: "prefetch",
  "sec-purpose": "prefetch",
  "next-router-prefetch": "1",
  "next-router-state-tree": "%5B%22%22%5D",
  "next-router-segment-prefetch": "/_tree",
  "next-url": "/admin",
  "next-action": "abc123",
  "x-invoke-path": "/admin/users",
  "x-invoke-query": "%7B%7D",
  "x-invoke-status": "500",
  "x-invoke-output": "/500",
  "x-matched-path": "/admin/users",
  "x-now-route-matches": "1",
  "x-forwarded-host": "evil.example",
  "x-forwarded-proto": "gopher",
  "x-forwarded-for": "203.0.113.9",
  forwarded: "host=evil.example",
  cookie: "next-auth.session-token=owner",
  authorization: "Bearer sp_secret",
  "accept-language": "de",
  "user-agent": "Googlebot/2.1",
};

const ROUTES = [
  "/",
  "/history?month=2026-10",
  "/history.rss",
  "/api/v2/summary.json",
  "/api/live",
  "/badge.svg",
  "/incidents/abc",
  "/embed",
];

/**
 * An app that answers as Next does when a request carries one of the special headers: `{}` with no content type for
 * a prefetch, the console for a signed-in cookie, another host's links for forwarding headers. A render made only
 * from what the front allows gets the real page.
 */
const nextLikeApp: Handler = (req, res) => {
  const headers = req.headers;
  const special = Object.keys(SPECIAL_HEADERS).filter((name) => name !== "rsc" && headers[name] !== undefined);
  if (headers["x-middleware-prefetch"] || headers["x-nextjs-data"] || headers.purpose) {
    res.removeHeader("content-type");
    res.setHeader("x-middleware-skip", "1");
    res.end("{}");
    return;
  }
  if (req.url?.startsWith("/admin")) {
    if (!headers.cookie) {
      res.writeHead(307, { location: "/login" });
      res.end();
      return;
    }
    res.end("<p>every user's email: owner@example.com</p>");
    return;
  }
  if (special.length > 0) {
    res.end(`<p>rendered with ${special.join(", ")}</p>`);
    return;
  }
  res.end(`<p>real page of ${req.url}</p>`);
};

async function startPoisonableApp() {
  let version = 1;
  const renders: http.IncomingHttpHeaders[] = [];
  const app = await startFrontAndApp(
    (req, res) => {
      if (!req.url?.startsWith("/admin")) renders.push(req.headers);
      return nextLikeApp(req, res);
    },
    { dataVersion: () => version, maxAgeMs: 0 },
  );
  return { ...app, renders, bump: () => version++ };
}

describe("the response cache renders from what it allows, never from the requester's headers", () => {
  it("serves every anonymous reader the real page after misses carrying each special header", async () => {
    const app = await startPoisonableApp();
    for (const [name, value] of Object.entries(SPECIAL_HEADERS)) {
      app.bump();
      for (const route of ROUTES) await fetch(`${app.base}${route}`, { headers: { [name]: value } });
      for (const route of ROUTES) {
        const response = await fetch(`${app.base}${route}`);
        const body = await response.text();
        expect(body, `${route} after a miss with ${name}`).toBe(`<p>real page of ${route}</p>`);
        expect(response.headers.get("x-middleware-skip")).toBeNull();
      }
    }
    // Aged entries are refreshed in the background (maxAgeMs 0): those renders carry nothing of a requester either.
    await app.cache.idle();
    const allowed = new Set(["host", "connection"]);
    for (const headers of app.renders) expect(Object.keys(headers).filter((name) => !allowed.has(name))).toEqual([]);
  });

  it("never stores an answer whose content type the route does not answer with", async () => {
    let answer: "empty" | "page" = "empty";
    const app = await startFrontAndApp((_req, res) => {
      if (answer === "empty") {
        res.removeHeader("content-type");
        res.end("{}");
      } else res.end("<p>home</p>");
    });
    expect(await (await fetch(`${app.base}/`)).text()).toBe("{}");
    answer = "page";
    expect(await (await fetch(`${app.base}/`)).text()).toBe("<p>home</p>");
    expect(app.calls()).toBe(2);
  });

  it("never stores an answer the app cut short", async () => {
    let cut = true;
    const app = await startFrontAndApp((_req, res) => {
      if (!cut) return void res.end("<p>whole page</p>");
      res.writeHead(200, { "content-length": "1000" });
      res.write("<p>half a pa");
      res.socket?.destroy();
    });
    const first = await fetch(`${app.base}/`).then(
      (response) => response.text(),
      () => "failed",
    );
    expect(first).not.toBe("<p>whole page</p>");
    cut = false;
    expect(await (await fetch(`${app.base}/`)).text()).toBe("<p>whole page</p>");
    expect(await (await fetch(`${app.base}/`)).text()).toBe("<p>whole page</p>");
    expect(app.calls()).toBe(2);
  });

  it("resolves dot segments before routing, so a console address is never keyed as a public one", async () => {
    const app = await startPoisonableApp();
    for (const path of [
      "/api/v2/../../admin/users",
      "/api/v2/%2e%2e/%2E%2E/admin/users",
      "/api/v2/.%2e/..\\admin/users",
      "/badge.svg/../admin/users",
    ]) {
      const owner = await rawRequest(app.base, { target: path, headers: { cookie: "next-auth.session-token=owner" } });
      expect(owner.body).toContain("every user's email");
      const anonymous = await rawRequest(app.base, { target: path });
      expect(anonymous.status, path).toBe(307);
      expect(anonymous.body).not.toContain("owner@example.com");
    }
  });

  it("reads targets the way the app does, and refuses ones that are not a path here", () => {
    expect(normalizeRequestTarget("/history?month=2026-10")).toBe("/history?month=2026-10");
    expect(normalizeRequestTarget("/api/v2/../../admin/users")).toBe("/admin/users");
    expect(normalizeRequestTarget("/api/v2/%2e%2E/x?a=/../b")).toBe("/api/x?a=/../b");
    expect(normalizeRequestTarget("/a\\..\\admin")).toBe("/admin");
    expect(normalizeRequestTarget("http://evil.example/history?page=2")).toBe("/history?page=2");
    expect(normalizeRequestTarget("/incidents/%C0%AF")).toBeNull();
    expect(normalizeRequestTarget("/incidents/%E0%A4%A")).toBeNull();
    expect(normalizeRequestTarget("javascript:alert(1)")).toBeNull();
    expect(normalizeRequestTarget("/incidents/caf%C3%A9")).toBe("/incidents/caf%C3%A9");
  });

  it("answers OPTIONS *, an absolute-form target and bad percent-encoding itself, never by redirecting elsewhere", async () => {
    const app = await startPoisonableApp();
    const asterisk = await rawRequest(`${app.base}/`, { method: "OPTIONS", target: "*" });
    expect(asterisk.status).toBe(204);
    expect(asterisk.headers.allow).toContain("GET");
    const absolute = await rawRequest(`${app.base}/`, { target: "http://evil.example/" });
    expect(absolute.status).toBe(200);
    expect(absolute.body).toBe("<p>real page of /</p>");
    const malformed = await rawRequest(`${app.base}/`, { target: "/incidents/%C0%AF" });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toContain("not valid");
  });
});

describe("the policy of a cached page", () => {
  it("allows its own inline scripts by hash, never by a nonce every reader of the cached page would share", async () => {
    const inline = ['self.__next_f.push([1,"payload"])', "document.documentElement.dataset.js='1'"];
    const app = await startFrontAndApp((_req, res) => {
      res.setHeader(
        "content-security-policy",
        "default-src 'self'; script-src 'self' 'nonce-R4nd0m=='; object-src 'none'",
      );
      res.end(
        `<!DOCTYPE html><html><head><script src="/_next/static/chunks/app.js" nonce="R4nd0m==" async=""></script></head>` +
          `<body>${inline.map((text) => `<script nonce="R4nd0m==">${text}</script>`).join("")}</body></html>`,
      );
    });
    const policy = (await fetch(`${app.base}/`)).headers.get("content-security-policy")!;
    expect(policy).not.toContain("nonce-");
    const hashes = inline.map((text) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`);
    expect(policy).toBe(`default-src 'self'; script-src 'self' ${hashes.join(" ")}; object-src 'none'`);
    expect((await fetch(`${app.base}/`)).headers.get("content-security-policy")).toBe(policy);
  });
});
