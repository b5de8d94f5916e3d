import { afterEach, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";

async function loadProxy(publicUrl: string | undefined) {
  vi.resetModules();
  vi.stubEnv("PUBLIC_URL", publicUrl ?? "");
  vi.stubEnv("NEXTAUTH_URL", "");
  return (await import("@/proxy")).proxy;
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
});
