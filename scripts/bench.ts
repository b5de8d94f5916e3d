// npm run bench: measures the public routes under load against a large history, the freshness of
// updates, and the server's peak memory. Builds only when no build exists.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { createMigratedDatabase } from "./lib/migrated-database";
import { waitForHealth } from "./lib/wait-for-health";
import { signalDatabase, startEmbeddedPostgres, temporaryDataDir } from "./lib/embedded-postgres";
import { findFreePort } from "./lib/ports";
import { buildApp, distDirectory, hasBuild } from "./lib/build-app";
import { runtimeEntry } from "./lib/compile-server";
import { openStreamClients, residentMemoryMb } from "./bench-live-stream";
import { benchMirror } from "./bench-mirror";
import { benchMetrics, type MetricsBenchDeps } from "./bench-metrics";
import {
  captureRoutes,
  ensureNginx,
  measurePageWeight,
  peakMemoryByProcess,
  processTree,
  startBareNodeBaseline,
  startNginxBaseline,
  type Baseline,
} from "./bench-baselines";

const root = path.resolve(import.meta.dirname, "..");
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 4);
// Routes are measured in turns, the static file among them, and each keeps its best turn: a 2-core machine's
// background noise then lowers no route's figure more than another's.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = 50;
const FRESHNESS_UPDATES = 50;
const SECRET = "bench-secret-bench-secret-bench";
// What Chromium sends, so pages are measured as browsers receive them: Brotli when the cache has it.
const BROWSER_HEADERS = { "accept-encoding": "gzip, deflate, br, zstd" };

type Row = { route: string; rps: number; p50: number; p99: number; errors: number };

function ensureBuild() {
  if (hasBuild()) return;
  console.log("No build found: running next build once…");
  if (!buildApp()) process.exit(1);
}

async function createDatabase(serverUrl: string, name: string, fillHistory: boolean) {
  const { url } = await createMigratedDatabase(serverUrl, name);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(readFileSync(path.join(root, "scripts/bench-fill.sql"), "utf8"));
  if (fillHistory) await client.query(readFileSync(path.join(root, "scripts/bench-fill-history.sql"), "utf8"));
  await client.end();
  return url;
}

const FRONTS = Number(process.env.WEB_CONCURRENCY ?? os.availableParallelism());

