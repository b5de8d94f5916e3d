// `npm run test:e2e`: builds the app when no build matches the sources, starts it with `npm start`'s own script on a fresh embedded
// PostgreSQL (seeded with the demo data), and runs Playwright in Chromium against it.
import { spawn, spawnSync } from "node:child_process";
import { rm } from "node:fs/promises";
import { temporaryDataDir } from "./lib/embedded-postgres.mjs";
import { findChromium, CHROMIUM_HELP } from "./lib/chromium.mjs";
import { projectRoot } from "./lib/database-url.mjs";
import { buildApp } from "./lib/build-app.mjs";
import { e2ePorts, needsBuild } from "./lib/e2e-options.mjs";

const playwrightArgs = process.argv.slice(2);

function run(command, args, env) {
  const result = spawnSync(command, args, { cwd: projectRoot, stdio: "inherit", env });
  return result.status ?? 1;
}

async function waitForHealth(url, server, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`The app exited with code ${server.exitCode} before it was ready.`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`The app did not become healthy at ${url} within ${timeoutMs / 1000} s.`);
}

async function main() {
  const chromium = findChromium();
  if (!chromium) {
    console.error(`\n✖ ${CHROMIUM_HELP}\n`);
    process.exit(1);
  }
  const baseEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  delete baseEnv.DATABASE_URL;
  if (needsBuild()) {
    if (!buildApp(baseEnv)) process.exit(1);
  }

  const { appPort, pgPort } = await e2ePorts();
  const dataDir = temporaryDataDir("statuspage-e2e");
  const baseUrl = `http://localhost:${appPort}`;
  const secret = "e2e-secret-e2e-secret-e2e-secret";
  const serverEnv = {
    ...baseEnv,
    STATUSPAGE_DATA_DIR: dataDir,
    PORT: String(appPort),
    HOST: "127.0.0.1",
    EMBEDDED_PG_PORT: String(pgPort),
    PUBLIC_URL: baseUrl,
    AUTH_SECRET: secret,
    STATUSPAGE_SCHEDULER_INTERVAL_MS: "1000",
    WEBHOOK_ALLOW_PRIVATE: "1",
  };
  const server = spawn(process.execPath, ["scripts/run-app.mjs", "start"], { cwd: projectRoot, env: serverEnv, stdio: ["ignore", "pipe", "pipe"] });
  const serverLog = [];
  const keep = (chunk) => {
    serverLog.push(String(chunk));
    if (process.env.E2E_SERVER_LOG === "1") process.stdout.write(chunk);
  };
  server.stdout.on("data", keep);
  server.stderr.on("data", keep);

  let status = 1;
  try {
    await waitForHealth(baseUrl, server);
    status = run("npx", ["playwright", "test", ...playwrightArgs], {
      ...baseEnv,
      E2E_BASE_URL: baseUrl,
      DATABASE_URL: `postgresql://postgres:postgres@127.0.0.1:${pgPort}/statuspage`,
      AUTH_SECRET: secret,
      CHROMIUM_PATH: chromium === "playwright" ? "" : chromium,
      STATUSPAGE_DISABLE_CACHE_BUS: "1",
      STATUSPAGE_DISABLE_SCHEDULER: "1",
      // The specs' own writes pay for starting Prisma in each cold worker process on a busy machine; the app's
      // deadlines are what the outage specs test, not the harness's.
      DATABASE_WRITE_START_TIMEOUT_MS: "60000",
      DATABASE_WRITE_TIMEOUT_MS: "30000",
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --conditions=react-server`.trim(),
    });
    // Every page carries a report-uri; the app logs what the browser reports, so one violation anywhere fails the run.
    const violations = serverLog.join("").split("\n").filter((line) => line.includes("CSP violation:"));
    if (violations.length > 0) {
      console.error(`\n✖ The browser reported ${violations.length} Content-Security-Policy violation(s):\n${violations.slice(0, 20).join("\n")}`);
      status = 1;
    }
  } catch (error) {
    console.error(`\n✖ ${error.message}\n${serverLog.join("").slice(-4000)}`);
  } finally {
    if (status !== 0 && process.env.E2E_SERVER_LOG !== "1") {
      console.error("\n--- last lines of the app's log ---\n" + serverLog.join("").split("\n").slice(-60).join("\n"));
    }
    server.kill("SIGTERM");
    await new Promise((resolve) => {
      const timer = setTimeout(() => { server.kill("SIGKILL"); resolve(); }, 15_000);
      server.once("exit", () => { clearTimeout(timer); resolve(); });
    });
    await rm(dataDir, { recursive: true, force: true });
  }
  process.exit(status);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
