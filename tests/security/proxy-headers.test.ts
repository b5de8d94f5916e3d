import { afterEach, describe, expect, it, vi } from "vitest";
import { createRequire } from "node:module";
import { NextRequest } from "next/server";
import { HSTS, securityHeaders } from "@/lib/security-headers";

async function loadProxyModule(publicUrl: string | undefined) {
  vi.resetModules();
  vi.stubEnv("PUBLIC_URL", publicUrl ?? "");
  vi.stubEnv("NEXTAUTH_URL", "");
  return import("@/proxy");
}

async function loadProxy(publicUrl: string | undefined) {
  return (await loadProxyModule(publicUrl)).proxy;
}

/** Compiles a proxy matcher as Next does; its compiler is internal and untyped, hence the declared shape. */
function matchesProxy(matcher: string[], pathname: string): boolean {
  const analysis = createRequire(import.meta.url)("next/dist/build/analysis/get-page-static-info") as {
    getMiddlewareMatchers: (matcher: string[], nextConfig: object) => Array<{ regexp: string }>;
  };
  return analysis.getMiddlewareMatchers(matcher, {}).some(({ regexp }) => new RegExp(regexp).test(pathname));
}

function expectGuarded(response: Response, what: string) {
  expect(response.headers.get("strict-transport-security"), what).toBe(HSTS);
  expect(response.headers.get("content-security-policy"), what).toMatch(/frame-ancestors 'none'/);
  expect(response.headers.get("x-frame-options"), what).toBe("DENY");
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("proxy security headers", () => {
  it("gives each response its own nonce, forbids framing except for embeddable paths, and hands Next the nonce", async () => {
    const proxy = await loadProxy("http://status.example.test");
    const first = proxy(new NextRequest("http://status.example.test/"));
    const second = proxy(new NextRequest("http://status.example.test/"));
    const policy = first.headers.get("content-security-policy")!;
    expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}'/);
    expect(policy).not.toMatch(/'unsafe-inline'[^;]*;.*script-src|script-src[^;]*'unsafe-inline'/);
    expect(policy).toMatch(/frame-ancestors 'none'/);
    expect(policy).toMatch(/object-src 'none'/);
    expect(second.headers.get("content-security-policy")).not.toBe(policy);
    expect(first.headers.get("x-frame-options")).toBe("DENY");
    expect(first.headers.get("x-middleware-request-content-security-policy")).toBe(policy);
    expect(first.headers.get("strict-transport-security")).toBeNull();
    for (const path of ["/embed", "/badge.svg", "/components/abc/badge.svg"]) {
      const response = proxy(new NextRequest(`http://status.example.test${path}`));
      expect(response.headers.get("x-frame-options"), path).toBeNull();
      expect(response.headers.get("content-security-policy"), path).toMatch(/frame-ancestors \*/);
    }
  });

  it("sends HSTS and upgrades insecure requests when PUBLIC_URL is https", async () => {
    const proxy = await loadProxy("https://status.example.test");
    const response = proxy(new NextRequest("https://status.example.test/history"));
    expect(response.headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
    expect(response.headers.get("content-security-policy")).toMatch(/upgrade-insecure-requests/);
  });

  it("answers an oversized server-action form with a 413 that says why, before Next reads it", async () => {
    const proxy = await loadProxy(undefined);
    const request = new NextRequest("http://status.example.test/subscribe", {
      method: "POST",
      headers: {
        "next-action": "abc",
        "content-length": String(2 * 1024 * 1024),
        "content-type": "multipart/form-data; boundary=x",
      },
    });
    const response = proxy(request);
    expect(response.status).toBe(413);
    expect(await response.text()).toMatch(/too large.*1 MB/);
  });

  it("still sends visitors without a session from the console to sign-in", async () => {
    const proxy = await loadProxy(undefined);
    const response = proxy(new NextRequest("http://status.example.test/admin/users?tab=1"));
    expect(response.status).toBe(307);
    expect(response.headers.get("location")).toBe(
      "http://status.example.test/login?redirectTo=%2Fadmin%2Fusers%3Ftab%3D1",
    );
  });

  it("the sign-in redirect and every refusal carry the policy, frame and HSTS headers of a page", async () => {
    const proxy = await loadProxy("https://status.example.test");
    const redirect = proxy(new NextRequest("https://status.example.test/admin"));
    expect(redirect.status).toBe(307);
    expectGuarded(redirect, "redirect");
    const foreign = proxy(
      new NextRequest("https://status.example.test/subscribe", {
        method: "POST",
        headers: { host: "status.example.test", origin: "https://evil.example", "next-action": "abc" },
      }),
    );
    expect(foreign.status).toBe(403);
    expectGuarded(foreign, "foreign origin");
    const chunked = proxy(
      new NextRequest("https://status.example.test/admin/incidents/new", {
        method: "POST",
        headers: { host: "status.example.test", "next-action": "abc", "transfer-encoding": "chunked" },
      }),
    );
    expect(chunked.status).toBe(411);
    expectGuarded(chunked, "chunked");
  });

  it("runs for the build's static files too, which carry HSTS, the policy and X-Frame-Options", async () => {
    const { proxy, config } = await loadProxyModule("https://status.example.test");
    const asset = "/_next/static/chunks/app-page.js";
    expect(matchesProxy(config.matcher, asset)).toBe(true);
    expect(matchesProxy(config.matcher, "/admin")).toBe(true);
    expectGuarded(proxy(new NextRequest(`https://status.example.test${asset}`)), asset);
  });
});

describe("securityHeaders", () => {
  it("gives every path the policy, refuses framing outside embeddable paths, and adds HSTS only under https", () => {
    const page = securityHeaders({ pathname: "/admin", nonce: "bm9uY2U=", https: true });
    expect(page).toEqual({
      "Content-Security-Policy": expect.stringMatching(/script-src 'self' 'nonce-bm9uY2U='.*frame-ancestors 'none'/),
      "X-Frame-Options": "DENY",
      "Strict-Transport-Security": HSTS,
    });
    const asset = securityHeaders({ pathname: "/_next/static/chunks/a.js", https: false });
    expect(asset["Content-Security-Policy"]).toMatch(/script-src 'self';/);
    expect(asset["X-Frame-Options"]).toBe("DENY");
    expect(asset).not.toHaveProperty("Strict-Transport-Security");
    const badge = securityHeaders({ pathname: "/badge.svg", https: true });
    expect(badge["Content-Security-Policy"]).toMatch(/frame-ancestors \*/);
    expect(badge).not.toHaveProperty("X-Frame-Options");
    expect(badge["Strict-Transport-Security"]).toBe(HSTS);
  });
});
