// A real Prometheus for tests: Debian's package (or PROMETHEUS_BINARY), scraping a loopback exporter the test drives.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import http from "node:http";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { findFreePort } from "../../scripts/lib/ports";

const INSTALL_HINT =
  "Install it with `sudo apt-get install --no-install-recommends prometheus` (Debian/Ubuntu), or put the official " +
  "binary from https://prometheus.io/download/ on PATH or in PROMETHEUS_BINARY.";

function runs(binary: string): boolean {
  return spawnSync(binary, ["--version"], { stdio: "ignore" }).status === 0;
}

/**
 * The Prometheus binary to run. When it is missing it is installed from Debian's packages where this user may
 * (root or passwordless sudo), as the bench installs nginx; otherwise this throws, saying how to install it.
 */
export function ensurePrometheus(): string {
  const binary = process.env.PROMETHEUS_BINARY || "prometheus";
  if (runs(binary)) return binary;
  if (process.env.PROMETHEUS_BINARY)
    throw new Error(`PROMETHEUS_BINARY=${binary} does not run (\`${binary} --version\` failed). ${INSTALL_HINT}`);
  const root = process.getuid?.() === 0;
  const sudo = root ? [] : ["sudo", "-n"];
  if (!root && spawnSync("sudo", ["-n", "true"], { stdio: "ignore" }).status !== 0)
    throw new Error(
      `The Prometheus tests need a real Prometheus, which is not installed, and this user cannot install it. ${INSTALL_HINT}`,
    );
  console.log("Prometheus is not installed: installing Debian's prometheus package for the metrics tests…");
  const install = (args: string[]) =>
    spawnSync(sudo[0] ?? args[0], sudo.length ? [...sudo.slice(1), ...args] : args.slice(1), {
      stdio: "inherit",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
  install(["apt-get", "update", "-qq"]);
  install(["apt-get", "install", "-y", "-qq", "--no-install-recommends", "prometheus"]);
  if (runs(binary)) return binary;
  throw new Error(`Installing Prometheus (apt-get install prometheus) failed. ${INSTALL_HINT}`);
}

/** A loopback exporter serving the text exposition format; `set` changes what the next scrape reads. */
export async function startExporter() {
  const samples = new Map<string, number>();
  const server = http.createServer((_req, res) => {
    const families = new Set([...samples.keys()].map((series) => series.replace(/\{.*$/, "")));
    const lines = [...families].flatMap((family) => [
      `# TYPE ${family} ${family.endsWith("_total") ? "counter" : "gauge"}`,
      ...[...samples]
        .filter(([series]) => series.replace(/\{.*$/, "") === family)
        .map(([series, value]) => `${series} ${formatSample(value)}`),
    ]);
    res.writeHead(200, { "Content-Type": "text/plain; version=0.0.4; charset=utf-8" }).end(`${lines.join("\n")}\n`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    /** A series as the exposition format names it: `queue_depth` or `requests_total{path="/a"}`. */
    set: (series: string, value: number) => void samples.set(series, value),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function formatSample(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "+Inf";
  if (value === -Infinity) return "-Inf";
  return String(value);
}

type QueryAnswer = { status: string; data?: { resultType: string; result: { value?: [number, string] }[] } };

export type TestPrometheus = Awaited<ReturnType<typeof startPrometheus>>;

/**
 * Prometheus on a free loopback port with its own config and storage in a temporary folder, scraping `targets` every
 * second. Resolves once it is ready and has scraped each target. `stop` and `start` keep the port and the data.
 */
export async function startPrometheus({ targets }: { targets: string[] }) {
  const binary = ensurePrometheus();
  const dir = await mkdtemp(path.join(os.tmpdir(), "statuspage-prometheus-"));
  const port = await findFreePort();
  const url = `http://127.0.0.1:${port}`;
  const config = [
    "global:",
    "  scrape_interval: 1s",
    "  evaluation_interval: 1s",
    "scrape_configs:",
    "  - job_name: statuspage-test",
    "    static_configs:",
    `      - targets: [${targets.map((target) => JSON.stringify(target)).join(", ")}]`,
  ].join("\n");
  await writeFile(path.join(dir, "prometheus.yml"), `${config}\n`);
  let child: ChildProcess | null = null;
  let output = "";

  async function start() {
    output = "";
    const started = spawn(
      binary,
      [
        `--config.file=${path.join(dir, "prometheus.yml")}`,
        `--storage.tsdb.path=${path.join(dir, "data")}`,
        `--web.listen-address=127.0.0.1:${port}`,
        "--log.level=warn",
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    child = started;
    started.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    started.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<never>((_, reject) =>
      started.once("exit", (code) =>
        reject(new Error(`Prometheus exited (code ${code}) before it was ready:\n${output}`)),
      ),
    );
    exited.catch(() => undefined);
    await Promise.race([exited, waitUntil(`Prometheus at ${url} to be ready`, () => isReady(url))]);
    await Promise.race([
      exited,
      waitUntil("Prometheus to scrape its targets", async () => {
        const answer = await query(url, `count(up{job="statuspage-test"} == 1)`);
        return Number(answer.data?.result[0]?.value?.[1]) === targets.length;
      }),
    ]);
  }

  async function stop() {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once("exit", resolve));
    running.kill("SIGTERM");
    await exited;
  }

  await start();
  return {
    url,
    start,
    stop,
    /** Resolves once an instant query's value satisfies `check` (after the next scrapes), so tests never sleep. */
    waitForValue: (expression: string, check: (value: number) => boolean) =>
      waitUntil(`${expression} to reach the expected value`, async () => {
        const answer = await query(url, expression);
        const value = answer.data?.result[0]?.value?.[1];
        return value !== undefined && check(Number(value));
      }),
    close: async () => {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function isReady(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(1_000) })).ok;
  } catch {
    return false;
  }
}

async function query(url: string, expression: string): Promise<QueryAnswer> {
  try {
    const response = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(expression)}`, {
      signal: AbortSignal.timeout(1_000),
    });
    return (await response.json()) as QueryAnswer;
  } catch {
    return { status: "unreachable" };
  }
}

/** Polls `condition` every 50 ms until it holds, failing after `timeoutMs` with what it waited for. */
async function waitUntil(what: string, condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
