// Where each public address lives in the mirror, so that nginx (try_files $uri $uri/index.html) and S3 website
// hosting serve it without the app. Static hosts ignore query strings, so history's ?page= and ?month= views are
// published under path-style addresses and links to them are rewritten (see mirror-html.ts).

export const ASSET_CACHE_CONTROL = "public, max-age=31536000, immutable";
// Every reader revalidates, so a page never lags the live.json that announced it; a CDN may serve its copy if the origin fails.
export const PAGE_CACHE_CONTROL = "public, no-cache, stale-if-error=86400";
export const LIVE_CACHE_CONTROL = "no-cache";

export const LIVE_KEY = "live.json";
export const NOT_FOUND_KEY = "404.html";
export const MANIFEST_KEY = ".statuspage-mirror/manifest.json";

const HISTORY_PAGE = /^\/history\?page=(\d{1,7})$/;
const HISTORY_MONTH = /^\/history\?month=(\d{4}-\d{2})$/;
const FILE_NAME = /\.[a-z0-9]+$/i;

const CONTENT_TYPES: Record<string, string> = {
  html: "text/html; charset=utf-8",
  json: "application/json; charset=utf-8",
  rss: "application/rss+xml; charset=utf-8",
  atom: "application/atom+xml; charset=utf-8",
  svg: "image/svg+xml",
  js: "application/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  txt: "text/plain; charset=utf-8",
  map: "application/json; charset=utf-8",
  woff2: "font/woff2",
  woff: "font/woff",
  png: "image/png",
  ico: "image/x-icon",
  webp: "image/webp",
  jpg: "image/jpeg",
};

/** The path-style address a static host serves for a history view, or null for any other address. */
export function historyMirrorPath(url: string): string | null {
  const page = HISTORY_PAGE.exec(url);
  if (page) return Number(page[1]) <= 1 ? "/history" : `/history/page/${Number(page[1])}/`;
  const month = HISTORY_MONTH.exec(url);
  return month ? `/history/month/${month[1]}/` : null;
}

/** The object key (no leading slash) an app address is published under. */
export function mirrorKey(url: string): string {
  const path = (historyMirrorPath(url) ?? url).split("?")[0];
  const trimmed = path.replace(/^\/+|\/+$/g, "");
  if (trimmed === "") return "index.html";
  if (FILE_NAME.test(trimmed) || trimmed.startsWith("api/")) return trimmed;
  return `${trimmed}/index.html`;
}

/** The content type a key is served with; extensionless API files (uptime bars) are JSON. */
export function contentTypeFor(key: string): string {
  const extension = FILE_NAME.exec(key)?.[0].slice(1).toLowerCase();
  if (extension) return CONTENT_TYPES[extension] ?? "application/octet-stream";
  return key.startsWith("api/") ? CONTENT_TYPES.json : "application/octet-stream";
}

export function cacheControlFor(key: string): string {
  if (key.startsWith("_next/static/")) return ASSET_CACHE_CONTROL;
  if (key === LIVE_KEY) return LIVE_CACHE_CONTROL;
  return PAGE_CACHE_CONTROL;
}

export function isHtmlKey(key: string): boolean {
  return key.endsWith(".html");
}
