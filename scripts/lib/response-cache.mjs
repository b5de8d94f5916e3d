// A whole-response cache in front of Next for public GET routes. An entry is served until the data
// version changes (bumped by every cache invalidation, local or from another instance) or it ages out.
// When a fresh render fails (for example while PostgreSQL is down), the last good response is served.
import { createHash } from "node:crypto";
import zlib from "node:zlib";
import { createRenderLimiter, RenderRefused } from "./render-limiter.mjs";

// Each cacheable route with the query parameters it reads: everything else in a query string (tracking
// parameters, cache-busting junk) is left out of the cache key and of the request Next renders.
const CACHEABLE_ROUTES = [
  [/^\/$/, []],
  [/^\/history\/?$/, ["page", "month", "component"]],
  [/^\/history\.(rss|atom|json)$/, []],
  [/^\/incidents\/[^/]+\/?$/, []],
  [/^\/api\/v2\//, []],
  [/^\/api\/live$/, ["incident"]],
  [/^\/badge\.svg$/, ["label"]],
  [/^\/components\/[^/]+\/badge\.svg$/, ["label"]],
  [/^\/components\/[^/]+\/[^/]+$/, []],
  [/^\/embed\/?$/, []],
  [/^\/robots\.txt$/, []],
  [/^\/uptime\.svg$/, ["v"]],
  [/^\/api\/uptime\//, []],
];
// Next's flight requests vary on these; a page load (no `rsc` header) depends on none of them.
const RSC_VARY_HEADERS = ["rsc", "next-router-state-tree", "next-router-prefetch", "next-router-segment-prefetch", "next-url"];
// Next marks every dynamically rendered page private; public pages are the same for every reader, so a
// CDN may keep them briefly and serve them when the origin fails.
const NEXT_DYNAMIC_CACHE_CONTROL = "private, no-cache, no-store, max-age=0, must-revalidate";
export const PUBLIC_PAGE_CACHE_CONTROL = "public, max-age=0, s-maxage=10, stale-while-revalidate=30, stale-if-error=86400";
// What an open tab fetches to refresh itself: it asked because the data changed, so no browser or CDN copy may
// answer it; the ETag still turns an unchanged answer into a 304.
export const FLIGHT_CACHE_CONTROL = "private, no-cache";
const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "date", "content-length", "content-encoding"]);
const KEY = Symbol("cache key");
const ORIGINAL_METHOD = Symbol("original method");

function routeOf(path) {
  for (const [pattern, params] of CACHEABLE_ROUTES) if (pattern.test(path)) return params;
  return null;
}

/**
 * The cache key of a public GET or HEAD, or null when the request is not cacheable. Only what can change the
 * response counts: the path, the parameters the route reads (sorted) and, for flight requests, Next's headers.
 * Authorization and cookies cannot change a public response, so they do not bypass the cache.
 */
