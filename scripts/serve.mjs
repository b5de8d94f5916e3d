// The production server: Next's request handler behind the whole-response cache for public routes.
import http from "node:http";
import next from "next";
import { createResponseCache } from "./lib/response-cache.mjs";
import { projectRoot } from "./lib/database-url.mjs";
import { parseTrustProxy } from "./lib/client-address.mjs";
import { stampClientAddress } from "./lib/forwarding-headers.mjs";

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? "0.0.0.0";

// server/cache/tagged-cache.ts bumps this on every invalidation, including those from other instances.
const dataVersion = () => globalThis.__statuspageDataVersion ?? 0;

const app = next({ dev: false, dir: projectRoot, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const cache = createResponseCache({
  dataVersion,
  maxAgeMs: Number(process.env.RESPONSE_CACHE_MAX_AGE_MS ?? 60_000),
  maxBytes: Number(process.env.RESPONSE_CACHE_MAX_MB ?? 64) * 2 ** 20,
  renderLimits: {
    maxConcurrent: Number(process.env.RENDER_MAX_CONCURRENT ?? 2),
    maxQueued: Number(process.env.RENDER_MAX_QUEUED ?? 32),
    budgetShare: Number(process.env.RENDER_BUDGET_SHARE ?? 0.2),
  },
});

const trustProxy = parseTrustProxy(process.env.TRUST_PROXY);

// server/live/app-live-stream.ts puts the live stream here when the app starts; it answers before Next.
const liveStream = () => globalThis.__statuspageLiveStream;
const LIVE_STREAM_PATH = "/api/live/stream";

const server = http.createServer((req, res) => {
  stampClientAddress(req, trustProxy);
  const stream = liveStream();
  if (stream && (req.url === LIVE_STREAM_PATH || req.url?.startsWith(`${LIVE_STREAM_PATH}?`))) {
    stream.handle(req, res).catch((error) => {
      console.error(error);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
    return;
  }
  cache.serve(req, res, handle).catch((error) => {
    console.error(error);
    if (!res.headersSent) res.writeHead(500);
    res.end();
  });
});
server.keepAliveTimeout = 65_000;
server.listen(port, hostname, () => {
  console.log(`✓ Ready on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`);
});

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
  });
}
