import { describe, expect, it } from "vitest";
import { screenPagePost } from "@/lib/page-post-guard";

function post(pathname: string, headers: Record<string, string>, method = "POST") {
  return screenPagePost({ method, pathname, headers: new Headers({ host: "status.example.test", ...headers }) });
}

const ACTION = { "next-action": "7f00aa", "content-type": "text/plain;charset=UTF-8", "content-length": "12" };

describe("POSTs to pages (server actions)", () => {
  it("refuses a server action from a foreign, opaque or unreadable Origin with 403", () => {
    for (const origin of ["http://evil.example", "https://status.example.test.evil.example", "null", "not a url"]) {
      expect(post("/subscribe", { ...ACTION, origin }), origin).toMatchObject({ status: 403 });
    }
    expect(
      post("/login", { "content-type": "multipart/form-data; boundary=x", origin: "http://evil.example" }),
    ).toEqual(expect.objectContaining({ status: 403, message: expect.stringMatching(/another site/) }));
  });

  it("lets same-origin actions through, comparing with X-Forwarded-Host first as Next does, and Origin-less ones", () => {
    expect(post("/subscribe", { ...ACTION, origin: "http://status.example.test" })).toBeNull();
    expect(post("/subscribe", { ...ACTION, origin: "https://status.example.test" })).toBeNull();
    expect(
      post("/subscribe", {
        ...ACTION,
        host: "127.0.0.1:3000",
        "x-forwarded-host": "status.example.test, proxy.internal",
        origin: "https://status.example.test",
      }),
    ).toBeNull();
    expect(
      post("/subscribe", { ...ACTION, "x-forwarded-host": "other.example", origin: "http://status.example.test" }),
    ).toMatchObject({ status: 403 });
    expect(post("/subscribe", ACTION)).toBeNull();
  });

  it("refuses a declared body over 1 MB with 413 and a body of unknown length with 411, before Next reads it", () => {
    const same = { origin: "http://status.example.test", "next-action": "7f00aa" };
    expect(post("/admin/incidents/new", { ...same, "content-length": String(1024 * 1024 + 1) })).toEqual({
      status: 413,
      message: expect.stringMatching(/too large.*1 MB/),
    });
    expect(post("/admin/incidents/new", { ...same, "content-length": String(1024 * 1024) })).toBeNull();
    expect(post("/admin/incidents/new", { ...same, "transfer-encoding": "chunked" })).toEqual({
      status: 411,
      message: expect.stringMatching(/Content-Length/),
    });
    expect(post("/admin/incidents/new", same)).toBeNull();
  });

  it("leaves route handlers under /api and other methods to their own rules", () => {
    const hostile = { origin: "http://evil.example", "transfer-encoding": "chunked" };
    expect(post("/api/v1/incidents", hostile)).toBeNull();
    expect(post("/api", hostile)).toBeNull();
    expect(post("/subscribe", hostile, "GET")).toBeNull();
    expect(post("/apiary", hostile)).toMatchObject({ status: 403 });
  });
});
