// The static mirror's scenario of npm run bench: the worker publishes a mirror of a page with 100 components to a
// local folder, nginx serves it with docs/static-mirror.nginx.conf, and updates posted through the app's API are
// timed until the mirror has them. nginx serving the mirror is the physical limit the app is measured against.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { createMigratedDatabase } from "./lib/migrated-database";
import { waitForHealth } from "./lib/wait-for-health";
import { findFreePort } from "./lib/ports";
import { distDirectory } from "./lib/build-app";
import { runtimeEntry } from "./lib/compile-server";

const root = path.resolve(import.meta.dirname, "..");
const SECRET = "bench-mirror-secret-bench-mirror";
const UPDATES = Number(process.env.BENCH_MIRROR_UPDATES ?? 30);
const CONNECTIONS = 50;
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 4);
const HEADERS = { "accept-encoding": "gzip, deflate, br, zstd" };
const INCIDENT = "a00000000001";

type Load = { rps: number; p50: number; p99: number; errors: number };

async function createDatabase(serverUrl: string, token: string): Promise<string> {
  const name = `bench_mirror_${Date.now().toString(36)}`;
  const { url } = await createMigratedDatabase(serverUrl, name);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(await readFile(path.join(root, "scripts/bench-fill.sql"), "utf8"));
  await client.query(
    "insert into api_keys (id, name, prefix, hash, role) values ('benchmirror1', 'bench', $1, $2, 'responder')",
    [token.slice(0, 11), createHash("sha256").update(token).digest("hex")],
  );
  await client.end();
  return url;
}

function spawnLogged(args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", NODE_OPTIONS: "" },
    stdio: ["ignore", process.env.BENCH_MIRROR_VERBOSE ? "inherit" : "ignore", "pipe"],
  });
  child.stderr?.on("data", (chunk) => process.stderr.write(chunk));
  return child;
}

async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  timeoutMs: number,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

async function startNginx(mirrorDir: string): Promise<{ base: string; stop: () => void }> {
  const port = await findFreePort();
  const prefix = await mkdtemp(path.join(os.tmpdir(), "bench-nginx-"));
  const server = (await readFile(path.join(root, "docs/static-mirror.nginx.conf"), "utf8"))
    .replace(/listen 80;/, `listen 127.0.0.1:${port};`)
    .replace(/root \/var\/www\/status-mirror;/, `root ${mirrorDir};`);
  const config = `daemon off; worker_processes 1; pid ${prefix}/nginx.pid; error_log ${prefix}/error.log;
events { worker_connections 4096; }
http {
  include /etc/nginx/mime.types; default_type application/octet-stream; access_log off; sendfile on; tcp_nopush on;
  client_body_temp_path ${prefix}/body; proxy_temp_path ${prefix}/proxy; fastcgi_temp_path ${prefix}/fastcgi; uwsgi_temp_path ${prefix}/uwsgi; scgi_temp_path ${prefix}/scgi;
  ${server}
}`;
  await writeFile(path.join(prefix, "nginx.conf"), config);
  const child = spawn(
    "nginx",
    ["-p", prefix, "-c", path.join(prefix, "nginx.conf"), "-e", path.join(prefix, "error.log")],
    { stdio: "inherit" },
  );
  const base = `http://127.0.0.1:${port}`;
  await waitFor("nginx start", async () => (await fetch(`${base}/live.json`)).ok, 10_000);
  return {
    base,
    stop: () => {
      child.kill("SIGQUIT");
      void rm(prefix, { recursive: true, force: true });
    },
  };
}

