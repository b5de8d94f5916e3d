import http from "node:http";
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { afterEach } from "vitest";
import { createResponseCache, type ResponseCacheOptions } from "@/server/front/response-cache";
import { createUpstream } from "@/server/front/upstream";
import { prepareRequestTarget } from "@/server/front/request-target";

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void | Promise<void>;

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

async function listen(server: http.Server): Promise<number> {
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return (server.address() as AddressInfo).port;
}

/** The content type Next gives each kind of address; a handler may set another. */
export function contentTypeOf(req: http.IncomingMessage): string {
  const url = req.url ?? "/";
  if (req.headers.rsc) return "text/x-component";
  if (url.startsWith("/_next/static/")) return "application/javascript; charset=utf-8";
  if (url.startsWith("/api/")) return "application/json; charset=utf-8";
  if (/\.svg(\?|$)/.test(url)) return "image/svg+xml";
  if (/\.rss(\?|$)/.test(url)) return "application/rss+xml; charset=utf-8";
  return "text/html; charset=utf-8";
}

/**
 * An app server running `handler` and a front server with the response cache in front of it, as server/process/primary.ts
 * runs them (over TCP here rather than a Unix socket). `seen` lists the addresses the app was asked for.
 */
export async function startFrontAndApp(
  handler: Handler,
  options: Partial<Omit<ResponseCacheOptions, "upstream">> = {},
) {
  const seen: string[] = [];
  const app = http.createServer((req, res) => {
    seen.push(req.url ?? "");
    res.setHeader("content-type", contentTypeOf(req));
    void handler(req, res);
  });
  const upstream = createUpstream({ host: "127.0.0.1", port: await listen(app) });
  const cache = createResponseCache({ dataVersion: () => 1, upgradeAfterMs: 0, ...options, upstream });
  const front = http.createServer((req, res) => {
    if (prepareRequestTarget(req, res)) void cache.serve(req, res);
  });
  const port = await listen(front);
  cleanups.push(() => {
    front.closeAllConnections();
    front.close();
    upstream.close();
    app.closeAllConnections();
    app.close();
  });
  const stopApp = () => {
    app.closeAllConnections();
    app.close();
  };
  return { base: `http://127.0.0.1:${port}`, seen, calls: () => seen.length, cache, stopApp };
}
