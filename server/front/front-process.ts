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
import { readConfig } from "@/server/config";

const LIVE_STREAM_PATH = "/api/live/stream";

const config = readConfig();
const appSocket = config.STATUSPAGE_APP_SOCKET;
if (!appSocket) throw new Error("STATUSPAGE_APP_SOCKET is not set: fronts are started by server/process/primary.ts.");
const fronts = config.STATUSPAGE_FRONTS;

let dataVersion = config.STATUSPAGE_DATA_VERSION;
const upstream = createUpstream({ socketPath: appSocket });
const trustProxy = parseTrustProxy(config.TRUST_PROXY);
// The build's static files, listed once: the build does not change while this process runs.
const staticDir = path.join(process.cwd(), config.NEXT_DIST_DIR, "static");
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
  maxAgeMs: config.RESPONSE_CACHE_MAX_AGE_MS,
  maxBytes: config.RESPONSE_CACHE_MAX_MB * 2 ** 20,
  renderLimits: {
    maxConcurrent: config.RENDER_MAX_CONCURRENT,
    maxQueued: config.RENDER_MAX_QUEUED,
    queueTimeoutMs: config.RENDER_QUEUE_TIMEOUT_MS,
    // The operator's share is of the whole server's time, which the fronts' renders share.
    budgetShare: config.RENDER_BUDGET_SHARE / fronts,
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
  maxConnections: Math.ceil(config.LIVE_STREAM_MAX_CONNECTIONS / fronts),
  maxPerAddress: config.LIVE_STREAM_MAX_PER_ADDRESS,
  heartbeatMs: config.LIVE_STREAM_HEARTBEAT_MS,
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
server.listen(config.PORT, config.HOST);

process.on("disconnect", () => process.exit(0));
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    hub.close();
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 2_000).unref();
  });
}
