import http from "node:http";
import { expect, test } from "@playwright/test";
import { rawRequest, readResponse, type RawResponse } from "@/e2e/support/raw-http";
import { OwnStack } from "@/e2e/support/own-stack";

const baseUrl = () => process.env.E2E_BASE_URL ?? "http://localhost:3000";
const host = () => new URL(baseUrl()).host;

/** A POST whose body is sent chunked (no Content-Length) in 64 KB pieces until `bytes`, or until the app answers. */
function postChunked(url: string, headers: Record<string, string>, bytes: number): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    let answered = false;
    const request = http.request(
      {
        host: "127.0.0.1",
        port: target.port,
        path: target.pathname,
        method: "POST",
        headers: { host: target.host, "transfer-encoding": "chunked", ...headers },
      },
      (response) => {
        answered = true;
        void readResponse(response).then(resolve, reject);
      },
    );
    // The app may answer and close before the whole body is sent; only a failure before any answer counts.
    request.on("error", (error) => {
      if (!answered) reject(error);
    });
    const piece = Buffer.alloc(64 * 1024, "a");
    let sent = 0;
    const pump = () => {
      while (sent < bytes && !answered) {
        sent += piece.length;
        if (!request.write(piece)) return void request.once("drain", pump);
      }
      request.end();
    };
    pump();
  });
}

test.describe("server actions Next would answer with a bare 500", () => {
  test("a server action from a foreign Origin is refused with 403, whatever its shape", async () => {
    for (const [name, headers] of [
      ["fetch action", { "next-action": "7f" + "0".repeat(40), "content-type": "text/plain;charset=UTF-8" }],
      ["form without JavaScript", { "content-type": "multipart/form-data; boundary=x" }],
    ] as const) {
      for (const origin of ["http://evil.example", "null"]) {
        const response = await rawRequest(`${baseUrl()}/subscribe`, {
          method: "POST",
          headers: { ...headers, origin },
          body: '--x\r\nContent-Disposition: form-data; name="email"\r\n\r\na@example.test\r\n--x--\r\n',
        });
        expect(response.status, `${name} from ${origin}`).toBe(403);
        expect(response.body, name).toMatch(/another site/);
        expect(response.headers["content-security-policy"], name).toMatch(/frame-ancestors 'none'/);
      }
    }
  });

  test("a same-origin action POST over 1 MB is 413, and one of unknown (chunked) length is 411", async () => {
    const headers = { origin: `http://${host()}`, "next-action": "7f" + "0".repeat(40) };
    const declared = await rawRequest(`${baseUrl()}/admin/incidents/new`, {
      method: "POST",
      headers: { ...headers, "content-type": "text/plain;charset=UTF-8" },
      body: "a".repeat(1024 * 1024 + 16),
    });
    expect(declared.status).toBe(413);
    expect(declared.body).toMatch(/too large.*1 MB/);
    const chunked = await postChunked(
      `${baseUrl()}/admin/incidents/new`,
      { ...headers, "content-type": "text/plain;charset=UTF-8" },
      1024 * 1024 + 64 * 1024,
    );
    expect(chunked.status).toBe(411);
    expect(chunked.body).toMatch(/Content-Length/);
    const health = await rawRequest(`${baseUrl()}/api/health`);
    expect(health.status).toBe(200);
  });
});

test.describe("security headers on every response, under an https PUBLIC_URL", () => {
  test.describe.configure({ mode: "serial" });
  let stack: OwnStack;
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    stack = await OwnStack.start(1, { PUBLIC_URL: "https://status.e2e.test" });
  });
  test.afterAll(async () => {
    await stack?.stop();
  });

  test("the /admin redirect to sign-in and a build file carry HSTS, the policy and X-Frame-Options", async () => {
    const base = stack.instances[0].base;
    const redirect = await rawRequest(`${base}/admin`);
    expect(redirect.status).toBe(307);
    expect(redirect.headers.location).toMatch(/\/login\?redirectTo=%2Fadmin$/);
    const home = await rawRequest(`${base}/`);
    const asset = /\/_next\/static\/[^"'\s]+\.js/.exec(home.body)?.[0];
    expect(asset, "a script of the build in the home page").toBeTruthy();
    const file = await rawRequest(`${base}${asset}`);
    expect(file.status).toBe(200);
    for (const [what, response] of [
      ["redirect", redirect],
      ["build file", file],
      ["page", home],
    ] as const) {
      expect(response.headers["strict-transport-security"], what).toBe("max-age=63072000; includeSubDomains");
      expect(response.headers["content-security-policy"], what).toMatch(/frame-ancestors 'none'/);
      expect(response.headers["x-frame-options"], what).toBe("DENY");
      expect(response.headers["x-content-type-options"], what).toBe("nosniff");
    }
  });
});