async function startServer(databaseUrl: string, extraEnv: Record<string, string> = {}) {
  const port = await findFreePort();
  const child = spawn(process.execPath, [runtimeEntry(root, distDirectory(), "primary")], {
    cwd: root,
    env: {
      ...process.env,
      ...extraEnv,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: SECRET,
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_OPTIONS: "",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stderr?.on("data", (chunk) => process.stderr.write(chunk));
  const base = `http://127.0.0.1:${port}`;
  await waitForHealth(base, { server: child, timeoutMs: 60_000 });
  return { child, base };
}

/** The largest peak memory of any one of the server's processes (primary, app, fronts). */
function peakMemoryMb(child: ChildProcess): number {
  return Math.max(...peakMemoryByProcess(child.pid!).map((process) => process.mb));
}

function residentTreeMb(pid: number): number {
  return processTree(pid).reduce((sum, each) => sum + (residentMemoryMb(each) || 0), 0);
}

// wrk, in C, when installed: autocannon runs in Node and, on 2 cores, becomes the bottleneck for bodies of a few KB.
const WRK_AVAILABLE =
  process.env.BENCH_LOAD_GENERATOR !== "autocannon" && spawnSync("wrk", ["--version"]).error === undefined;

type WrkResult = { requests: number; durationUs: number; errors: number; p50Us: number; p99Us: number; shed?: number };

function runWrk(
  url: string,
  connections: number,
  duration: number,
  script = "scripts/bench-wrk-report.lua",
): Promise<WrkResult> {
  const headers = Object.entries(BROWSER_HEADERS).flatMap(([name, value]) => ["-H", `${name}: ${value}`]);
  const args = [
    "-t2",
    `-c${connections}`,
    `-d${duration}s`,
    "--timeout",
    "5s",
    "-s",
    path.join(root, script),
    ...headers,
    url,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn("wrk", args, { stdio: ["ignore", "pipe", "inherit"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      const line = output.trim().split("\n").pop() ?? "";
      if (code !== 0 || !line.startsWith("{")) return reject(new Error(`wrk failed (${code}): ${output}`));
      resolve(JSON.parse(line));
    });
  });
}

async function warm(url: string) {
  if (WRK_AVAILABLE) await runWrk(url, 10, 1);
  else await autocannon({ url, connections: 10, duration: 1, headers: BROWSER_HEADERS });
}

async function load(url: string): Promise<Row> {
  const route = new URL(url).pathname;
  if (WRK_AVAILABLE) return toRow(route, await runWrk(url, CONNECTIONS, DURATION_S));
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, headers: BROWSER_HEADERS });
  return {
    route,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

type Target = { route: string; url: string };

/** Each target's best throughput over the rounds, with its worst p99 and every error of every round. */
async function measureInTurns(targets: Target[]): Promise<Row[]> {
  const turns = targets.map(() => [] as Row[]);
  for (const target of targets) await warm(target.url);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [index, target] of targets.entries())
      turns[index].push({ ...(await load(target.url)), route: target.route });
  }
  return turns.map((rows) => {
    const best = rows.reduce((a, b) => (b.rps > a.rps ? b : a));
    return {
      ...best,
      p99: Math.max(...rows.map((row) => row.p99)),
      errors: rows.reduce((sum, row) => sum + row.errors, 0),
    };
  });
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function measureFreshness(base: string, databaseUrl: string) {
  process.env.DATABASE_URL = databaseUrl;
  process.env.AUTH_SECRET = SECRET;
  process.env.STATUSPAGE_DISABLE_CACHE_BUS = "1";
  // The bench's own writes are the load, not the subject: the servers keep their default write deadlines.
  process.env.DATABASE_WRITE_START_TIMEOUT_MS = "60000";
  process.env.DATABASE_WRITE_TIMEOUT_MS = "30000";
  const { postIncidentUpdate } = await import("@/server/services/incidents/post-incident-update");
  const { SYSTEM_ACTOR } = await import("@/server/services/context");
  const routes = ["/", "/api/v2/summary.json", "/history.rss"];
  const delays: Record<string, number[]> = Object.fromEntries(routes.map((r) => [r, []]));
  // The readers' load comes from a process of its own, so it does not delay this one's polling for the update.
  const background = spawn(
    process.execPath,
    [
      path.join(root, "node_modules/autocannon/autocannon.js"),
      ...Object.entries(BROWSER_HEADERS).flatMap(([name, value]) => ["-H", `${name}=${value}`]),
      "-c20",
      "-d600",
      `${base}/`,
    ],
    { stdio: "ignore" },
  );
  try {
    // One update first, not counted: this process's first write also loads the services and opens its connections.
    for (let n = -1; n < FRESHNESS_UPDATES; n++) {
      const marker = `fresh-${n}-${Math.random().toString(36).slice(2, 8)}`;
      const started = performance.now();
      await postIncidentUpdate({
        ctx: { actor: SYSTEM_ACTOR },
        input: {
          incidentId: "a00000000001",
          status: "investigating",
          body: `Still investigating (${marker}).`,
          components: [],
          deliverNotifications: false,
        },
      });
      await Promise.all(
        routes.map(async (route) => {
          for (;;) {
            const body = await (await fetch(base + route)).text();
            if (body.includes(marker)) break;
            if (performance.now() - started > 10_000) throw new Error(`${route} did not show update ${n} within 10 s`);
            await new Promise((resolve) => setTimeout(resolve, 5));
          }
          if (n >= 0) delays[route].push(performance.now() - started);
        }),
      );
    }
  } finally {
    background.kill();
  }
  return routes.map((route) => ({
    route,
    p50: Math.round(percentile(delays[route], 50)),
    p99: Math.round(percentile(delays[route], 99)),
  }));
}

function toRow(route: string, result: WrkResult): Row {
  return {
    route,
    rps: Math.round(result.requests / (result.durationUs / 1e6)),
    p50: Math.round(result.p50Us / 100) / 10,
    p99: Math.round(result.p99Us / 100) / 10,
    errors: result.errors,
  };
}

const STREAM_CLIENTS = Number(process.env.BENCH_STREAMS ?? 10_000);
// Streams following incidents that do not exist, each id made up: they once made the hub recompute a key per id
// before sending anyone the change.
const JUNK_STREAM_CLIENTS = Number(process.env.BENCH_JUNK_STREAMS ?? 1_000);
const FANOUT_WRITES = 10;

/**
 * 10,000 open tabs on one instance, beside 1,000 streams for made-up incident ids: fan-out delay from a write to the
 * last real stream, memory per stream, page load meanwhile.
 */
async function measureLiveStreams(server: { child: ChildProcess; base: string }) {
  const { postIncidentUpdate } = await import("@/server/services/incidents/post-incident-update");
  const { SYSTEM_ACTOR } = await import("@/server/services/context");
  const port = Number(new URL(server.base).port);
  const rssBefore = residentTreeMb(server.child.pid!);
  const clients = await openStreamClients(port, STREAM_CLIENTS);
  const rssAfter = residentTreeMb(server.child.pid!);
  const junk = await openStreamClients(
    port,
    JUNK_STREAM_CLIENTS,
    (index) => `/api/live/stream?incident=R${index}x${Date.now().toString(36)}`,
    // Opened, not waited on: junk is what the server may answer last.
    { firstAddress: STREAM_CLIENTS, openOnly: true },
  );
  const delays: number[] = [];
  const lasts: number[] = [];
  try {
    // One write first, not counted: the bench's own client runs its event handler for ten thousand sockets for the
    // first time (compiling it, collecting what opening them left), which costs it, not the server, half a second.
    for (let n = -1; n < FANOUT_WRITES; n++) {
      const since = performance.now();
      await postIncidentUpdate({
        ctx: { actor: SYSTEM_ACTOR },
        input: {
          incidentId: "a00000000001",
          status: "investigating",
          body: `Fan-out check ${n}.`,
          components: [],
          deliverNotifications: false,
        },
      });
      const received = await clients.waitForNewVersion(since, 10_000);
      if (n < 0) continue;
      delays.push(...received);
      lasts.push(Math.max(...received));
    }
    const withStreams = WRK_AVAILABLE
      ? toRow("/ with streams open", await runWrk(`${server.base}/`, CONNECTIONS, DURATION_S))
      : null;
    return {
      clients: clients.count,
      junkClients: junk.count,
      p50: Math.round(percentile(delays, 50)),
      p99: Math.round(percentile(delays, 99)),
      lastP99: Math.round(percentile(lasts, 99)),
      kbPerStream: ((rssAfter - rssBefore) * 1024) / clients.count,
      withStreams,
      peakMb: peakMemoryMb(server.child),
    };
  } finally {
    clients.close();
    junk.close();
  }
}

/** Normal readers on `/` and the JSON API, alone and then beside a flood of junk queries, Authorization headers and missing pages. */
async function measureFlood(base: string) {
  const normal = async () => {
    const [home, summary] = await Promise.all([
      runWrk(`${base}/`, CONNECTIONS / 2, DURATION_S),
      runWrk(`${base}/api/v2/summary.json`, CONNECTIONS / 2, DURATION_S),
    ]);
    return { home: toRow("/", home), summary: toRow("/api/v2/summary.json", summary) };
  };
  const alone: Awaited<ReturnType<typeof normal>>[] = [];
  const flooded: (Awaited<ReturnType<typeof normal>> & { flood: WrkResult })[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    alone.push(await normal());
    const flood = runWrk(`${base}/`, 10, DURATION_S + 1, "scripts/bench-flood.lua");
    flooded.push({ ...(await normal()), flood: await flood });
  }
  const best = <T extends { home: Row; summary: Row }>(rows: T[], pick: (row: T) => Row) =>
    rows.map(pick).reduce((a, b) => (b.rps > a.rps ? b : a));
  const worstP99 = <T extends { home: Row; summary: Row }>(rows: T[], pick: (row: T) => Row) =>
    Math.max(...rows.map((row) => pick(row).p99));
  const floodTotal = flooded.reduce((sum, row) => sum + row.flood.requests, 0);
  const floodShed = flooded.reduce((sum, row) => sum + (row.flood.shed ?? 0), 0);
  return {
    home: {
      alone: best(alone, (r) => r.home),
      flooded: best(flooded, (r) => r.home),
      p99: worstP99(flooded, (r) => r.home),
    },
    summary: {
      alone: best(alone, (r) => r.summary),
      flooded: best(flooded, (r) => r.summary),
      p99: worstP99(flooded, (r) => r.summary),
    },
    floodRps: Math.round(floodTotal / (ROUNDS * (DURATION_S + 1))),
    floodShedShare: floodTotal ? floodShed / floodTotal : 0,
  };
}

const EXPIRY_MS = 2_000;
const EXPIRY_RUN_S = 12;

/**
 * Cached routes through entries ageing out (every 2 s here, every minute by default) and a burst of invalidations
 * (ten updates posted at once, twice): the p99 readers see while pages are rendered again behind them.
 */
async function measureThroughExpiry(databaseUrl: string) {
  const { postIncidentUpdate } = await import("@/server/services/incidents/post-incident-update");
  const { SYSTEM_ACTOR } = await import("@/server/services/context");
  const server = await startServer(databaseUrl, { RESPONSE_CACHE_MAX_AGE_MS: String(EXPIRY_MS) });
  try {
    const routes = ["/", "/incidents/a00000000001", "/api/v2/summary.json", "/robots.txt"];
    for (const route of routes) await warm(server.base + route);
    const burst = async (atMs: number) => {
      await new Promise((resolve) => setTimeout(resolve, atMs));
      await Promise.all(
        Array.from({ length: 10 }, (_, n) =>
          postIncidentUpdate({
            ctx: { actor: SYSTEM_ACTOR },
            input: {
              incidentId: "a00000000001",
              status: "investigating",
              body: `Burst update ${atMs}-${n}.`,
              components: [],
              deliverNotifications: false,
            },
          }),
        ),
      );
    };
    const [results] = await Promise.all([
      Promise.all(
        routes.map((route) => runWrk(server.base + route, Math.round(CONNECTIONS / routes.length), EXPIRY_RUN_S)),
      ),
      burst(4_000).then(() => burst(4_000)),
    ]);
    return routes.map((route, index) => toRow(route, results[index]));
  } finally {
    server.child.kill("SIGTERM");
  }
}

const FREEZE_S = 10;

/**
 * PostgreSQL frozen (SIGSTOP) under load: how long the first read after a change waits, what readers see meanwhile,
 * and how soon a write is told it was not saved. The write is then checked not to have committed after the thaw.
 */
async function measureFreeze(server: { base: string }, dataDir: string) {
  const { createApiKey } = await import("@/server/services/api-keys/create-api-key");
  const { setComponentStatus } = await import("@/server/services/components/set-component-status");
  const { SYSTEM_ACTOR } = await import("@/server/services/context");
  const { getDb } = await import("@/server/db/client");
  const ctx = { ctx: { actor: SYSTEM_ACTOR } };
  const { token } = await createApiKey({ ...ctx, input: { name: "bench freeze", role: "responder" } });
  const [first, second] = await getDb().component.findMany({
    where: { status: "operational" },
    take: 2,
    orderBy: { id: "asc" },
  });
  // A change just before the freeze: the next render must read the frozen database.
  await setComponentStatus({ ...ctx, input: { componentId: first.id, status: "degraded_performance" } });
  await new Promise((resolve) => setTimeout(resolve, 200));
  signalDatabase(dataDir, "SIGSTOP");
  const frozenAt = performance.now();
  try {
    const timed = async (route: string, init?: RequestInit) => {
      const started = performance.now();
      const response = await fetch(server.base + route, { ...init, signal: AbortSignal.timeout(30_000) });
      await response.arrayBuffer();
      return { status: response.status, ms: Math.round(performance.now() - started) };
    };
    const firstRead = await timed("/");
    const load = WRK_AVAILABLE ? toRow("/ while frozen", await runWrk(`${server.base}/`, CONNECTIONS, 4)) : null;
    const write = await timed(`/api/v1/components/${second.id}`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ status: "major_outage" }),
    });
    const remaining = FREEZE_S * 1_000 - (performance.now() - frozenAt);
    if (remaining > 0) await new Promise((resolve) => setTimeout(resolve, remaining));
    const check = async () => {
      // Taking this lock waits until every transaction that wrote an audit row, the refused write's included, has ended.
      await getDb().$transaction(
        async (tx) => {
          await tx.$executeRaw`LOCK TABLE audit_log IN ACCESS EXCLUSIVE MODE`;
        },
        { timeout: 60_000, maxWait: 60_000 },
      );
      return (await getDb().component.findUniqueOrThrow({ where: { id: second.id } })).status === second.status;
    };
    return { firstRead, load, write, check };
  } finally {
    signalDatabase(dataDir, "SIGCONT");
  }
}

