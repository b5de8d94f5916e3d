// A whole-response cache in front of the app for public GET routes, run by every front process. An entry is served
// until the data version changes (every invalidation, local or from another instance, bumps it); an entry that only
// aged is served while the app renders it again in the background, so no reader waits for a render of a page that
// did not change. When a fresh render fails (PostgreSQL down, the app restarting), the last good response is served.
//
// A hit does the minimum: the key comes from the path (memoised per address), and each entry holds, per content
// coding, the body and the complete header list, built once when the entry is stored.
import { createHash } from "node:crypto";
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { createBoundedStore, createFlights } from "@/lib/cache-core";
import { CONTENT_TYPES, INVALID_PARAM, publicRouteOf } from "@/lib/public-routes";
import { policyWithScriptHashes } from "./csp-hashes";
import { createRenderLimiter, RenderRefused, type RenderLimits } from "./render-limiter";
import { UpstreamUnavailable, type CapturedResponse, type Upstream } from "./upstream";

// Next's flight requests vary on these; a page load (no `rsc` header) depends on none of them.
const RSC_VARY_HEADERS = [
  "rsc",
  "next-router-state-tree",
  "next-router-prefetch",
  "next-router-segment-prefetch",
  "next-url",
];
// Next marks every dynamically rendered page private; public pages are the same for every reader, so a
// CDN may keep them briefly and serve them when the origin fails.
const NEXT_DYNAMIC_CACHE_CONTROL = "private, no-cache, no-store, max-age=0, must-revalidate";
export const PUBLIC_PAGE_CACHE_CONTROL =
  "public, max-age=0, s-maxage=10, stale-while-revalidate=30, stale-if-error=86400";
// What an open tab fetches to refresh itself: it asked because the data changed, so no browser or CDN copy may
// answer it; the ETag still turns an unchanged answer into a 304.
export const FLIGHT_CACHE_CONTROL = "private, no-cache";
// Headers of the app's answer that describe one transfer, not the stored response.
const PER_TRANSFER = new Set([
  "connection",
  "keep-alive",
  "transfer-encoding",
  "date",
  "content-length",
  "content-encoding",
]);
// The host every cached render is asked for: the page's links come from its configured address, never from this.
const RENDER_HOST = "localhost";
const STALE_HEADER = ["x-statuspage-stale", "1"];

/**
 * A cacheable request as the cache sees it. `renderHeaders` is all the app is told when it renders the entry, the
 * same for every reader: the requester's other headers (cookies, Next's prefetch and internal headers, forwarding
 * headers) could otherwise change an answer that everyone then receives. `variant`: the address carries a parameter
 * value, which a client can invent without end.
 */
export type Cacheable = {
  key: string;
  url: string;
  immutable: boolean;
  exists: boolean;
  variant: boolean;
  types: RegExp;
  renderHeaders: Record<string, string>;
};

type RequestLike = { method?: string; url?: string; headers: IncomingHttpHeaders };

const PAGE_LOAD_HEADERS: Record<string, string> = { host: RENDER_HOST };

/**
 * The cache key of a public GET or HEAD, or null when the request is not cacheable. Only what can change the
 * response counts: the path, the parameters the route reads (sorted) and, for flight requests, Next's headers.
 * Authorization and cookies cannot change a public response, so they do not bypass the cache. The URL is expected
 * in normal form (request-target.ts).
 */