async function measure(url: string): Promise<Load> {
  if (spawnSync("wrk", ["--version"]).error === undefined && process.env.BENCH_LOAD_GENERATOR !== "autocannon") {
    const headers = Object.entries(HEADERS).flatMap(([name, value]) => ["-H", `${name}: ${value}`]);
    const result = spawnSync(
      "wrk",
      [
        "-t1",
        `-c${CONNECTIONS}`,
        `-d${DURATION_S}s`,
        "--timeout",
        "5s",
        "-s",
        path.join(root, "scripts/bench-wrk-report.lua"),
        ...headers,
        url,
      ],
      { encoding: "utf8" },
    );
    const report = JSON.parse(result.stdout.trim().split("\n").pop() ?? "{}") as {
      requests: number;
      durationUs: number;
      errors: number;
      p50Us: number;
      p99Us: number;
    };
    return {
      rps: Math.round(report.requests / (report.durationUs / 1e6)),
      p50: Math.round(report.p50Us / 100) / 10,
      p99: Math.round(report.p99Us / 100) / 10,
      errors: report.errors,
    };
  }
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, headers: HEADERS });
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Runs the scenario on a new database of the given PostgreSQL server, prints its section of the report and returns its targets. */
export async function benchMirror(serverUrl: string): Promise<{ checks: [string, boolean][]; errors: number }> {
  const token = `sp_${randomBytes(32).toString("base64url")}`;
  const databaseUrl = await createDatabase(serverUrl, token);
  const mirrorDir = await mkdtemp(path.join(os.tmpdir(), "bench-mirror-"));
  await chmod(mirrorDir, 0o755);
  const port = await findFreePort();
  const app = `http://127.0.0.1:${port}`;
  // The bench's freshness scenario turns the cache bus off in this process; the worker needs it to hear the app's writes.
  // Any BENCH_MIRROR_UPDATES may be posted with one key, so the per-key API rate limit is off here.
  const env = {
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: SECRET,
    PUBLIC_URL: app,
    STATIC_MIRROR_DIR: mirrorDir,
    STATUSPAGE_DISABLE_CACHE_BUS: "",
    MANAGEMENT_API_RATE_LIMIT: "0",
  };
  // The web instance leaves the mirror to the worker, as a large install runs them.
  const web = spawnLogged([runtimeEntry(root, distDirectory(), "primary")], {
    ...env,
    PORT: String(port),
    HOST: "127.0.0.1",
    STATUSPAGE_DISABLE_WORKER: "1",
  });
  const worker = spawnLogged(["--conditions=react-server", runtimeEntry(root, distDirectory(), "worker-process")], env);
  let nginx: { base: string; stop: () => void } | null = null;
  try {
    const started = Date.now();
    await waitFor(
      "the first full publish",
      () => readFile(path.join(mirrorDir, ".statuspage-mirror/manifest.json"), "utf8").then(() => true),
      300_000,
      250,
    );
    const firstPublishS = (Date.now() - started) / 1000;
    await waitForHealth(app, { timeoutMs: 60_000 });
    nginx = await startNginx(mirrorDir);

    const delays: number[] = [];
    const viaNginx: number[] = [];
    const page = path.join(mirrorDir, `incidents/${INCIDENT}/index.html`);
    for (let n = 0; n < UPDATES; n++) {
      const marker = `mirror-${n}-${randomBytes(4).toString("hex")}`;
      const response = await fetch(`${app}/api/v1/incidents/${INCIDENT}/updates`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ status: "identified", body: `Still on it (${marker}).`, deliver_notifications: false }),
      });
      if (response.status !== 201)
        throw new Error(`posting an update answered ${response.status}: ${await response.text()}`);
      const committed = performance.now();
      await Promise.all([
        waitFor("the mirrored page", async () => (await readFile(page, "utf8")).includes(marker), 30_000, 2).then(() =>
          delays.push(performance.now() - committed),
        ),
        waitFor(
          "nginx serving it",
          async () => (await (await fetch(`${nginx!.base}/incidents/${INCIDENT}`)).text()).includes(marker),
          30_000,
          2,
        ).then(() => viaNginx.push(performance.now() - committed)),
      ]);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }

    const home = await measure(`${nginx.base}/`);
    const appHome = await measure(`${app}/`);
    const summary = await measure(`${nginx.base}/api/v2/summary.json`);
    const pad = (value: string | number, width: number) => String(value).padStart(width);
    console.log(
      `\nStatic mirror (100 components; published by the worker to a folder, served by nginx ${spawnSync("nginx", ["-v"], { encoding: "utf8" }).stderr.trim().split("/")[1] ?? ""} with gzip_static):`,
    );
    console.log(`  first full publish ${firstPublishS.toFixed(1)} s after the worker started`);
    console.log(
      `  republished after ${UPDATES} updates posted through the API (201 → file replaced): p50 ${Math.round(percentile(delays, 50))} ms, p99 ${Math.round(percentile(delays, 99))} ms, max ${Math.round(Math.max(...delays))} ms`,
    );
    console.log(
      `  … and served by nginx: p50 ${Math.round(percentile(viaNginx, 50))} ms, p99 ${Math.round(percentile(viaNginx, 99))} ms`,
    );
    console.log(`  ${"route".padEnd(34)}${pad("req/s", 9)}${pad("p50 ms", 9)}${pad("p99 ms", 9)}${pad("errors", 8)}`);
    for (const [route, row] of [
      ["/ (nginx, mirror)", home],
      ["/ (app)", appHome],
      ["/api/v2/summary.json (nginx)", summary],
    ] as const) {
      console.log(`  ${route.padEnd(34)}${pad(row.rps, 9)}${pad(row.p50, 9)}${pad(row.p99, 9)}${pad(row.errors, 8)}`);
    }
    console.log(`  app / nginx on the home page: ${(appHome.rps / home.rps).toFixed(2)}`);
    return {
      checks: [["mirror republished p99 ≤ 1 s", percentile(delays, 99) <= 1_000]],
      errors: home.errors + appHome.errors + summary.errors,
    };
  } finally {
    nginx?.stop();
    const exited = (child: ChildProcess) =>
      new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once("exit", resolve)));
    worker.kill("SIGTERM");
    web.kill("SIGTERM");
    await Promise.race([
      Promise.all([exited(worker), exited(web)]),
      new Promise((resolve) => setTimeout(resolve, 10_000)),
    ]);
    for (const child of [worker, web]) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await rm(mirrorDir, { recursive: true, force: true });
  }
}

// Run on its own against a PostgreSQL server: BENCH_MIRROR_SERVER_URL=postgresql://postgres@127.0.0.1:5432/postgres
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const serverUrl = process.env.BENCH_MIRROR_SERVER_URL;
  if (!serverUrl)
    throw new Error(
      "Set BENCH_MIRROR_SERVER_URL to a PostgreSQL server URL (npm run bench runs this scenario with its own).",
    );
  benchMirror(serverUrl).then(
    ({ checks, errors }) => {
      console.log(
        checks.map(([name, met]) => `${met ? "✓" : "✗"} ${name}`).join("; "),
        errors ? `; ${errors} request(s) failed` : "",
      );
      process.exit(errors > 0 || checks.some(([, met]) => !met) ? 1 : 0);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
