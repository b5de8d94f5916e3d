// A whole-response cache in front of Next for public GET routes. An entry is served until the data
// version changes (bumped by every cache invalidation, local or from another instance) or it ages out.
// When a fresh render fails (for example while PostgreSQL is down), the last good response is served.
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

function acceptsGzip(req) {
  const value = req[ORIGINAL_ACCEPT_ENCODING] ?? req.headers["accept-encoding"];
  return /\bgzip\b/.test(value ?? "");
}

function etagMatches(req, etag) {
  const header = req.headers["if-none-match"];
  if (!header || !etag) return false;
  return header.split(",").map((value) => value.trim()).includes(etag);
}

export function createResponseCache({ dataVersion, maxEntries = 1_000, maxAgeMs = 60_000, now = () => Date.now() }) {
  const entries = new Map();
  const inFlight = new Map();

  function store(key, entry) {
    entries.delete(key);
    entries.set(key, entry);
    if (entries.size > maxEntries) entries.delete(entries.keys().next().value);
  }

  function send(req, res, entry, { stale = false } = {}) {
    const headers = { ...entry.headers };
    if (stale) headers["x-statuspage-stale"] = "1";
    if (etagMatches(req, entry.headers.etag)) {
      res.writeHead(304, headers);
      return res.end();
    }
    const useGzip = entry.gzip && acceptsGzip(req) && entry.body.length > 1024;
    const body = useGzip ? entry.gzip : entry.body;
    headers["content-length"] = String(body.length);
    if (useGzip) headers["content-encoding"] = "gzip";
    headers.vary = headers.vary ? `${headers.vary}, Accept-Encoding` : "Accept-Encoding";
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
          entry = { status, headers, body, gzip: body.length > 1024 ? zlib.gzipSync(body, { level: 6 }) : null, version, storedAt: now() };
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
    const pending = inFlight.get(key);
    if (pending) {
      const shared = await pending;
      if (shared) return send(req, res, shared);
      return handle(req, res);
    }
    // The cache compresses what it stores; Next is asked for the plain body.
    req[ORIGINAL_ACCEPT_ENCODING] = req.headers["accept-encoding"];
    delete req.headers["accept-encoding"];
    const render = renderAndCapture(req, res, handle, entry).then((stored) => {
      if (stored && stored !== entry) store(key, stored);
      return stored;
    });
    inFlight.set(key, render);
    try {
      await render;
    } finally {
      inFlight.delete(key);
    }
  }

  return { serve, size: () => entries.size, clear: () => entries.clear() };
}
