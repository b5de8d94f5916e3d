import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { NextRequest } from "next/server";
import { proxy } from "@/proxy";

type Params = Record<string, string | string[] | undefined>;
type Handler = (request: Request, context: { params: Promise<Params> }) => Promise<Response>;

const API_V1_DIR = fileURLToPath(new URL("../../../app/api/v1", import.meta.url));
export const METHODS = ["GET", "POST", "PATCH", "PUT", "DELETE"] as const;

/** Next's order among matching routes, segment by segment: static, `[x]`, `[...x]`, `[[...x]]`. */
const RANK = { static: 0, dynamic: 1, catchAll: 2, optionalCatchAll: 3 } as const;
type Kind = keyof typeof RANK;

function kindOf(segment: string): { kind: Kind; name: string } {
  const optional = /^\[\[\.\.\.(\w+)\]\]$/.exec(segment);
  if (optional) return { kind: "optionalCatchAll", name: optional[1] };
  const catchAll = /^\[\.\.\.(\w+)\]$/.exec(segment);
  if (catchAll) return { kind: "catchAll", name: catchAll[1] };
  const dynamic = /^\[(\w+)\]$/.exec(segment);
  if (dynamic) return { kind: "dynamic", name: dynamic[1] };
  return { kind: "static", name: segment };
}

function listRouteFolders(dir: string, folders: string[] = []): string[][] {
  const found: string[][] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) found.push(...listRouteFolders(path.join(dir, entry.name), [...folders, entry.name]));
    else if (entry.name === "route.ts") found.push(folders);
  }
  return found;
}

/** Every route handler under app/api/v1, as its folders say (`["pages", "[[...resourcePath]]"]`). */
export const API_V1_ROUTES: string[][] = listRouteFolders(API_V1_DIR);

function matchRoute(folders: string[], segments: string[]): { params: Params; ranks: number[] } | null {
  const params: Params = {};
  const ranks: number[] = [];
  for (let i = 0; i < folders.length; i++) {
    const { kind, name } = kindOf(folders[i]);
    ranks.push(RANK[kind]);
    const rest = segments.slice(i);
    if (kind === "optionalCatchAll" || kind === "catchAll") {
      if (kind === "catchAll" && rest.length === 0) return null;
      params[name] = rest.length ? rest : undefined;
      return { params, ranks };
    }
    if (rest.length === 0) return null;
    if (kind === "dynamic") params[name] = segments[i];
    else if (folders[i] !== segments[i]) return null;
  }
  return segments.length === folders.length ? { params, ranks } : null;
}

/** The route handler Next picks for a path under /api/v1, with its params. */
export function findApiV1Route(pathname: string): { folders: string[]; params: Params } | null {
  const segments = pathname
    .replace(/^\/api\/v1\/?/, "")
    .split("/")
    .filter(Boolean);
  const matches = API_V1_ROUTES.flatMap((folders) => {
    const match = matchRoute(folders, segments);
    return match ? [{ folders, ...match }] : [];
  });
  const byRank = (a: { ranks: number[] }, b: { ranks: number[] }) => {
    for (let i = 0; i < Math.max(a.ranks.length, b.ranks.length); i++) {
      const difference = (a.ranks[i] ?? -1) - (b.ranks[i] ?? -1);
      if (difference) return difference;
    }
    return 0;
  };
  const [best] = matches.sort(byRank);
  return best ? { folders: best.folders, params: best.params } : null;
}

/** The module of the route handler in these folders under app/api/v1. */
export async function loadApiV1Route(folders: string[]): Promise<Partial<Record<string, Handler>>> {
  return (await import(path.join(API_V1_DIR, ...folders, "route.ts"))) as Partial<Record<string, Handler>>;
}

/** Where the proxy sends a request: the rewritten URL, or its own answer when it answers itself. */
export function passProxy(url: string, method: string, headers: Headers): { url: string } | { response: Response } {
  const answer = proxy(new NextRequest(url, { method, headers }));
  const rewrite = answer.headers.get("x-middleware-rewrite");
  if (rewrite) return { url: rewrite };
  if (answer.headers.get("x-middleware-next")) return { url };
  return { response: answer };
}

/** Serves a request under /api/v1 the way `next start` does: the proxy first, then the route Next picks. */
export async function serveApiV1(request: Request): Promise<Response> {
  const passed = passProxy(request.url, request.method, request.headers);
  if ("response" in passed) return passed.response;
  const route = findApiV1Route(new URL(passed.url).pathname);
  if (!route) return new Response("Not found", { status: 404 });
  const routeModule = await loadApiV1Route(route.folders);
  const method = request.method.toUpperCase();
  const handler = (METHODS as readonly string[]).includes(method) ? routeModule[method] : undefined;
  if (!handler) return new Response(null, { status: 405 });
  const bytes = method === "GET" ? null : await request.arrayBuffer();
  const routed = new Request(passed.url, { method, headers: request.headers, body: bytes?.byteLength ? bytes : null });
  return handler(routed, { params: Promise.resolve(route.params) });
}
