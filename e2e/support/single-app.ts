// The app every spec shares (own-stack specs start their own): its address, database and secret. Computed once in
// Playwright's runner and handed to its workers through the environment, so every process agrees on the ports.
import { spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { pinnedPort } from "../../scripts/lib/e2e-options";

export const E2E_SECRET = "e2e-secret-e2e-secret-e2e-secret";

/** For the specs' own processes (which call services directly), never for the app the webServer starts. */
export const SPEC_ONLY_ENVIRONMENT: Record<string, string> = {
  STATUSPAGE_DISABLE_CACHE_BUS: "1",
  STATUSPAGE_DISABLE_SCHEDULER: "1",
  // The specs' own writes pay for starting Prisma in each cold worker process on a busy machine; the app's
  // deadlines are what the outage specs test, not the harness's.
  DATABASE_WRITE_START_TIMEOUT_MS: "60000",
  DATABASE_WRITE_TIMEOUT_MS: "30000",
};

function freePorts(count: number): number[] {
  const script = `const net = require("node:net");
Promise.all(Array.from({ length: ${count} }, () => new Promise((resolve) => {
  const server = net.createServer();
  server.listen(0, "127.0.0.1", () => { const { port } = server.address(); server.close(() => resolve(port)); });
}))).then((ports) => process.stdout.write(ports.join(",")));`;
  const result = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`Could not find free ports: ${result.stderr}`);
  return result.stdout.split(",").map(Number);
}

/**
 * Fills in the environment of a single-app run unless a harness already did (E2E_BASE_URL set): the app's and
 * PostgreSQL's ports (E2E_PORT / E2E_PG_PORT pin them), its data folder and log, and what specs need to reach it.
 */
export function prepareSingleAppEnvironment(env: NodeJS.ProcessEnv = process.env): { external: boolean } {
  if (env.E2E_BASE_URL) return { external: env.E2E_APP_DATA_DIR === undefined };
  const [freeApp, freePg] = freePorts(2);
  const appPort = pinnedPort(env, "E2E_PORT") ?? freeApp;
  const pgPort = pinnedPort(env, "E2E_PG_PORT") ?? freePg;
  const dataDir = path.join(os.tmpdir(), `statuspage-e2e-${process.pid}-${Date.now().toString(36)}`);
  Object.assign(env, {
    E2E_BASE_URL: `http://localhost:${appPort}`,
    E2E_APP_PORT: String(appPort),
    E2E_APP_PG_PORT: String(pgPort),
    E2E_APP_DATA_DIR: dataDir,
    E2E_APP_LOG: path.join(dataDir, "app.log"),
    DATABASE_URL: `postgresql://postgres:postgres@127.0.0.1:${pgPort}/statuspage`,
    AUTH_SECRET: E2E_SECRET,
    NEXT_TELEMETRY_DISABLED: "1",
    ...SPEC_ONLY_ENVIRONMENT,
  });
  return { external: false };
}

const REACT_SERVER = "--conditions=react-server";

/**
 * Specs call the app's services, which resolve `server-only` and React as the server does (the react-server
 * condition). A Node flag cannot be added to a running process, so a runner started without it runs Playwright
 * again with it and exits with that run's code; workers inherit the flag.
 */
export function ensureReactServerCondition(): void {
  if (process.execArgv.includes(REACT_SERVER) || process.env.NODE_OPTIONS?.includes(REACT_SERVER)) return;
  const result = spawnSync(process.execPath, process.argv.slice(1), {
    stdio: "inherit",
    env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} ${REACT_SERVER}`.trim() },
  });
  process.exit(result.status ?? 1);
}
