// The physical limit the app is measured against: the very bytes the app sends for each route (the same body, the
// same content coding, the same headers), served by nginx and by a bare Node `http` server with as many processes
// as the app has fronts. Both read everything into memory first, as the app's cache does.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { waitForHealth } from "./lib/wait-for-health";
import { findFreePort } from "./lib/ports";

export type CapturedRoute = { route: string; status: number; headers: Record<string, string>; body: Buffer };

// Headers that describe the response (what a static copy must carry too); nginx and Node add Date and Connection.
const KEPT_HEADERS = [
  "content-type",
  "content-encoding",
  "cache-control",
  "etag",
  "vary",
  "content-security-policy",
  "x-content-type-options",
  "referrer-policy",
  "x-frame-options",
  "link",
];

/** Fetches each route as a browser would and keeps the exact bytes on the wire. */
export async function captureRoutes(
  base: string,
  routes: string[],
  headers: Record<string, string>,
): Promise<CapturedRoute[]> {
  return Promise.all(
    routes.map(
      (route) =>
        new Promise<CapturedRoute>((resolve, reject) => {
          http
            .get(base + route, { headers }, (res) => {
              const chunks: Buffer[] = [];
              res.on("data", (chunk: Buffer) => chunks.push(chunk));
              res.on("end", () => {
                const kept: Record<string, string> = {};
                for (const name of KEPT_HEADERS)
                  if (typeof res.headers[name] === "string") kept[name] = res.headers[name];
                resolve({ route, status: res.statusCode ?? 0, headers: kept, body: Buffer.concat(chunks) });
              });
            })
            .on("error", reject);
        }),
    ),
  );
}

