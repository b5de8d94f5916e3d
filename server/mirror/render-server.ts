// A private Next request handler on a loopback port, so a process without a web server (npm run worker,
// npm run mirror) renders the mirror's pages with the app's own code, whatever the web instances are doing.
import http from "node:http";
import type { AddressInfo } from "node:net";
import next from "next";
import { readConfig, setEnvironment } from "@/server/config";
import { existsSync } from "node:fs";
import path from "node:path";

export type RenderServer = { baseUrl: string; close(): Promise<void> };

export async function startRenderServer(): Promise<RenderServer> {
  if (!existsSync(path.join(process.cwd(), readConfig().NEXT_DIST_DIR, "BUILD_ID")))
    throw new Error(
      "The static mirror renders pages with the production build, and there is none: run `npm run build` first.",
    );
  // This Next instance only renders: its instrumentation must not start a second delivery worker, mirror publisher or scheduler.
  setEnvironment({ STATUSPAGE_DISABLE_WORKER: "1", STATUSPAGE_DISABLE_SCHEDULER: "1" });
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const app = next({ dev: false, dir: process.cwd(), hostname: "127.0.0.1", port });
  const handle = app.getRequestHandler();
  await app.prepare();
  server.on("request", (req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error(error);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
