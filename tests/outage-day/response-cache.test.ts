import { describe, expect, it } from "vitest";
import http from "node:http";
import { randomBytes } from "node:crypto";
import zlib from "node:zlib";
import { startFrontAndApp, type Handler } from "../support/response-cache-harness";

/** A one-shot event a handler fires when it reaches a point the test must wait for. */
function signal() {
  let fire: () => void = () => {};
  const fired = new Promise<void>((resolve) => (fire = resolve));
  return { fire: () => fire(), fired };
}

function startServer(
  handler: Handler,
  options: { version: () => number; now?: () => number; maxBytes?: number; upgradeAfterMs?: number },
) {
  return startFrontAndApp(handler, {
    dataVersion: options.version,
    now: options.now,
    maxBytes: options.maxBytes,
    upgradeAfterMs: options.upgradeAfterMs ?? 0,
  });
}

function htmlHandler(body: () => string, status = () => 200): Handler {
  return (_req, res) => {
    res.setHeader("content-type", "text/html; charset=utf-8");
    res.statusCode = status();
    res.write(body().slice(0, 5));
    res.end(body().slice(5));
  };
}

describe("whole-response cache", () => {
  it("serves a public page from memory until the data version changes", async () => {
    let version = 1;
    let text = "<p>first version</p>";
    const app = await startServer(
      htmlHandler(() => text),
      { version: () => version },
    );
    expect(await (await fetch(`${app.base}/`)).text()).toBe("<p>first version</p>");
    text = "<p>second version</p>";
    expect(await (await fetch(`${app.base}/`)).text()).toBe("<p>first version</p>");
    expect(app.calls()).toBe(1);
    version = 2;
    expect(await (await fetch(`${app.base}/`)).text()).toBe("<p>second version</p>");
    expect(app.calls()).toBe(2);
  });

  it("keeps its stored bytes within budget by dropping the least recently used responses", async () => {
    const page = (id: string) => `<p>${id}</p>` + randomBytes(20_000).toString("hex");
    const app = await startServer(
      (req, res) => {
        res.end(page(req.url ?? ""));
      },
      { version: () => 1, maxBytes: 200_000 },
    );
    for (let i = 0; i < 10; i++) await fetch(`${app.base}/incidents/i${i}`);
    expect(app.cache.bytes()).toBeLessThanOrEqual(200_000);
    expect(app.cache.size()).toBeGreaterThanOrEqual(2);
    expect(app.cache.size()).toBeLessThan(10);
    const calls = app.calls();
    await fetch(`${app.base}/incidents/i9`);
    expect(app.calls()).toBe(calls);
    await fetch(`${app.base}/incidents/i0`);
    expect(app.calls()).toBe(calls + 1);
    app.cache.clear();
    expect(app.cache.bytes()).toBe(0);
  });

  it("gives a page without a validator a weak ETag, and answers a matching If-None-Match with 304", async () => {
    let text = "<p>one</p>";
    let version = 1;
    const app = await startServer(
      htmlHandler(() => text),
      { version: () => version },
    );
    const first = await fetch(`${app.base}/`);
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^W\/"[\w-]+"$/);
    const again = await fetch(`${app.base}/`, { headers: { "if-none-match": etag!.replace(/^W\//, "") } });
    expect(again.status).toBe(304);
    text = "<p>two</p>";
    version = 2;
    const changed = await fetch(`${app.base}/`, { headers: { "if-none-match": etag! } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
    expect(await changed.text()).toBe("<p>two</p>");
  });

  it("renders an entry again after its maximum age even without a change, in the background", async () => {
    let clock = 0;
    let text = "<p>x</p>";
    const app = await startServer(
      htmlHandler(() => text),
      { version: () => 1, now: () => clock },
    );
    await fetch(`${app.base}/history`);
    clock += 61_000;
    text = "<p>y</p>";
    expect(await (await fetch(`${app.base}/history`)).text()).toBe("<p>x</p>");
    await app.cache.idle();
    expect(app.calls()).toBe(2);
    expect(await (await fetch(`${app.base}/history`)).text()).toBe("<p>y</p>");
  });

  it("never caches the console, sign-in, or responses that set cookies", async () => {
    const app = await startServer(
      (req, res) => {
        if (req.url === "/incidents/cookie") res.setHeader("set-cookie", "a=b");
        res.end("private");
      },
      { version: () => 1 },
    );
    for (const path of ["/admin", "/admin", "/login", "/login", "/incidents/cookie", "/incidents/cookie"])
      await fetch(`${app.base}${path}`);
    expect(app.calls()).toBe(6);
  });

  it("keeps serving the last good response when a fresh render fails", async () => {
    let version = 1;
    let failing = false;
    const app = await startServer(
      htmlHandler(
        () => (failing ? "boom" : "<p>good</p>"),
        () => (failing ? 500 : 200),
      ),
      { version: () => version },
    );
    await fetch(`${app.base}/history`);
    failing = true;
    version = 2;
    const response = await fetch(`${app.base}/history`);
    expect(response.status).toBe(200);
    expect(response.headers.get("x-statuspage-stale")).toBe("1");
    expect(await response.text()).toBe("<p>good</p>");
  });

  it("answers 304 to a matching If-None-Match from the cached entry", async () => {
    const app = await startServer(
      (_req, res) => {
        res.setHeader("etag", '"abc"');
        res.setHeader("content-type", "application/json");
        res.end("{}");
      },
      { version: () => 1 },
    );
    await fetch(`${app.base}/api/v2/status.json`);
    const response = await fetch(`${app.base}/api/v2/status.json`, { headers: { "if-none-match": '"abc"' } });
    expect(response.status).toBe(304);
    expect(app.calls()).toBe(1);
  });

  it("renders once for a stampede of identical requests", async () => {
    const app = await startServer(
      async (_req, res) => {
        await new Promise((resolve) => setTimeout(resolve, 100));
        res.end("<p>slow</p>");
      },
      { version: () => 1 },
    );
    const bodies = await Promise.all(Array.from({ length: 20 }, () => fetch(`${app.base}/`).then((r) => r.text())));
    expect(new Set(bodies)).toEqual(new Set(["<p>slow</p>"]));
    expect(app.calls()).toBe(1);
  });

  it("keeps serving an entry that only aged, to every reader, while it renders again in the background", async () => {
    let clock = 0;
    let renders = 0;
    let release: () => void = () => {};
    const app = await startServer(
      async (_req, res) => {
        renders++;
        if (renders === 2) await new Promise<void>((resolve) => (release = resolve));
        res.end(`<p>render ${renders}</p>`);
      },
      { version: () => 1, now: () => clock },
    );
    expect(await (await fetch(`${app.base}/`)).text()).toBe("<p>render 1</p>");
    clock += 61_000;
    expect(await (await fetch(`${app.base}/`)).text()).toBe("<p>render 1</p>");
    await expect.poll(() => renders).toBe(2);
    const others = await Promise.all([1, 2, 3].map(() => fetch(`${app.base}/`).then((r) => r.text())));
    expect(others).toEqual(["<p>render 1</p>", "<p>render 1</p>", "<p>render 1</p>"]);
    release();
    await app.cache.idle();
    expect(renders).toBe(2);
    expect(await (await fetch(`${app.base}/`)).text()).toBe("<p>render 2</p>");
  });

  it("does not hand a render begun before a change to requests made after it, nor let it replace a newer one", async () => {
    let version = 1;
    const gates: (() => void)[] = [];
    const firstRender = signal();
    const app = await startServer(
      async (_req, res) => {
        const text = `<p>version ${version}</p>`;
        if (version === 1) {
          firstRender.fire();
          await new Promise<void>((resolve) => gates.push(resolve));
        }
        res.end(text);
      },
      { version: () => version },
    );
    const before = fetch(`${app.base}/`).then((r) => r.text());
    await firstRender.fired;
    version = 2;
    expect(await (await fetch(`${app.base}/`)).text()).toBe("<p>version 2</p>");
    gates.forEach((open) => open());
    expect(await before).toBe("<p>version 1</p>");
    expect(await (await fetch(`${app.base}/`)).text()).toBe("<p>version 2</p>");
    expect(app.calls()).toBe(2);
  });

  it("compresses large bodies for clients that accept gzip", async () => {
    const big = "<p>" + "status ".repeat(2_000) + "</p>";
    const app = await startServer(
      htmlHandler(() => big),
      { version: () => 1 },
    );
    await fetch(`${app.base}/`);
    const raw = await new Promise<{ encoding?: string; body: Buffer }>((resolve) => {
      http.get(`${app.base}/`, { headers: { "accept-encoding": "gzip" } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => resolve({ encoding: res.headers["content-encoding"], body: Buffer.concat(chunks) }));
      });
    });
    expect(raw.encoding).toBe("gzip");
    expect(zlib.gunzipSync(raw.body).toString()).toBe(big);
  });
});

type RawResponse = { status?: number; headers: http.IncomingHttpHeaders; body: Buffer };

/** A request whose body arrives exactly as sent; fetch would negotiate and decode on its own. */
function requestRaw(url: string, headers: Record<string, string>, method = "GET") {
  return new Promise<RawResponse>((resolve, reject) => {
    http
      .request(url, { method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on("error", reject)
      .end();
  });
}

function decode(response: RawResponse) {
  const encoding = response.headers["content-encoding"];
  if (encoding === "br") return zlib.brotliDecompressSync(response.body).toString();
  if (encoding === "gzip") return zlib.gunzipSync(response.body).toString();
  return response.body.toString();
}

describe("content negotiation", () => {
  const CHROMIUM = "gzip, deflate, br, zstd";
  const page =
    "<main>" +
    Array.from({ length: 400 }, (_, i) => `<p>update ${i}: all systems operational</p>`).join("") +
    "</main>";

  async function startPage(body = page) {
    const seen: (string | undefined)[] = [];
    const app = await startServer(
      (req, res) => {
        seen.push(req.headers["accept-encoding"]);
        res.setHeader("content-type", "text/html; charset=utf-8");
        res.end(body);
      },
      { version: () => 1 },
    );
    return { ...app, seen };
  }

  it("recompresses a large page that stays current at Brotli's best quality, off the request path", async () => {
    const words = Array.from(
      { length: 3_000 },
      (_, i) => `<li class="row"><span>item ${(i * 7919) % 10007}</span><em>${i % 3 ? "ok" : "degraded"}</em></li>`,
    );
    const big = `<ul>${words.join("")}</ul><script>${JSON.stringify(words)}</script>`;
    const app = await startServer(
      (_req, res) => {
        res.end(big);
      },
      { version: () => 1, upgradeAfterMs: 20 },
    );
    const first = await requestRaw(`${app.base}/`, { "accept-encoding": CHROMIUM });
    const bytesBefore = app.cache.bytes();
    await expect
      .poll(async () => (await requestRaw(`${app.base}/`, { "accept-encoding": CHROMIUM })).body.length, {
        timeout: 10_000,
      })
      .toBeLessThan(first.body.length);
    const upgraded = await requestRaw(`${app.base}/`, { "accept-encoding": CHROMIUM });
    expect(upgraded.headers["content-encoding"]).toBe("br");
    expect(upgraded.headers["content-length"]).toBe(String(upgraded.body.length));
    expect(decode(upgraded)).toBe(big);
    expect(app.cache.bytes()).toBe(bytesBefore - (first.body.length - upgraded.body.length));
    expect(app.calls()).toBe(1);
  });

  it("names Accept-Encoding in Vary once, even when the page already varies on it", async () => {
    const app = await startServer(
      (req, res) => {
        res.setHeader("vary", "rsc, Accept-Encoding");
        res.end(page);
      },
      { version: () => 1 },
    );
    for (let i = 0; i < 2; i++) {
      const response = await requestRaw(`${app.base}/`, { "accept-encoding": CHROMIUM });
      expect(response.headers.vary).toBe("rsc, Accept-Encoding");
    }
  });

  it("sends Brotli to browsers, from the first render on, and decodes to the exact body", async () => {
    const app = await startPage();
    for (let i = 0; i < 2; i++) {
      const response = await requestRaw(`${app.base}/`, { "accept-encoding": CHROMIUM });
      expect(response.headers["content-encoding"]).toBe("br");
      expect(response.headers["content-length"]).toBe(String(response.body.length));
      expect(response.headers.vary).toMatch(/Accept-Encoding/);
      expect(decode(response)).toBe(page);
    }
    expect(app.calls()).toBe(1);
    expect(app.seen).toEqual([undefined]);
  });

  it("still sends gzip to clients that accept only gzip", async () => {
    const app = await startPage();
    await requestRaw(`${app.base}/`, { "accept-encoding": CHROMIUM });
    const response = await requestRaw(`${app.base}/`, { "accept-encoding": "gzip" });
    expect(response.headers["content-encoding"]).toBe("gzip");
    expect(response.headers["content-length"]).toBe(String(response.body.length));
    expect(decode(response)).toBe(page);
  });

  it.each(["gzip, deflate, br;q=0", "GZIP, BR; Q=0", "br;q=0.0, gzip;q=0.5"])(
    "honours q=0 on br in %j and sends gzip",
    async (acceptEncoding) => {
      const app = await startPage();
      const response = await requestRaw(`${app.base}/`, { "accept-encoding": acceptEncoding });
      expect(response.headers["content-encoding"]).toBe("gzip");
      expect(decode(response)).toBe(page);
    },
  );

  it.each(["Br", "gzip;q=0.1, br;q=0.9", "gzip;q=0, *"])("sends Brotli for %j", async (acceptEncoding) => {
    const app = await startPage();
    const response = await requestRaw(`${app.base}/`, { "accept-encoding": acceptEncoding });
    expect(response.headers["content-encoding"]).toBe("br");
    expect(decode(response)).toBe(page);
  });

  it.each(["identity", "", "gzip;q=0, br;q=0", "deflate, zstd"])(
    "sends the plain body for %j",
    async (acceptEncoding) => {
      const app = await startPage();
      await requestRaw(`${app.base}/`, { "accept-encoding": CHROMIUM });
      const response = await requestRaw(`${app.base}/`, { "accept-encoding": acceptEncoding });
      expect(response.headers["content-encoding"]).toBeUndefined();
      expect(response.headers["content-length"]).toBe(String(Buffer.byteLength(page)));
      expect(response.body.toString()).toBe(page);
    },
  );

  it("leaves bodies of 1 KB or less uncompressed", async () => {
    const small = "<p>" + "x".repeat(1_017) + "</p>";
    expect(Buffer.byteLength(small)).toBe(1_024);
    const app = await startPage(small);
    const response = await requestRaw(`${app.base}/`, { "accept-encoding": CHROMIUM });
    expect(response.headers["content-encoding"]).toBeUndefined();
    expect(response.body.toString()).toBe(small);
  });

  it("answers HEAD with the headers of the Brotli GET and no body", async () => {
    const app = await startPage();
    const get = await requestRaw(`${app.base}/`, { "accept-encoding": CHROMIUM });
    const head = await requestRaw(`${app.base}/`, { "accept-encoding": CHROMIUM }, "HEAD");
    expect(head.headers["content-encoding"]).toBe("br");
    expect(head.headers["content-length"]).toBe(String(get.body.length));
    expect(head.body.length).toBe(0);
  });

  it("deduplicates repeats further apart than gzip's 32 KB window", async () => {
    // Like the page HTML and the RSC payload Next inlines after it: the same content twice, 64 KB apart.
    const half = randomBytes(48 * 1024).toString("base64");
    const body = `<main>${half}</main><script>${half}</script>`;
    const app = await startPage(body);
    const br = await requestRaw(`${app.base}/`, { "accept-encoding": "br" });
    const gzip = await requestRaw(`${app.base}/`, { "accept-encoding": "gzip" });
    expect(decode(br)).toBe(body);
    expect(br.body.length).toBeLessThan(gzip.body.length * 0.6);
  });
});

describe("whole-response cache in front of a compressing renderer", () => {
  it("asks the renderer for plain bodies and compresses what it stores", async () => {
    const page = "<p>" + "outage ".repeat(1_000) + "</p>";
    const app = await startServer(
      (req, res) => {
        if (/gzip/.test(String(req.headers["accept-encoding"] ?? ""))) {
          res.setHeader("content-encoding", "gzip");
          res.end(zlib.gzipSync(page));
        } else res.end(page);
      },
      { version: () => 1 },
    );
    const first = await fetch(`${app.base}/`, { headers: { "accept-encoding": "gzip" } });
    expect(first.headers.get("content-encoding")).toBe("gzip");
    expect(await first.text()).toBe(page);
    const second = await fetch(`${app.base}/`, { headers: { "accept-encoding": "identity" } });
    expect(await second.text()).toBe(page);
    expect(app.calls()).toBe(1);
  });
});

describe("Cache-Control of public pages", () => {
  it("replaces Next's private default on public pages with one a CDN may keep", async () => {
    const app = await startServer(
      (_req, res) => {
        res.setHeader("cache-control", "private, no-cache, no-store, max-age=0, must-revalidate");
        res.end("<p>page</p>");
      },
      { version: () => 1 },
    );
    const first = await fetch(`${app.base}/`);
    expect(first.headers.get("cache-control")).toBe(
      "public, max-age=0, s-maxage=10, stale-while-revalidate=30, stale-if-error=86400",
    );
    await fetch(`${app.base}/`);
    expect(app.calls()).toBe(1);
  });

  it("respects an explicit no-store", async () => {
    const app = await startServer(
      (_req, res) => {
        res.setHeader("cache-control", "no-store");
        res.end("{}");
      },
      { version: () => 1 },
    );
    await fetch(`${app.base}/api/live`);
    const second = await fetch(`${app.base}/api/live`);
    expect(second.headers.get("cache-control")).toBe("no-store");
    expect(app.calls()).toBe(2);
  });
});

describe("HEAD requests", () => {
  it("never store an empty body that a later GET would receive", async () => {
    const app = await startServer(
      (req, res) => {
        res.setHeader("content-type", "text/html");
        res.end(req.method === "HEAD" ? undefined : "<p>full body</p>");
      },
      { version: () => 1 },
    );
    const head = await fetch(`${app.base}/`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await (await fetch(`${app.base}/`)).text()).toBe("<p>full body</p>");
    const headAfter = await fetch(`${app.base}/`, { method: "HEAD" });
    expect(headAfter.status).toBe(200);
  });
});

describe("a client that disconnects mid-render", () => {
  it("does not leave later requests for the same page waiting", async () => {
    let slow = true;
    const rendering = signal();
    const app = await startServer(
      async (_req, res) => {
        if (slow) {
          slow = false;
          rendering.fire();
          await new Promise((resolve) => setTimeout(resolve, 300));
          if (res.destroyed) return;
        }
        res.end("<p>rendered</p>");
      },
      { version: () => 1 },
    );
    const aborted = new AbortController();
    const first = fetch(`${app.base}/`, { signal: aborted.signal }).catch(() => null);
    await rendering.fired;
    aborted.abort();
    await first;
    const second = await fetch(`${app.base}/`, { signal: AbortSignal.timeout(5_000) });
    expect(await second.text()).toBe("<p>rendered</p>");
  });
});
