// The app process: Next renders every page and answers the console and the API, on a Unix socket that only the
// server's front processes (server/front/front-process.ts) connect to. They stamp the client's address on each
// request (CLIENT_ADDRESS_HEADER) and keep the whole-response cache; instrumentation.ts tells them when data changes.
import http from "node:http";
import { chmod, rm } from "node:fs/promises";
import next from "next";
import { readConfig } from "@/server/config";

const config = readConfig();
const socketPath = config.STATUSPAGE_APP_SOCKET;
if (!socketPath)
  throw new Error("STATUSPAGE_APP_SOCKET is not set: the app process is started by server/process/primary.ts.");

const app = next({ dev: false, dir: process.cwd(), hostname: config.HOST, port: config.PORT });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((req, res) => {
  Promise.resolve(handle(req, res)).catch((error: unknown) => {
    console.error(error);
    if (!res.headersSent) res.writeHead(500);
    res.end();
  });
});
server.keepAliveTimeout = 65_000;
await rm(socketPath, { force: true });
server.listen(socketPath, () => {
  // Only this user's processes (the fronts) may connect: they alone set the client-address header the app trusts.
  void chmod(socketPath, 0o600).then(() => process.send?.({ type: "statuspage:app-ready" }));
});

process.on("disconnect", () => process.exit(0));
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
  });
}
