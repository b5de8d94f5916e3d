// A front process: answers public pages from its whole-response cache (response-cache.ts) and the live stream from
// its own hub (server/live/live-stream-hub.ts), and passes everything else to the app process (upstream.ts).
// server/process/primary.ts starts one per core; none of them renders, so a render never stalls their readers.
import { existsSync, readdirSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { isDataVersionMessage } from "@/lib/data-version-message";
import { createLiveStreamHub } from "@/server/live/live-stream-hub";
import { CLIENT_ADDRESS_HEADER, parseTrustProxy } from "./resolve-client-address";
import { stampClientAddress } from "./stamp-client-address";
import { createResponseCache } from "./response-cache";
import { createUpstream } from "./upstream";
import { prepareRequestTarget } from "./request-target";
import { liveVersionOf } from "./live-version-body";
import { positiveInteger } from "@/server/process/positive-integer";

const LIVE_STREAM_PATH = "/api/live/stream";

const appSocket = process.env.STATUSPAGE_APP_SOCKET;
if (!appSocket) throw new Error("STATUSPAGE_APP_SOCKET is not set: fronts are started by server/process/primary.ts.");
const fronts = positiveInteger(process.env.STATUSPAGE_FRONTS, 1);

let dataVersion = Number(process.env.STATUSPAGE_DATA_VERSION ?? 0);
const upstream = createUpstream({ socketPath: appSocket });
const trustProxy = parseTrustProxy(process.env.TRUST_PROXY);
// The build's static files, listed once: the build does not change while this process runs.
const staticDir = path.join(process.cwd(), process.env.NEXT_DIST_DIR || ".next", "static");
const buildFiles = new Set(
  existsSync(staticDir)
    ? readdirSync(staticDir, { recursive: true, encoding: "utf8" }).map(
        (file) => `/_next/static/${file.split(path.sep).join("/")}`,
      )
    : [],
);

const cache = createResponseCache({
  isBuildFile: (file) => buildFiles.has(file),
  dataVersion: () => dataVersion,
  upstream,
  maxAgeMs: positiveInteger(process.env.RESPONSE_CACHE_MAX_AGE_MS, 60_000),
  maxBytes: positiveInteger(process.env.RESPONSE_CACHE_MAX_MB, 64) * 2 ** 20,
  renderLimits: {
    maxConcurrent: positiveInteger(process.env.RENDER_MAX_CONCURRENT, 2),
    maxQueued: positiveInteger(process.env.RENDER_MAX_QUEUED, 128),
    // The operator's share is of the whole server's time, which the fronts' renders share.
    budgetShare: Number(process.env.RENDER_BUDGET_SHARE ?? 0.05) / fronts,
    burstMs: 1_000 / fronts,
  },
  beforeUpstream: (req) => stampClientAddress(req, trustProxy),
});

// Each front holds its share of the streams; the limits an operator sets are for the whole server.
const hub = createLiveStreamHub({
  computeVersion: async (key) => {
    const body = await cache.fetchBody(key ? `/api/live?incident=${encodeURIComponent(key)}` : "/api/live");
    return liveVersionOf(body, key);
  },
  clientAddress: (req) => String(req.headers[CLIENT_ADDRESS_HEADER] ?? "unknown"),
  maxConnections: Math.ceil(positiveInteger(process.env.LIVE_STREAM_MAX_CONNECTIONS, 20_000) / fronts),
  maxPerAddress: positiveInteger(process.env.LIVE_STREAM_MAX_PER_ADDRESS, 100),
  heartbeatMs: positiveInteger(process.env.LIVE_STREAM_HEARTBEAT_MS, 20_000),
});

process.on("message", (message) => {
  if (!isDataVersionMessage(message) || message.version <= dataVersion) return;
  dataVersion = message.version;
  void hub.notifyChange();
});

function fail(res: http.ServerResponse, error: unknown) {
  console.error(error);
  if (!res.headersSent) res.writeHead(500);
  res.end();
}

const server = http.createServer((req, res) => {
  if (!prepareRequestTarget(req, res)) return;
  const url = req.url ?? "/";
  if (url === LIVE_STREAM_PATH || url.startsWith(`${LIVE_STREAM_PATH}?`)) {
    stampClientAddress(req, trustProxy);
    hub.handle(req, res).catch((error: unknown) => fail(res, error));
    return;
  }
  cache.serve(req, res).catch((error: unknown) => fail(res, error));
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? "0.0.0.0");

process.on("disconnect", () => process.exit(0));
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    hub.close();
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 2_000).unref();
  });
}