/** Installs Debian's nginx-light when nginx is missing and the bench may (root or passwordless sudo). */
export function ensureNginx(): boolean {
  if (spawnSync("nginx", ["-v"]).error === undefined) return true;
  console.log("nginx is not installed: installing Debian's nginx-light for the baseline…");
  const sudo = process.getuid?.() === 0 ? [] : ["sudo", "-n"];
  const install = (args: string[]) =>
    spawnSync(sudo[0] ?? args[0], sudo.length ? [...sudo.slice(1), ...args] : args.slice(1), {
      stdio: "inherit",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
  install(["apt-get", "update", "-qq"]);
  install(["apt-get", "install", "-y", "-qq", "nginx-light"]);
  if (spawnSync("nginx", ["-v"]).error === undefined) return true;
  console.log("Could not install nginx (apt-get install nginx-light): the nginx baseline is left out.");
  return false;
}

export type Baseline = { base: string; stop: () => Promise<void> };

/** Waits until `child` answers the first captured route; stopping it signals `stopSignal` and removes `prefix`. */
async function serveBaseline(
  child: ChildProcess,
  port: number,
  captured: CapturedRoute[],
  prefix: string,
  stopSignal: NodeJS.Signals,
): Promise<Baseline> {
  const base = `http://127.0.0.1:${port}`;
  await waitForHealth(base, { server: child, path: captured[0].route, timeoutMs: 10_000, everyMs: 50 });
  return {
    base,
    stop: async () => {
      child.kill(stopSignal);
      await new Promise((resolve) => child.once("exit", resolve));
      await rm(prefix, { recursive: true, force: true });
    },
  };
}

/** nginx with one worker per core, each route an exact location answering its captured file and headers. */
export async function startNginxBaseline(captured: CapturedRoute[]): Promise<Baseline> {
  const port = await findFreePort();
  const prefix = await mkdtemp(path.join(os.tmpdir(), "bench-nginx-baseline-"));
  // nginx's workers drop to an unprivileged user when started as root: they must be able to read the files.
  await chmod(prefix, 0o755);
  const locations: string[] = [];
  for (const [index, route] of captured.entries()) {
    const file = path.join(prefix, `route-${index}`);
    await writeFile(file, route.body);
    const { "content-type": contentType = "application/octet-stream", ...rest } = route.headers;
    const headers = Object.entries(rest).map(
      ([name, value]) => `add_header ${name} '${value.replaceAll("'", "\\'")}' always;`,
    );
    // try_files, not alias: `location = /` with alias would go looking for a directory index.
    locations.push(
      `location = ${route.route} { types { } default_type '${contentType}'; try_files /route-${index} =404; etag off; ${headers.join(" ")} }`,
    );
  }
  const config = `daemon off; worker_processes auto; pid ${prefix}/nginx.pid; error_log ${prefix}/error.log;
events { worker_connections 4096; }
http {
  access_log off; sendfile on; tcp_nopush on; tcp_nodelay on; keepalive_requests 1000000; server_tokens off;
  client_body_temp_path ${prefix}/body; proxy_temp_path ${prefix}/proxy; fastcgi_temp_path ${prefix}/fastcgi; uwsgi_temp_path ${prefix}/uwsgi; scgi_temp_path ${prefix}/scgi;
  open_file_cache max=100 inactive=60s;
  server { listen 127.0.0.1:${port}; root ${prefix}; ${locations.join("\n    ")} }
}`;
  await writeFile(path.join(prefix, "nginx.conf"), config);
  const child = spawn(
    "nginx",
    ["-p", prefix, "-c", path.join(prefix, "nginx.conf"), "-e", path.join(prefix, "error.log")],
    { stdio: "inherit" },
  );
  return serveBaseline(child, port, captured, prefix, "SIGQUIT");
}

/** A bare Node server: `processes` of them on one port (cluster), each answering from a Map with one writeHead and end. */
export async function startBareNodeBaseline(captured: CapturedRoute[], processes: number): Promise<Baseline> {
  const port = await findFreePort();
  const prefix = await mkdtemp(path.join(os.tmpdir(), "bench-bare-node-"));
  const manifest = await Promise.all(
    captured.map(async (route, index) => {
      const file = path.join(prefix, `route-${index}`);
      await writeFile(file, route.body);
      return { route: route.route, status: route.status, headers: route.headers, file };
    }),
  );
  await writeFile(path.join(prefix, "manifest.json"), JSON.stringify(manifest));
  const script = `
const cluster = require("node:cluster"), http = require("node:http"), fs = require("node:fs");
if (cluster.isPrimary) { for (let i = 0; i < ${processes}; i++) cluster.fork(); }
else {
  const routes = new Map(JSON.parse(fs.readFileSync(${JSON.stringify(path.join(prefix, "manifest.json"))}, "utf8")).map((r) => [r.route, { status: r.status, headers: r.headers, body: fs.readFileSync(r.file) }]));
  http.createServer((req, res) => {
    const r = routes.get(req.url);
    if (!r) { res.writeHead(404); return res.end(); }
    res.writeHead(r.status, { ...r.headers, "content-length": r.body.length });
    res.end(r.body);
  }).listen(${port}, "127.0.0.1");
}`;
  await writeFile(path.join(prefix, "server.cjs"), script);
  const child: ChildProcess = spawn(process.execPath, [path.join(prefix, "server.cjs")], { stdio: "inherit" });
  return serveBaseline(child, port, captured, prefix, "SIGTERM");
}

/** `pid` and every process it started, and theirs. */
export function processTree(pid: number): number[] {
  const children = (() => {
    try {
      return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return [];
    }
  })();
  return [pid, ...children.flatMap(processTree)];
}

/** Each process's peak resident memory (VmHWM) and its command, for a report per process. */
export function peakMemoryByProcess(pid: number): { pid: number; name: string; mb: number }[] {
  return processTree(pid).map((each) => {
    try {
      const status = readFileSync(`/proc/${each}/status`, "utf8");
      const command = readFileSync(`/proc/${each}/cmdline`, "utf8").split("\0").filter(Boolean);
      const script = command.find((part) => /\.(mjs|ts|js)$/.test(part)) ?? command[0] ?? "?";
      const match = /VmHWM:\s+(\d+) kB/.exec(status);
      return { pid: each, name: path.basename(script), mb: match ? Math.round(Number(match[1]) / 1024) : NaN };
    } catch {
      return { pid: each, name: "?", mb: NaN };
    }
  });
}

/** What a reader downloads for one view of `route`: the page and every script and stylesheet it references. */
export async function measurePageWeight(base: string, route: string, headers: Record<string, string>) {
  const [page] = await captureRoutes(base, [route], headers);
  const html = page.body.length;
  const plain = await (await fetch(base + route)).text();
  const assets = [
    ...new Set([...plain.matchAll(/(?:src|href)="(\/_next\/static\/[^"]+\.(js|css))"/g)].map((match) => match[1])),
  ];
  const captured = await captureRoutes(base, assets, headers);
  const js = captured.filter((asset) => asset.route.endsWith(".js")).reduce((sum, asset) => sum + asset.body.length, 0);
  const css = captured
    .filter((asset) => asset.route.endsWith(".css"))
    .reduce((sum, asset) => sum + asset.body.length, 0);
  return { html, js, css, scripts: captured.filter((asset) => asset.route.endsWith(".js")).length };
}
