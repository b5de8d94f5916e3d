// Playwright's webServer for single-app runs: builds when no build matches the sources (E2E_SKIP_BUILD=1 never
// builds), then starts the app as `npm start` does on a fresh embedded PostgreSQL, but with an empty page instead of
// the demo data (SEED_DEMO=0): every spec makes the rows it reads, so none can lean on the demo's. Its log
// goes to E2E_APP_LOG for the CSP check; stopping this process stops the app and deletes its data.
import { spawn } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { buildApp } from "./lib/build-app";
import { needsBuild } from "./lib/e2e-options";
import { projectRoot } from "./lib/project-root";
import { SPEC_ONLY_ENVIRONMENT } from "../e2e/support/single-app";

const { E2E_APP_PORT, E2E_APP_PG_PORT, E2E_APP_DATA_DIR, E2E_APP_LOG, E2E_BASE_URL, AUTH_SECRET } = process.env;
if (!E2E_APP_PORT || !E2E_APP_PG_PORT || !E2E_APP_DATA_DIR || !E2E_APP_LOG || !E2E_BASE_URL || !AUTH_SECRET) {
  console.error("scripts/e2e-server.ts is started by Playwright (playwright.config.ts), which sets its environment.");
  process.exit(1);
}

const baseEnv: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_OPTIONS: "" };
delete baseEnv.DATABASE_URL;
for (const name of Object.keys(SPEC_ONLY_ENVIRONMENT)) delete baseEnv[name];
if (needsBuild() && !buildApp(baseEnv)) process.exit(1);

mkdirSync(path.dirname(E2E_APP_LOG), { recursive: true });
const log = createWriteStream(E2E_APP_LOG);
const app = spawn(process.execPath, ["--import", "tsx", "scripts/run-app.ts", "start"], {
  cwd: projectRoot,
  env: {
    ...baseEnv,
    STATUSPAGE_DATA_DIR: E2E_APP_DATA_DIR,
    PORT: E2E_APP_PORT,
    HOST: "127.0.0.1",
    EMBEDDED_PG_PORT: E2E_APP_PG_PORT,
    PUBLIC_URL: E2E_BASE_URL,
    AUTH_SECRET,
    SEED_DEMO: "0",
    // The shared app stands for a page already in use: named, past first-run set-up (e2e/journeys walks that).
    PAGE_NAME: "E2E Status",
    // Specs running side by side ask for many addresses nobody asked for before (404 pages, dot segments, deleted
    // incidents); the flood guard's render budget would answer some of them 503. It is tested on its own in
    // tests/outage-day, so here it is opened wide.
    RENDER_BUDGET_SHARE: "1",
    STATUSPAGE_SCHEDULER_INTERVAL_MS: "1000",
    WEBHOOK_ALLOW_PRIVATE: "1",
  },
  stdio: ["ignore", "pipe", "pipe"],
});
for (const stream of [app.stdout, app.stderr]) {
  stream.on("data", (chunk: Buffer) => {
    log.write(chunk);
    if (process.env.E2E_SERVER_LOG === "1") process.stdout.write(chunk);
  });
}

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  if (app.exitCode === null && app.signalCode === null) {
    const exited = new Promise((resolve) => app.once("exit", resolve));
    app.kill("SIGTERM");
    const timer = setTimeout(() => app.kill("SIGKILL"), 15_000);
    await exited;
    clearTimeout(timer);
  }
  log.end();
  await rm(E2E_APP_DATA_DIR!, { recursive: true, force: true });
  process.exit(code);
}

app.on("exit", (code) => void stop(code ?? 1));
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void stop(0));
