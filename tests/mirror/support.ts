import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { MirrorRenderer } from "@/server/mirror/mirror-publisher";
import { getIncidentDetail, getPage } from "@/server/queries/public-status";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Response | Promise<Response>;
type Route = { pattern: RegExp; names: string[]; load: () => Promise<{ GET: Handler }> };

// The app's machine routes, called as Next calls them; Vitest cannot render React server components, so pages are drawn below.
const ROUTES: Route[] = [
  {
    pattern: /^\/api\/v2\/incidents\/([^/]+\.json)$/,
    names: ["incidentId"],
    load: () => import("@/app/api/v2/incidents/[incidentId]/route") as never,
  },
  { pattern: /^\/api\/v2\/summary\.json$/, names: [], load: () => import("@/app/api/v2/summary.json/route") },
  { pattern: /^\/api\/v2\/status\.json$/, names: [], load: () => import("@/app/api/v2/status.json/route") },
  { pattern: /^\/api\/v2\/components\.json$/, names: [], load: () => import("@/app/api/v2/components.json/route") },
  { pattern: /^\/api\/v2\/incidents\.json$/, names: [], load: () => import("@/app/api/v2/incidents.json/route") },
  {
    pattern: /^\/api\/v2\/incidents\/unresolved\.json$/,
    names: [],
    load: () => import("@/app/api/v2/incidents/unresolved.json/route"),
  },
  {
    pattern: /^\/api\/v2\/scheduled-maintenances\.json$/,
    names: [],
    load: () => import("@/app/api/v2/scheduled-maintenances.json/route"),
  },
  {
    pattern: /^\/api\/v2\/scheduled-maintenances\/upcoming\.json$/,
    names: [],
    load: () => import("@/app/api/v2/scheduled-maintenances/upcoming.json/route"),
  },
  {
    pattern: /^\/api\/v2\/scheduled-maintenances\/active\.json$/,
    names: [],
    load: () => import("@/app/api/v2/scheduled-maintenances/active.json/route"),
  },
  { pattern: /^\/api\/v2\/openapi\.json$/, names: [], load: () => import("@/app/api/v2/openapi.json/route") },
  {
    pattern: /^\/api\/uptime\/([^/]+)\/([^/]+)$/,
    names: ["kind", "id"],
    load: () => import("@/app/api/uptime/[kind]/[id]/route") as never,
  },
  { pattern: /^\/history\.rss$/, names: [], load: () => import("@/app/history.rss/route") },
  { pattern: /^\/history\.atom$/, names: [], load: () => import("@/app/history.atom/route") },
  { pattern: /^\/history\.json$/, names: [], load: () => import("@/app/history.json/route") },
  {
    pattern: /^\/components\/([^/]+)\/history\.rss$/,
    names: ["componentId"],
    load: () => import("@/app/components/[componentId]/history.rss/route") as never,
  },
  {
    pattern: /^\/components\/([^/]+)\/history\.atom$/,
    names: ["componentId"],
    load: () => import("@/app/components/[componentId]/history.atom/route") as never,
  },
  {
    pattern: /^\/components\/([^/]+)\/history\.json$/,
    names: ["componentId"],
    load: () => import("@/app/components/[componentId]/history.json/route") as never,
  },
  {
    pattern: /^\/components\/([^/]+)\/badge\.svg$/,
    names: ["componentId"],
    load: () => import("@/app/components/[componentId]/badge.svg/route") as never,
  },
  { pattern: /^\/badge\.svg$/, names: [], load: () => import("@/app/badge.svg/route") },
  { pattern: /^\/uptime\.svg$/, names: [], load: () => import("@/app/uptime.svg/route") },
  { pattern: /^\/embed\/status\.js$/, names: [], load: () => import("@/app/embed/status.js/route") },
];

export const TEST_ASSET = "chunks/app-4f2a.js";

function html(title: string, body: string, status = 200): Response {
  const document =
    `<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/><link rel="stylesheet" href="/_next/static/chunks/app.css"/><title>${title}</title></head>` +
    `<body>${body}<p>Last updated <time dateTime="${new Date().toISOString()}" data-format="time" title="just now">now</time></p>` +
    `<script src="/_next/static/${TEST_ASSET}" async=""></script><script>self.__next_f.push([1,"rendered ${Date.now()}"])</script></body></html>`;
  return new Response(document, { status, headers: { "content-type": "text/html; charset=utf-8" } });
}

async function renderPage(url: string): Promise<Response> {
  const page = await getPage();
  if (url === "/") return html(page.name, `<h1>${page.name}</h1><a href="/history?page=2">Older</a>`);
  if (url.startsWith("/history"))
    return html(
      "History",
      `<h1>History ${url}</h1><a href="/history?page=2">Older</a><a href="/history?month=2026-01">January</a>`,
    );
  if (url === "/embed") return html("Embed", "<p>embed</p>");
  const incident = /^\/incidents\/([^/]+)$/.exec(url);
  if (incident) {
    const detail = await getIncidentDetail(incident[1]);
    if (detail)
      return html(
        detail.name,
        `<h1>${detail.name}</h1><ol>${detail.updates.map((u) => `<li>${u.body}</li>`).join("")}</ol>`,
      );
  }
  return html("Not found", "<h1>Page not found</h1>", 404);
}

/** Renders addresses as the app does: machine routes through their real handlers, pages as plain documents built from the real queries. */
export const appRenderer: MirrorRenderer = async (url) => {
  if (url === "/robots.txt")
    return new Response("User-agent: *\nAllow: /\n", { headers: { "content-type": "text/plain" } });
  const pathname = url.split("?")[0];
  for (const route of ROUTES) {
    const match = route.pattern.exec(pathname);
    if (!match) continue;
    const params = Object.fromEntries(route.names.map((name, index) => [name, decodeURIComponent(match[index + 1])]));
    const { GET } = await route.load();
    return GET(new Request(`http://127.0.0.1${url}`), { params: Promise.resolve(params) });
  }
  return renderPage(url);
};

/** A stand-in for Next's build output: one script and one stylesheet under .next/static. */
export async function fakeStaticDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "mirror-static-"));
  await mkdir(path.join(dir, "chunks"), { recursive: true });
  await writeFile(path.join(dir, TEST_ASSET), `console.log(${JSON.stringify("x".repeat(2000))});`);
  await writeFile(path.join(dir, "chunks/app.css"), `body{color:#111}${".a{margin:0}".repeat(200)}`);
  return dir;
}

export function temporaryMirrorDir(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), "mirror-out-"));
}