export function cacheKeyOf(req: RequestLike): Cacheable | null {
  if (req.method !== "GET" && req.method !== "HEAD") return null;
  const url = req.url ?? "/";
  const queryAt = url.indexOf("?");
  const path = queryAt < 0 ? url : url.slice(0, queryAt);
  const route = publicRouteOf(path);
  if (!route) return null;
  const immutable = route.immutable === true;
  let query = "";
  let variant = false;
  if (queryAt >= 0 && route.params.length > 0) {
    const params = new URLSearchParams(url.slice(queryAt + 1));
    const kept: string[] = [];
    for (const { name, canonical } of route.params) {
      const raw = params.get(name);
      const value = raw === null ? null : canonical(raw.trim());
      if (value === null) continue;
      kept.push(`${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
      if (value !== INVALID_PARAM) variant = true;
    }
    if (kept.length > 0) query = `?${kept.join("&")}`;
  }

  const exists = route.exists === true && !variant;
  const shared = { immutable, exists, variant, types: route.types };
  if (!req.headers.rsc)
    return { key: `${path}${query}`, url: `${path}${query}`, ...shared, renderHeaders: PAGE_LOAD_HEADERS };
  const renderHeaders: Record<string, string> = { host: RENDER_HOST };
  for (const name of RSC_VARY_HEADERS) {
    const value = req.headers[name];
    if (typeof value === "string") renderHeaders[name] = value;
  }
  const flight = RSC_VARY_HEADERS.map((name) => renderHeaders[name] ?? "").join("\u0000");
  const rscParam = queryAt < 0 ? null : new URLSearchParams(url.slice(queryAt + 1)).get("_rsc");
  const forwarded =
    rscParam === null ? `${path}${query}` : `${path}${query}${query ? "&" : "?"}_rsc=${encodeURIComponent(rscParam)}`;
  return {
    key: `${path}${query}\u0000${flight}`,
    url: forwarded,
    ...shared,
    types: CONTENT_TYPES.flight,
    renderHeaders,
  };
}

const COMPRESSION_THRESHOLD = 1024;
// Brotli compresses on the render that follows a data change, so it must be fast: quality 6 takes about 5 ms for
// a 650 KB page (on libuv's thread pool, never on the event loop). Qualities 7-9 save another 2-8 % for up to 5x
// the time. The 4 MB window spans both the HTML and the RSC payload Next inlines after it, beyond gzip's 32 KB.
const BROTLI_QUALITY = 6;
const BROTLI_WINDOW_BITS = 22;
// A large page still current a moment after it was stored is recompressed at quality 10 (the home page: 11 %
// smaller in 60 ms). Quality 11 saves 4 % more for five times the CPU, which on two cores slows everything else.
const UPGRADE_QUALITY = 10;
const UPGRADE_MIN_BYTES = 16 * 1024;

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

function brotliOptions(body: Buffer, quality: number): zlib.BrotliOptions {
  const { BROTLI_PARAM_QUALITY, BROTLI_PARAM_LGWIN, BROTLI_PARAM_SIZE_HINT } = zlib.constants;
  return {
    params: {
      [BROTLI_PARAM_QUALITY]: quality,
      [BROTLI_PARAM_LGWIN]: BROTLI_WINDOW_BITS,
      [BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  };
}

const BR = 1;
const GZIP = 2;

/** Which of br and gzip the client accepts (RFC 9110 §12.5.3, q=0 refuses), as bits. */
export function acceptedCodings(header: string | string[] | undefined): number {
  const accepted = new Map<string, number>();
  for (const part of String(header ?? "").split(",")) {
    const [name, ...params] = part.split(";").map((value) => value.trim().toLowerCase());
    if (!name) continue;
    const q = params.find((param) => /^q\s*=/.test(param));
    accepted.set(name, q ? Number(q.slice(q.indexOf("=") + 1)) || 0 : 1);
  }
  const qOf = (coding: string) =>
    accepted.get(coding) ?? (coding === "gzip" ? accepted.get("x-gzip") : undefined) ?? accepted.get("*") ?? 0;
  return (qOf("br") > 0 ? BR : 0) | (qOf("gzip") > 0 ? GZIP : 0);
}

/** RFC 9110 weak comparison, as If-None-Match requires. */
function etagMatches(header: string, etag: string): boolean {
  const wanted = etag.replace(/^W\//, "");
  return header.split(",").some((value) => {
    const tag = value.trim();
    return tag === "*" || tag.replace(/^W\//, "") === wanted;
  });
}

function withAcceptEncoding(vary: string | undefined): string {
  if (!vary) return "Accept-Encoding";
  return /\baccept-encoding\b/i.test(vary) ? vary : `${vary}, Accept-Encoding`;
}

type Variant = { body: Buffer; headers: string[] };

type Entry = {
  status: number;
  version: number;
  storedAt: number;
  immutable: boolean;
  etag: string;
  base: string[];
  identity: Variant;
  gzip: Variant | null;
  br: Variant | null;
  notModified: string[];
  url: string;
};

function variant(base: string[], body: Buffer, coding: string | null): Variant {
  const headers = [...base, "content-length", String(body.length)];
  if (coding) headers.push("content-encoding", coding);
  return { body, headers };
}

function entryBytes(entry: Entry): number {
  return entry.identity.body.length + (entry.gzip?.body.length ?? 0) + (entry.br?.body.length ?? 0);
}

/**
 * The app's answer with the public Cache-Control a page may carry, and whether this cache may keep it: only a
 * complete, successful answer of a content type the route answers with.
 */
function publicHeaders(
  captured: CapturedResponse,
  cacheable: Cacheable,
): { headers: IncomingHttpHeaders; storable: boolean } {
  const flight = cacheable.types === CONTENT_TYPES.flight;
  const headers = { ...captured.headers };
  if (headers["cache-control"] === NEXT_DYNAMIC_CACHE_CONTROL && !headers["set-cookie"])
    headers["cache-control"] = PUBLIC_PAGE_CACHE_CONTROL;
  const cacheControl = String(headers["cache-control"] ?? "");
  const storable =
    captured.status === 200 &&
    captured.complete &&
    cacheable.types.test(String(headers["content-type"] ?? "")) &&
    !headers["set-cookie"] &&
    !/no-store|private/.test(cacheControl) &&
    !headers["content-encoding"];
  // Browsers and CDNs must not answer an open tab's refresh; this cache may, since it knows when the data changed.
  if (flight && cacheControl === PUBLIC_PAGE_CACHE_CONTROL) headers["cache-control"] = FLIGHT_CACHE_CONTROL;
  return { headers, storable };
}

async function buildEntry(
  cacheable: Cacheable,
  status: number,
  headers: IncomingHttpHeaders,
  body: Buffer,
  version: number,
  storedAt: number,
): Promise<Entry> {
  const etag =
    typeof headers.etag === "string"
      ? headers.etag
      : `W/"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
  const base: string[] = [];
  for (const name in headers) {
    if (PER_TRANSFER.has(name) || name === "etag" || name === "vary") continue;
    const value = headers[name];
    if (Array.isArray(value)) for (const item of value) base.push(name, item);
    else if (value !== undefined) base.push(name, value);
  }
  base.push("etag", etag, "vary", withAcceptEncoding(typeof headers.vary === "string" ? headers.vary : undefined));
  const large = body.length > COMPRESSION_THRESHOLD;
  const [gzipped, brotlied] = large
    ? await Promise.all([gzip(body, { level: 6 }), brotli(body, brotliOptions(body, BROTLI_QUALITY))])
    : [null, null];
  return {
    status,
    version,
    storedAt,
    immutable: cacheable.immutable,
    etag,
    base,
    identity: variant(base, body, null),
    gzip: gzipped ? variant(base, gzipped, "gzip") : null,
    br: brotlied ? variant(base, brotlied, "br") : null,
    notModified: base,
    url: cacheable.url,
  };
}

type Outcome = { entry: Entry } | { response: CapturedResponse } | { refused: true } | { unavailable: true };

export type ResponseCacheOptions = {
  /** The data version this process knows of; an entry rendered at an older one is not served as current. */
  dataVersion: () => number;
  upstream: Upstream;
  maxEntries?: number;
  maxBytes?: number;
  maxAgeMs?: number;
  upgradeAfterMs?: number;
  now?: () => number;
  renderLimits?: RenderLimits;
  /** Called on a request that will reach the app (a miss or an uncached address), never on a hit. */
  beforeUpstream?: (req: IncomingMessage) => void;
  /** How long a 503 for a refused render waits before it is sent. */
  shedDelayMs?: number;
  /**
   * Whether an immutable address is a file of the running build: a page needs its chunks however much junk spent
   * the render budget, while made-up chunk names are junk like any other.
   */
  isBuildFile?: (path: string) => boolean;
};

const MEMO_LIMIT = 2_000;

export function createResponseCache({
  dataVersion,
  upstream,
  maxEntries = 1_000,
  maxBytes = 64 * 2 ** 20,
  maxAgeMs = 60_000,
  upgradeAfterMs = 2_000,
  now = () => Date.now(),
  renderLimits = {},
  beforeUpstream = () => {},
  shedDelayMs = 250,
  isBuildFile = () => false,
}: ResponseCacheOptions) {
  const limiter = createRenderLimiter(renderLimits);
  const entries = createBoundedStore<Entry>({ maxEntries, maxBytes, sizeOf: entryBytes });
  const flights = createFlights<Outcome>();
  // Page loads repeat the same few addresses and Accept-Encoding values: each is parsed once.
  const keysByUrl = new Map<string, Cacheable | null>();
  const codingsByHeader = new Map<string, number>();

  function cacheableOf(req: IncomingMessage): Cacheable | null {
    if (req.headers.rsc !== undefined || (req.method !== "GET" && req.method !== "HEAD")) return cacheKeyOf(req);
    const url = req.url ?? "/";
    let cacheable = keysByUrl.get(url);
    if (cacheable === undefined) {
      if (keysByUrl.size >= MEMO_LIMIT) keysByUrl.clear();
      cacheable = cacheKeyOf(req);
      keysByUrl.set(url, cacheable);
    }
    return cacheable;
  }

  function codingsOf(req: IncomingMessage): number {
    const header = req.headers["accept-encoding"] ?? "";
    let codings = codingsByHeader.get(header);
    if (codings === undefined) {
      if (codingsByHeader.size >= MEMO_LIMIT) codingsByHeader.clear();
      codings = acceptedCodings(header);
      codingsByHeader.set(header, codings);
    }
    return codings;
  }

  /** Keeps a large page that stays current smaller: recompressed at Brotli's best quality, on the thread pool. */
  function scheduleUpgrade(key: string, entry: Entry) {
    const current = entry.br;
    if (!current || entry.identity.body.length < UPGRADE_MIN_BYTES || upgradeAfterMs <= 0) return;
    setTimeout(() => {
      if (entries.get(key) !== entry) return;
      brotli(entry.identity.body, brotliOptions(entry.identity.body, UPGRADE_QUALITY)).then(
        (smaller) => {
          if (entries.get(key) !== entry || smaller.length >= current.body.length) return;
          entry.br = variant(entry.base, smaller, "br");
          entries.resized(key, entry);
        },
        () => {},
      );
    }, upgradeAfterMs).unref();
  }

  function isCurrent(entry: Entry): boolean {
    return entry.immutable || entry.version >= dataVersion();
  }

  function send(req: IncomingMessage, res: ServerResponse, entry: Entry, stale = false) {
    const conditional = req.headers["if-none-match"];
    if (conditional !== undefined && etagMatches(conditional, entry.etag)) {
      res.writeHead(304, stale ? [...entry.notModified, ...STALE_HEADER] : entry.notModified);
      res.end();
      return;
    }
    const codings = entry.br || entry.gzip ? codingsOf(req) : 0;
    const chosen = entry.br && codings & BR ? entry.br : entry.gzip && codings & GZIP ? entry.gzip : entry.identity;
    res.writeHead(entry.status, stale ? [...chosen.headers, ...STALE_HEADER] : chosen.headers);
    res.end(req.method === "HEAD" ? undefined : chosen.body);
  }

  function sendCaptured(req: IncomingMessage, res: ServerResponse, { status, headers, body }: CapturedResponse) {
    const out: Record<string, string | string[]> = {};
    for (const name in headers) {
      const value = headers[name];
      if (!PER_TRANSFER.has(name) && value !== undefined) out[name] = value;
    }
    out["content-length"] = String(body.length);
    res.writeHead(status, out);
    res.end(req.method === "HEAD" ? undefined : body);
  }

  /**
   * Answers a miss that may not render now: the last good response when there is one, else 503 with Retry-After,
   * a moment late: a client that floods with addresses nobody has seen then waits instead of asking again at once,
   * which costs this process a timer, not CPU.
   */
  function shed(req: IncomingMessage, res: ServerResponse, entry: Entry | undefined, message: string) {
    if (entry) return send(req, res, entry, true);
    const answer = () => {
      if (res.destroyed) return;
      res.writeHead(503, {
        "content-type": "text/plain; charset=utf-8",
        "retry-after": "2",
        "cache-control": "no-store",
      });
      res.end(req.method === "HEAD" ? undefined : message);
    };
    if (shedDelayMs > 0) setTimeout(answer, shedDelayMs).unref();
    else answer();
  }

  async function renderOnce(cacheable: Cacheable, version: number): Promise<Outcome> {
    const captured = await upstream.capture(cacheable.url, cacheable.renderHeaders);
    const { headers, storable } = publicHeaders(captured, cacheable);
    if (!storable) return { response: { ...captured, headers } };
    const policy = headers["content-security-policy"];
    if (cacheable.types === CONTENT_TYPES.html && typeof policy === "string")
      headers["content-security-policy"] = policyWithScriptHashes(policy, captured.body.toString("utf8"));
    return { entry: await buildEntry(cacheable, captured.status, headers, captured.body, version, now()) };
  }

  /**
   * One render per page and data version, however many readers ask at once. A render that began before the data
   * changed may show the old data: requests made after the change start their own, and an older render never
   * replaces a newer entry. A render that stores nothing, or a parameter value seen for the first time, spends the
   * budget junk shares: a client can invent either without end.
   */
  function render(cacheable: Cacheable, known: boolean): Promise<Outcome> {
    const version = dataVersion();
    return flights.run(`${version}\u0000${cacheable.key}`, () =>
      limiter
        .run(() => renderOnce(cacheable, version), {
          known,
          wasted: (result) => !result || !("entry" in result) || (cacheable.variant && !known),
        })
        .then(
          (result): Outcome => {
            if (
              "entry" in result &&
              entries.set(cacheable.key, result.entry, (current) => current.version > result.entry.version)
            ) {
              scheduleUpgrade(cacheable.key, result.entry);
            }
            return result;
          },
          (error: unknown): Outcome => {
            if (error instanceof RenderRefused) return { refused: true };
            if (error instanceof UpstreamUnavailable) return { unavailable: true };
            throw error;
          },
        ),
    );
  }

  function refreshInBackground(cacheable: Cacheable) {
    const entry = entries.get(cacheable.key);
    if (!entry) return;
    render(cacheable, true).catch((error: unknown) => console.error("Could not refresh a cached page:", error));
  }

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const cacheable = cacheableOf(req);
    if (!cacheable) {
      beforeUpstream(req);
      return upstream.forward(req, res);
    }
    const entry = entries.get(cacheable.key);
    if (entry !== undefined && isCurrent(entry)) {
      if (!entry.immutable && now() - entry.storedAt >= maxAgeMs) refreshInBackground(cacheable);
      return send(req, res, entry);
    }
    const known = entry !== undefined || cacheable.exists || (cacheable.immutable && isBuildFile(cacheable.url));
    if (!flights.has(`${dataVersion()}\u0000${cacheable.key}`) && limiter.refuses(known)) {
      limiter.noteRefused();
      return shed(req, res, entry, "This page is busy; please try again in a moment.\n");
    }
    beforeUpstream(req);
    const outcome = await render(cacheable, known);
    if ("entry" in outcome) return send(req, res, outcome.entry);
    if ("response" in outcome) {
      if (outcome.response.status >= 500 && entry) return send(req, res, entry, true);
      return sendCaptured(req, res, outcome.response);
    }
    if ("refused" in outcome) return shed(req, res, entry, "This page is busy; please try again in a moment.\n");
    return shed(req, res, entry, "The status page is restarting; please try again in a moment.\n");
  }

  /** The plain body of a cacheable GET, from the cache or rendered once for every asker: for this process's own use. */
  async function fetchBody(url: string): Promise<Buffer> {
    const cacheable = cacheKeyOf({ method: "GET", url, headers: {} });
    if (!cacheable) throw new Error(`${url} is not a cacheable address.`);
    const entry = entries.get(cacheable.key);
    if (entry && isCurrent(entry)) return entry.identity.body;
    const outcome = await render(cacheable, true);
    if ("entry" in outcome) return outcome.entry.identity.body;
    if ("response" in outcome && outcome.response.status < 300) return outcome.response.body;
    if (entry) return entry.identity.body;
    throw new Error(
      `${url} could not be rendered (${"response" in outcome ? outcome.response.status : "app unavailable"}).`,
    );
  }

  return {
    serve,
    fetchBody,
    /** Resolves once no render is running: for tests. */
    idle: flights.idle,
    size: entries.size,
    bytes: entries.bytes,
    clear: entries.clear,
    renderStats: limiter.stats,
  };
}

export type ResponseCache = ReturnType<typeof createResponseCache>;
