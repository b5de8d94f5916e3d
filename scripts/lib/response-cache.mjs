// A whole-response cache in front of Next for public GET routes. An entry is served until the data
// version changes (bumped by every cache invalidation, local or from another instance) or it ages out.
// When a fresh render fails (for example while PostgreSQL is down), the last good response is served.
import { createHash } from "node:crypto";
import zlib from "node:zlib";

const CACHEABLE_PATHS = [
  /^\/$/,
  /^\/history\/?$/,
  /^\/history\.(rss|atom|json)$/,
  /^\/incidents\/[^/]+\/?$/,
  /^\/api\/v2\//,
  /^\/api\/live$/,
  /^\/badge\.svg$/,
  /^\/components\/[^/]+\/[^/]+$/,
  /^\/embed\/?$/,
  /^\/robots\.txt$/,
  /^\/uptime\.svg$/,
  /^\/api\/uptime\//,
];
const VARY_HEADERS = ["rsc", "next-router-state-tree", "next-router-prefetch", "next-router-segment-prefetch", "next-url"];
// Next marks every dynamically rendered page private; public pages are the same for every reader, so a
// CDN may keep them briefly and serve them when the origin fails.
const NEXT_DYNAMIC_CACHE_CONTROL = "private, no-cache, no-store, max-age=0, must-revalidate";
export const PUBLIC_PAGE_CACHE_CONTROL = "public, max-age=0, s-maxage=10, stale-while-revalidate=30, stale-if-error=86400";
const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "date", "content-length", "content-encoding"]);

export function isCacheableRequest(req) {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  if (req.headers.authorization) return false;
  const path = (req.url ?? "/").split("?")[0];
  return CACHEABLE_PATHS.some((pattern) => pattern.test(path));
}

function cacheKey(req) {
  return ["GET", req.url, ...VARY_HEADERS.map((name) => req.headers[name] ?? "")].join("\u0000");
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

function entryBytes(entry) {
  return entry.body.length + (entry.gzip?.length ?? 0) + (entry.br?.length ?? 0);
}

export function createResponseCache({ dataVersion, maxEntries = 1_000, maxBytes = 64 * 2 ** 20, maxAgeMs = 60_000, upgradeAfterMs = 2_000, now = () => Date.now() }) {
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
    res.end(req.method === "HEAD" ? undefined : body);
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
          res.end(req.method === "HEAD" ? undefined : body);
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

  async function serve(req, res, handle) {
    if (!isCacheableRequest(req)) return handle(req, res);
    const key = cacheKey(req);
    const entry = entries.get(key);
    if (entry && entry.version === dataVersion() && now() - entry.storedAt < maxAgeMs) return send(req, res, entry);
    // A HEAD render has no body to keep; it is answered from a stored GET or passed through.
    if (req.method === "HEAD") return handle(req, res);
    // A render that began before the data changed may show the old data: later requests start their own.
    const flightKey = `${dataVersion()}\u0000${key}`;
    const pending = inFlight.get(flightKey);
    // Only age made this entry old, not a change: while one request renders it again, the rest need not wait.
    if (pending && entry && entry.version === dataVersion()) return send(req, res, entry);
    if (pending) {
      const shared = await pending;
      if (shared) return send(req, res, shared);
      return handle(req, res);
    }
    // The cache compresses what it stores; Next is asked for the plain body.
    req[ORIGINAL_ACCEPT_ENCODING] = req.headers["accept-encoding"];
    delete req.headers["accept-encoding"];
    const render = renderAndCapture(req, res, handle, entry).then((stored) => {
      const current = entries.get(key);
      if (stored && stored !== entry && !(current && current.version > stored.version)) store(key, stored);
      return stored;
    });
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

  return { serve, size: () => entries.size, bytes: () => totalBytes, clear };
}