export function cacheKeyOf(req) {
  if (req.method !== "GET" && req.method !== "HEAD") return null;
  const url = req.url ?? "/";
  const queryAt = url.indexOf("?");
  const path = queryAt < 0 ? url : url.slice(0, queryAt);
  const allowed = routeOf(path);
  if (!allowed) return null;
  let query = "";
  if (queryAt >= 0 && allowed.length > 0) {
    const params = new URLSearchParams(url.slice(queryAt + 1));
    const kept = [];
    for (const name of allowed) {
      const value = params.get(name);
      if (value !== null) kept.push(`${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
    }
    if (kept.length > 0) query = `?${kept.join("&")}`;
  }
  if (!req.headers.rsc) return { key: `${path}${query}`, url: `${path}${query}` };
  const flight = RSC_VARY_HEADERS.map((name) => req.headers[name] ?? "").join("\u0000");
  const rscParam = queryAt < 0 ? null : new URLSearchParams(url.slice(queryAt + 1)).get("_rsc");
  const forwarded = rscParam === null ? `${path}${query}` : `${path}${query}${query ? "&" : "?"}_rsc=${encodeURIComponent(rscParam)}`;
  return { key: `${path}${query}\u0000${flight}`, url: forwarded };
}

export function isCacheableRequest(req) {
  return cacheKeyOf(req) !== null;
}

const ORIGINAL_ACCEPT_ENCODING = Symbol("original accept-encoding");

const COMPRESSION_THRESHOLD = 1024;
// Brotli compresses on the request that re-renders after a data change, so it must be fast: quality 6 takes
// about 5 ms for a 650 KB page. Qualities 7-9 save another 2-8 % for up to 5x the time; 10-11 save 7-19 % but
// cost 0.1-0.8 s of CPU on every re-render. The 4 MB window spans both the HTML and the RSC payload Next
// inlines after it, which lies beyond gzip's 32 KB window.
const BROTLI_QUALITY = 6;
const BROTLI_WINDOW_BITS = 22;
// A large page still current a moment after it was stored is recompressed at quality 10 (the home page: 11 % smaller
// in 60 ms) on libuv's thread pool, so the event loop never waits for it. Quality 11 saves 4 % more for five times
// the CPU, which on two cores slows the requests served meanwhile.
const UPGRADE_QUALITY = 10;
const UPGRADE_MIN_BYTES = 16 * 1024;

function brotliOptions(body, quality) {
  const { BROTLI_PARAM_QUALITY, BROTLI_PARAM_LGWIN, BROTLI_PARAM_SIZE_HINT } = zlib.constants;
  return { params: { [BROTLI_PARAM_QUALITY]: quality, [BROTLI_PARAM_LGWIN]: BROTLI_WINDOW_BITS, [BROTLI_PARAM_SIZE_HINT]: body.length } };
}

function compressBody(body) {
  if (body.length <= COMPRESSION_THRESHOLD) return { gzip: null, br: null };
  return { gzip: zlib.gzipSync(body, { level: 6 }), br: zlib.brotliCompressSync(body, brotliOptions(body, BROTLI_QUALITY)) };
}

/** Content codings the client accepts, by lower-case name, with their q-values (RFC 9110 §12.5.3). */
function parseAcceptEncoding(header) {
  const accepted = new Map();
  for (const part of String(header ?? "").split(",")) {
    const [name, ...params] = part.split(";").map((value) => value.trim().toLowerCase());
    if (!name) continue;
    const q = params.find((param) => /^q\s*=/.test(param));
    accepted.set(name, q ? Number(q.slice(q.indexOf("=") + 1)) || 0 : 1);
  }
  return accepted;
}

function isAcceptable(accepted, coding) {
  const q = accepted.get(coding) ?? (coding === "gzip" ? accepted.get("x-gzip") : undefined) ?? accepted.get("*") ?? 0;
  return q > 0;
}

function chooseEncoding(req, entry) {
  const accepted = parseAcceptEncoding(req[ORIGINAL_ACCEPT_ENCODING] ?? req.headers["accept-encoding"]);
  if (entry.br && isAcceptable(accepted, "br")) return "br";
  if (entry.gzip && isAcceptable(accepted, "gzip")) return "gzip";
  return null;
}

function withAcceptEncoding(vary) {
  if (!vary) return "Accept-Encoding";
  return /\baccept-encoding\b/i.test(String(vary)) ? vary : `${vary}, Accept-Encoding`;
}

/** RFC 9110 weak comparison, as If-None-Match requires. */
function etagMatches(req, etag) {
  const header = req.headers["if-none-match"];
  if (!header || !etag) return false;
  const wanted = String(etag).replace(/^W\//, "");
  return header.split(",").some((value) => {
    const tag = value.trim();
    return tag === "*" || tag.replace(/^W\//, "") === wanted;
  });
}

/** Pages come from Next without a validator; a weak one (it holds for every content coding) lets browsers revalidate. */
function withEtag(headers, body) {
  if (headers.etag) return headers;
  return { ...headers, etag: `W/"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"` };
}

function methodOf(req) {
  return req[ORIGINAL_METHOD] ?? req.method;
}

function entryBytes(entry) {
  return entry.body.length + (entry.gzip?.length ?? 0) + (entry.br?.length ?? 0);
}

export function createResponseCache({ dataVersion, maxEntries = 1_000, maxBytes = 64 * 2 ** 20, maxAgeMs = 60_000, upgradeAfterMs = 2_000, now = () => Date.now(), renderLimits = {} }) {
  const limiter = createRenderLimiter(renderLimits);
  const entries = new Map();
  const inFlight = new Map();

  let totalBytes = 0;

  function forget(key) {
    const entry = entries.get(key);
    if (!entry) return;
    totalBytes -= entryBytes(entry);
    entries.delete(key);
  }

  /** Keeps the most recently stored entries within both the entry and the byte budget. */
  function store(key, entry) {
    forget(key);
    entries.set(key, entry);
    totalBytes += entryBytes(entry);
    while (entries.size > maxEntries || (totalBytes > maxBytes && entries.size > 1)) forget(entries.keys().next().value);
    scheduleUpgrade(key, entry);
  }

  function scheduleUpgrade(key, entry) {
    if (!entry.br || entry.body.length < UPGRADE_MIN_BYTES || upgradeAfterMs <= 0) return;
    setTimeout(() => {
      if (entries.get(key) !== entry) return;
      zlib.brotliCompress(entry.body, brotliOptions(entry.body, UPGRADE_QUALITY), (error, smaller) => {
        if (error || entries.get(key) !== entry || smaller.length >= entry.br.length) return;
        totalBytes -= entry.br.length - smaller.length;
        entry.br = smaller;
      });
    }, upgradeAfterMs).unref();
  }

  function send(req, res, entry, { stale = false } = {}) {
    const headers = { ...entry.headers };
    if (stale) headers["x-statuspage-stale"] = "1";
    if (etagMatches(req, entry.headers.etag)) {
      res.writeHead(304, headers);
      return res.end();
    }
    const encoding = chooseEncoding(req, entry);
    const body = encoding ? entry[encoding] : entry.body;
    headers["content-length"] = String(body.length);
    if (encoding) headers["content-encoding"] = encoding;
    headers.vary = withAcceptEncoding(headers.vary);
    res.writeHead(entry.status, headers);
    res.end(methodOf(req) === "HEAD" ? undefined : body);
  }

  /** Renders through `handle`, buffering the response so a failure can fall back to the last good one. */
  function renderAndCapture(req, res, handle, previous) {
    return new Promise((resolve) => {
      const chunks = [];
      let status = 200;
      const original = { writeHead: res.writeHead, write: res.write, end: res.end, flushHeaders: res.flushHeaders };
      const version = dataVersion();
      res.flushHeaders = () => {};
      res.writeHead = function writeHead(code, ...rest) {
        status = code;
        const headers = rest.find((value) => value && typeof value === "object");
        if (headers && !Array.isArray(headers)) for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
        return res;
      };
      res.write = function write(chunk, encoding, callback) {
        if (chunk) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, typeof encoding === "string" ? encoding : "utf8"));
        if (typeof encoding === "function") encoding();
        else if (typeof callback === "function") callback();
        return true;
      };
      res.end = function end(chunk, encoding, callback) {
        if (chunk && typeof chunk !== "function") res.write(chunk, encoding);
        Object.assign(res, original);
        status = res.statusCode !== 200 ? res.statusCode : status;
        const body = Buffer.concat(chunks);
        const headers = {};
        for (const name of res.getHeaderNames()) if (!HOP_BY_HOP.has(name)) headers[name] = res.getHeader(name);
        if (headers["cache-control"] === NEXT_DYNAMIC_CACHE_CONTROL && !headers["set-cookie"]) headers["cache-control"] = PUBLIC_PAGE_CACHE_CONTROL;
        const cacheControl = String(headers["cache-control"] ?? "");
        if (req.headers.rsc && cacheControl === PUBLIC_PAGE_CACHE_CONTROL) headers["cache-control"] = FLIGHT_CACHE_CONTROL;
        const encoded = Boolean(res.getHeader("content-encoding"));
        const storable = status === 200 && !headers["set-cookie"] && !/no-store|private/.test(cacheControl) && !encoded;
        if (status >= 500 && previous) {
          for (const name of res.getHeaderNames()) res.removeHeader(name);
          send(req, res, previous, { stale: true });
          resolve(previous);
          return res;
        }
        let entry = null;
        if (storable) {
          entry = { status, headers: withEtag(headers, body), body, ...compressBody(body), version, storedAt: now() };
        }
        if (entry) {
          for (const name of res.getHeaderNames()) res.removeHeader(name);
          send(req, res, entry);
        } else {
          res.setHeader("content-length", String(body.length));
          res.writeHead(status);
          res.end(methodOf(req) === "HEAD" ? undefined : body);
        }
        if (typeof callback === "function") callback();
        resolve(entry);
        return res;
      };
      // A client that disconnects mid-render may leave the response unended; waiters must not hang on it.
      res.once("close", () => {
        if (!res.writableEnded) {
          Object.assign(res, original);
          resolve(null);
        }
      });
      Promise.resolve(handle(req, res)).catch(() => {
        if (!res.writableEnded) {
          res.statusCode = 500;
          res.end("Internal Server Error");
        }
      });
    });
  }

  /** Answers a miss that may not render now: the last good response when there is one, else 503 with Retry-After. */
  function shed(req, res, entry) {
    if (entry) return send(req, res, entry, { stale: true });
    res.writeHead(503, { "content-type": "text/plain; charset=utf-8", "retry-after": "2", "cache-control": "no-store" });
    res.end(methodOf(req) === "HEAD" ? undefined : "This page is busy; please try again in a moment.\n");
  }

  async function serve(req, res, handle) {
    const cacheable = cacheKeyOf(req);
    if (!cacheable) return handle(req, res);
    const { key, url } = cacheable;
    const entry = entries.get(key);
    if (entry && entry.version === dataVersion() && now() - entry.storedAt < maxAgeMs) return send(req, res, entry);
    // A render that began before the data changed may show the old data: later requests start their own.
    const flightKey = `${dataVersion()}\u0000${key}`;
    const pending = inFlight.get(flightKey);
    // Only age made this entry old, not a change: while one request renders it again, the rest need not wait.
    if (pending && entry && entry.version === dataVersion()) return send(req, res, entry);
    if (pending) {
      const shared = await pending;
      if (shared) return send(req, res, shared);
    }
    // Next renders the normalised address as a GET of the plain body; the cache compresses what it stores.
    req[ORIGINAL_METHOD] = req.method;
    req[ORIGINAL_ACCEPT_ENCODING] = req.headers["accept-encoding"];
    req.method = "GET";
    req.url = url;
    delete req.headers["accept-encoding"];
    const render = limiter
      .run(() => renderAndCapture(req, res, handle, entry), { known: Boolean(entry) })
      .then((stored) => {
        const current = entries.get(key);
        if (stored && stored !== entry && !(current && current.version > stored.version)) store(key, stored);
        return stored;
      })
      .catch((error) => {
        if (!(error instanceof RenderRefused)) throw error;
        shed(req, res, entry);
        return entry ?? null;
      });
    // A response that could not be stored (a 404, say) is rendered by each request that asks, within the limits.
    if (pending) return render;
    inFlight.set(flightKey, render);
    try {
      await render;
    } finally {
      inFlight.delete(flightKey);
    }
  }

  function clear() {
    entries.clear();
    totalBytes = 0;
  }

  return { serve, size: () => entries.size, bytes: () => totalBytes, clear, renderStats: limiter.stats };
}