async function main() {
  const started = Date.now();
  ensureBuild();
  const dataDir = temporaryDataDir("statuspage-bench");
  const embedded = await startEmbeddedPostgres({ dataDir, port: await findFreePort(), database: "postgres" });
  const servers: { child: ChildProcess; base: string }[] = [];
  let failed = false;
  try {
    console.log("Filling the large history (10,000 incidents, 50,000 updates)…");
    const largeUrl = await createDatabase(embedded.url, "bench_large", true);
    const emptyUrl = await createDatabase(embedded.url, "bench_empty", false);

    // Both servers run through the whole measurement, so the empty-history home page takes its turns with the rest.
    const large = await startServer(largeUrl);
    servers.push(large);
    const empty = await startServer(emptyUrl);
    servers.push(empty);
    const routes = ["/robots.txt", "/", "/incidents/a00000000001", "/history", "/api/v2/summary.json", "/history.rss"];
    for (const route of routes) await warm(large.base + route);
    // The same bytes the app sends, from nginx and from a bare Node server with as many processes as the app's fronts.
    const captured = await captureRoutes(large.base, routes, BROWSER_HEADERS);
    const baselines: { name: string; baseline: Baseline }[] = [];
    if (WRK_AVAILABLE && ensureNginx()) baselines.push({ name: "nginx", baseline: await startNginxBaseline(captured) });
    baselines.push({ name: "bare Node", baseline: await startBareNodeBaseline(captured, FRONTS) });
    let measured: Row[];
    try {
      measured = await measureInTurns([
        ...routes.map((route) => ({ route, url: large.base + route })),
        { route: "/ (empty history)", url: `${empty.base}/` },
        ...baselines.flatMap(({ name, baseline }) =>
          routes.map((route) => ({ route: `${route} (${name})`, url: baseline.base + route })),
        ),
      ]);
    } finally {
      for (const { baseline } of baselines) await baseline.stop();
    }
    const [staticRow, ...rows] = measured.slice(0, routes.length);
    const emptyHome = measured[routes.length];
    const baselineRows = baselines.map(({ name }, index) => ({
      name,
      rows: measured.slice(routes.length + 1 + index * routes.length, routes.length + 1 + (index + 1) * routes.length),
    }));
    const weight = await measurePageWeight(large.base, "/", BROWSER_HEADERS);
    const processes = peakMemoryByProcess(large.child.pid!);
    const freshness = await measureFreshness(large.base, largeUrl);
    // After measureFreshness, which points this process's own writes at the large database.
    const expiry = WRK_AVAILABLE ? await measureThroughExpiry(largeUrl) : null;
    const memory = peakMemoryMb(large.child);
    const emptyMemory = peakMemoryMb(empty.child);
    const flood = WRK_AVAILABLE ? await measureFlood(large.base) : null;
    // Last: ten thousand streams raise the server's peak memory, which the figure above reports without them.
    const live = await measureLiveStreams(large);
    const freeze = await measureFreeze(large, dataDir);
    const refusedWriteStayedRefused = await freeze.check();

    const pad = (value: string | number, width: number) => String(value).padStart(width);
    console.log(
      `\nMachine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    );
    console.log(
      `Load: ${WRK_AVAILABLE ? "wrk" : "autocannon (install wrk for figures the load generator does not limit)"}, ${CONNECTIONS} connections, best of ${ROUNDS} turns of ${DURATION_S} s per route, Accept-Encoding: ${BROWSER_HEADERS["accept-encoding"]}\n`,
    );
    console.log(
      `${"route".padEnd(28)}${pad("req/s", 9)}${pad("p50 ms", 9)}${pad("p99 ms", 9)}${pad("errors", 8)}${pad("vs static", 11)}`,
    );
    for (const row of [staticRow, ...rows]) {
      const ratio = row === staticRow ? "1.00" : (row.rps / staticRow.rps).toFixed(2);
      console.log(
        `${row.route.padEnd(28)}${pad(row.rps, 9)}${pad(row.p50, 9)}${pad(row.p99, 9)}${pad(row.errors, 8)}${pad(ratio, 11)}`,
      );
    }
    if (baselineRows.length > 0) {
      console.log(
        `\nThe physical limit: the same bytes from ${baselineRows.map((b) => b.name).join(" and from ")} (${FRONTS} process${FRONTS === 1 ? "" : "es"}, as the app has fronts)`,
      );
      console.log(
        `${"route".padEnd(28)}${pad("app", 9)}${baselineRows.map((b) => pad(b.name, 11)).join("")}${baselineRows.map((b) => pad(`÷ ${b.name}`, 13)).join("")}`,
      );
      for (const [index, row] of [staticRow, ...rows].entries()) {
        console.log(
          `${row.route.padEnd(28)}${pad(row.rps, 9)}${baselineRows.map((b) => pad(b.rows[index].rps, 11)).join("")}${baselineRows.map((b) => pad((row.rps / b.rows[index].rps).toFixed(2), 13)).join("")}`,
        );
      }
    }
    console.log(
      `\nPage weight of / (Brotli): HTML ${(weight.html / 1024).toFixed(1)} KB, JavaScript ${(weight.js / 1024).toFixed(1)} KB in ${weight.scripts} files, CSS ${(weight.css / 1024).toFixed(1)} KB; one view ${((weight.html + weight.js + weight.css) / 1024).toFixed(1)} KB cold, ${(weight.html / 1024).toFixed(1)} KB with a warm browser cache`,
    );
    console.log(
      `\nPeak memory per process (VmHWM, large history): ${processes.map((p) => `${p.name} ${p.mb} MB`).join(", ")}; total ${processes.reduce((sum, p) => sum + p.mb, 0)} MB`,
    );
    if (expiry) {
      console.log(
        `\nThrough expiry (entries age out every ${EXPIRY_MS / 1000} s) and two bursts of 10 updates, ${EXPIRY_RUN_S} s, large history:`,
      );
      for (const row of expiry)
        console.log(
          `  ${row.route.padEnd(26)} ${pad(row.rps, 7)} req/s   p50 ${pad(row.p50, 6)} ms   p99 ${pad(row.p99, 6)} ms   errors ${row.errors}`,
        );
    }
    const home = rows[0];
    console.log(
      `\nHome page, large / empty history: ${home.rps} / ${emptyHome.rps} req/s = ${(home.rps / emptyHome.rps).toFixed(2)}`,
    );
    console.log(`\nFreshness over ${FRESHNESS_UPDATES} updates posted under load (post → visible):`);
    for (const f of freshness) console.log(`  ${f.route.padEnd(26)} p50 ${pad(f.p50, 5)} ms   p99 ${pad(f.p99, 5)} ms`);
    console.log(
      `\nPeak server memory (VmHWM): ${memory} MB with the large history, ${emptyMemory} MB with an empty one`,
    );
    if (flood) {
      console.log(
        `\nFlood (${flood.floodRps} req/s of junk queries, Authorization headers, missing pages and new parameter values on valid addresses from 10 connections; ${(flood.floodShedShare * 100).toFixed(0)} % shed with 503):`,
      );
      for (const [name, figures] of [
        ["/", flood.home],
        ["/api/v2/summary.json", flood.summary],
      ] as const) {
        console.log(
          `  ${name.padEnd(26)} alone ${pad(figures.alone.rps, 7)} req/s, beside the flood ${pad(figures.flooded.rps, 7)} req/s = ${(figures.flooded.rps / figures.alone.rps).toFixed(2)}, p99 ${figures.p99} ms`,
        );
      }
    }
    console.log(
      `\nLive streams: ${live.clients} open on one instance beside ${live.junkClients} for made-up incident ids, ${FANOUT_WRITES} writes`,
    );
    console.log(
      `  write → stream delivery   p50 ${pad(live.p50, 5)} ms   p99 ${pad(live.p99, 5)} ms   (last client, p99 over writes: ${live.lastP99} ms)`,
    );
    console.log(
      `  memory per stream         ${live.kbPerStream.toFixed(1)} KB (server RSS), peak ${live.peakMb} MB with all streams open`,
    );
    if (live.withStreams)
      console.log(
        `  / while streams are open  ${live.withStreams.rps} req/s = ${(live.withStreams.rps / home.rps).toFixed(2)} of / without them, p99 ${live.withStreams.p99} ms`,
      );
    console.log(`\nPostgreSQL frozen (SIGSTOP) for ${FREEZE_S} s right after a change:`);
    console.log(`  first read of /            ${freeze.firstRead.status} in ${freeze.firstRead.ms} ms`);
    if (freeze.load)
      console.log(
        `  / under load while frozen  ${freeze.load.rps} req/s, p99 ${freeze.load.p99} ms, ${freeze.load.errors} errors`,
      );
    console.log(
      `  API write                  ${freeze.write.status} in ${freeze.write.ms} ms; after the thaw it ${refusedWriteStayedRefused ? "had not committed" : "HAD COMMITTED"}`,
    );
    const mirror = await benchMirror(embedded.url);
    const metrics = await benchMetrics(metricsBenchDeps(embedded.url));
    console.log(`\n${metrics.lines.join("\n")}`);
    const shareOf = (name: string) => baselineRows.find((b) => b.name === name);
    const nginxRows = shareOf("nginx")?.rows;
    const bareRows = shareOf("bare Node")?.rows;
    const checks: [string, boolean][] = [
      ...(nginxRows
        ? ([
            [
              "public routes ≥ 0.50 of nginx",
              [staticRow, ...rows].every((row, index) => row.rps / nginxRows[index].rps >= 0.5),
            ],
          ] as [string, boolean][])
        : []),
      ...(bareRows
        ? ([
            [
              "public routes ≥ 0.90 of bare Node",
              [staticRow, ...rows].every((row, index) => row.rps / bareRows[index].rps >= 0.9),
            ],
          ] as [string, boolean][])
        : []),
      ...(expiry
        ? ([
            ["through expiry and invalidations p99 ≤ 20 ms", expiry.every((row) => row.p99 <= 20 && row.errors === 0)],
          ] as [string, boolean][])
        : []),
      ["memory ≤ 400 MB per process", processes.every((p) => p.mb <= 400)],
      ["every route ≥ 0.80 of the static file", rows.every((row) => row.rps / staticRow.rps >= 0.8)],
      ["every p99 < 100 ms", [staticRow, ...rows].every((row) => row.p99 < 100)],
      ["large / empty history ≥ 0.90", home.rps / emptyHome.rps >= 0.9],
      ["freshness p99 ≤ 1 s", freshness.every((f) => f.p99 <= 1_000)],
      ["peak memory < 400 MB", memory < 400 && emptyMemory < 400],
      ...(flood
        ? ([
            [
              "flooded readers keep ≥ 0.80 of their throughput",
              flood.home.flooded.rps / flood.home.alone.rps >= 0.8 &&
                flood.summary.flooded.rps / flood.summary.alone.rps >= 0.8,
            ],
            ["flooded readers' p99 < 100 ms", flood.home.p99 < 100 && flood.summary.p99 < 100],
          ] as [string, boolean][])
        : []),
      [
        `stream fan-out p99 ≤ 1 s (${live.clients} streams, ${live.junkClients} junk-key streams beside)`,
        live.p99 <= 1_000,
      ],
      [
        "frozen database: first read ≤ 1.5 s, reads p99 < 100 ms",
        freeze.firstRead.status === 200 &&
          freeze.firstRead.ms <= 1_500 &&
          (!freeze.load || (freeze.load.p99 < 100 && freeze.load.errors === 0)),
      ],
      [
        "frozen database: write refused ≤ 7 s and never committed",
        freeze.write.status === 503 && freeze.write.ms <= 7_000 && refusedWriteStayedRefused,
      ],
      ...(live.withStreams
        ? ([["/ with streams open ≥ 0.80 of without", live.withStreams.rps / home.rps >= 0.8]] as [string, boolean][])
        : []),
      ...mirror.checks,
      ...metrics.checks,
    ];
    console.log(`
Targets: ${checks.map(([name, met]) => `${met ? "✓" : "✗"} ${name}`).join("; ")}`);
    console.log(`Finished in ${Math.round((Date.now() - started) / 1000)} s`);

    const errors = [staticRow, ...rows, emptyHome].reduce(
      (sum, row) => sum + row.errors,
      mirror.errors + metrics.errors,
    );
    if (errors > 0) {
      console.error(`\n✖ ${errors} request(s) failed.`);
      failed = true;
    }
  } finally {
    for (const server of servers) server.child.kill("SIGTERM");
    await embedded.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
  process.exit(failed ? 1 : 0);
}

function metricsBenchDeps(serverUrl: string): MetricsBenchDeps {
  return { serverUrl, createDatabase, startServer, measureInTurns, headers: BROWSER_HEADERS };
}

/** `BENCH_ONLY=metrics npm run bench`: the system metrics scenario alone. */
async function metricsOnly() {
  ensureBuild();
  const dataDir = temporaryDataDir("statuspage-bench");
  const embedded = await startEmbeddedPostgres({ dataDir, port: await findFreePort(), database: "postgres" });
  let failed = false;
  try {
    const metrics = await benchMetrics(metricsBenchDeps(embedded.url));
    console.log(`\n${metrics.lines.join("\n")}`);
    console.log(`\nTargets: ${metrics.checks.map(([name, met]) => `${met ? "✓" : "✗"} ${name}`).join("; ")}`);
    failed = metrics.errors > 0;
  } finally {
    await embedded.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
  process.exit(failed ? 1 : 0);
}

(process.env.BENCH_ONLY === "metrics" ? metricsOnly() : main()).catch((error) => {
  console.error(error);
  process.exit(1);
});
