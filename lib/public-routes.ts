// Every public address readers and machines fetch without signing in, in one list: the front's whole-response cache
// keys and stores by it (server/front/response-cache.ts), and the static mirror checks each render against it
// (server/mirror/mirror-publisher.ts). Next's own routes under app/ are compared with it by a test
// (tests/mirror/public-routes.test.ts), so a new route is either listed here or named there as private.
import { parseHistoryQuery, type HistoryQuery } from "@/lib/history-params";
import { isValidId } from "@/lib/status";
import { MAX_LABEL_LENGTH } from "@/lib/badge-label";

/**
 * A query parameter a route reads, and the one form of each value it answers differently for; null for a value the
 * route answers as if it were absent (out of range, malformed), so such values share the route's plain address
 * instead of each costing a render.
 */
export type RouteParam = { name: string; canonical: (value: string) => string | null };

/**
 * `types`: the content types a complete answer of the route has; anything else (an empty `{}` Next sends for a
 * prefetch, an error page) is passed to the one who asked and never stored or published.
 * `exists`: a fixed address that always renders a real page, never refused for the render budget junk spends.
 * `immutable`: content-hashed build output, which never changes while a build runs.
 */
export type PublicRoute = {
  pattern: RegExp;
  params: RouteParam[];
  types: RegExp;
  immutable?: boolean;
  exists?: boolean;
};

// Values the history page reads as it does (lib/history-params.ts). Every malformed or out-of-range value shows
// the same page with the same note, so they share one form: INVALID_PARAM, which the page reads as malformed.
export const INVALID_PARAM = "~";
const historyParam = (
  name: "page" | "month" | "component",
  canonical: (query: HistoryQuery) => string | null,
): RouteParam => ({
  name,
  canonical: (value) => {
    const query = parseHistoryQuery({ [name]: value });
    return query.problems.length > 0 ? INVALID_PARAM : canonical(query);
  },
});
const page = historyParam("page", (query) => (query.page > 1 ? String(query.page) : null));
const month = historyParam("month", (query) => query.month?.toISOString().slice(0, 7) ?? null);
const component = historyParam("component", (query) => query.componentId);
const id = (name: string): RouteParam => ({ name, canonical: (value) => (isValidId(value) ? value : null) });
const label: RouteParam = {
  name: "label",
  canonical: (value) => (value === "" ? null : [...value].slice(0, MAX_LABEL_LENGTH).join("")),
};
const version: RouteParam = { name: "v", canonical: (value) => (/^[\w-]{1,64}$/.test(value) ? value : null) };

export const CONTENT_TYPES = {
  html: /^text\/html\b/,
  json: /^application\/json\b/,
  feed: /^application\/(rss\+xml|atom\+xml|feed\+json)\b/,
  svg: /^image\/svg\+xml\b/,
  javascript: /^(application|text)\/javascript\b/,
  text: /^text\/plain\b/,
  icon: /^(image\/(png|svg\+xml|x-icon|vnd\.microsoft\.icon)|application\/manifest\+json)\b/,
  buildFile: /^(application\/(javascript|json|manifest\+json)|text\/(javascript|css|plain)|font\/|image\/)/,
  // What Next answers a flight request (an open tab refreshing itself) with.
  flight: /^text\/x-component\b/,
} as const;

// Each public route with the query parameters it reads: everything else in a query string (tracking parameters,
// cache-busting junk) is left out of the cache key and of the request the app renders.
const PUBLIC_ROUTES: PublicRoute[] = [
  { pattern: /^\/$/, params: [], types: CONTENT_TYPES.html, exists: true },
  { pattern: /^\/history\/?$/, params: [page, month, component], types: CONTENT_TYPES.html, exists: true },
  { pattern: /^\/history\.(rss|atom|json)$/, params: [], types: CONTENT_TYPES.feed, exists: true },
  { pattern: /^\/incidents\/[^/]+\/?$/, params: [], types: CONTENT_TYPES.html },
  { pattern: /^\/api\/v2\//, params: [], types: CONTENT_TYPES.json },
  { pattern: /^\/api\/live$/, params: [id("incident")], types: CONTENT_TYPES.json, exists: true },
  { pattern: /^\/badge\.svg$/, params: [label], types: CONTENT_TYPES.svg, exists: true },
  { pattern: /^\/components\/[^/]+\/badge\.svg$/, params: [label], types: CONTENT_TYPES.svg },
  { pattern: /^\/components\/[^/]+\/history\.(rss|atom|json)$/, params: [], types: CONTENT_TYPES.feed },
  { pattern: /^\/components\/[^/]+\/uptime(\/[^/]+)?\/?$/, params: [], types: CONTENT_TYPES.html },
  { pattern: /^\/embed\/?$/, params: [], types: CONTENT_TYPES.html, exists: true },
  { pattern: /^\/embed\/status\.js$/, params: [], types: CONTENT_TYPES.javascript, exists: true },
  { pattern: /^\/robots\.txt$/, params: [], types: CONTENT_TYPES.text, exists: true },
  {
    pattern: /^\/(favicon\.ico|icon\.svg|icon-512\.png|apple-touch-icon\.png|manifest\.webmanifest)$/,
    params: [],
    types: CONTENT_TYPES.icon,
    exists: true,
  },
  { pattern: /^\/uptime\.svg$/, params: [version], types: CONTENT_TYPES.svg, exists: true },
  { pattern: /^\/metrics\/[^/]+\/?$/, params: [], types: CONTENT_TYPES.html },
  { pattern: /^\/metrics\/[^/]+\/[^/]+$/, params: [version], types: CONTENT_TYPES.svg },
  { pattern: /^\/metrics-display\/[^/]+\/[^/]+$/, params: [], types: CONTENT_TYPES.json },
  { pattern: /^\/api\/uptime\//, params: [], types: CONTENT_TYPES.json },
  { pattern: /^\/_next\/static\//, params: [], types: CONTENT_TYPES.buildFile, immutable: true },
];

/** The public route a path (no query string) belongs to, or null for an address that is not public. */
export function publicRouteOf(path: string): PublicRoute | null {
  for (const route of PUBLIC_ROUTES) if (route.pattern.test(path)) return route;
  return null;
}

/** Whether a render of `url` answered with the content type a complete answer of its route has. */
export function isCompleteAnswerType(url: string, contentType: string | null): boolean {
  const route = publicRouteOf(url.split("?")[0]);
  return route !== null && route.types.test(contentType ?? "");
}
