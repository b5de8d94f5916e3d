// The production server (`npm run serve`; `npm start` prepares the database and build, then runs it). This primary
// process starts the app process (app-process.ts: Next renders, answers the console and the API, runs background
// work) and one front process per core (server/front/front-process.ts: the whole-response cache, the live stream and
// a pass-through for the rest), relays "the data changed" from the app to the fronts, and restarts whichever stops.
import cluster, { type Worker } from "node:cluster";
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { isDataVersionMessage } from "@/lib/data-version-message";
import { childEnvironment, readConfig } from "@/server/config";
import { createPrivateSocketPath } from "./private-socket";

// The build compiles this file, app-process.ts and server/front/front-process.ts side by side (scripts/lib/
// compile-server.ts), so the processes it starts are found beside it.
const here = path.dirname(fileURLToPath(import.meta.url));
// A bad value stops the server here, naming the variable, before any process starts.
const { PORT: port, HOST: hostname, WEB_CONCURRENCY: fronts, STATUSPAGE_MAX_HEAP_MB } = readConfig();
const { socketPath: appSocket, remove: removeAppSocket } = createPrivateSocketPath();
const RESTART_MS = 1_000;
// V8 otherwise lets the heap grow to a quarter of the machine's memory before collecting in earnest; a status page's
// working set is far smaller, and both caches are bounded in bytes well inside this limit.
const childNodeArgs = [`--max-old-space-size=${STATUSPAGE_MAX_HEAP_MB}`];

let app: ChildProcess | null = null;
let stopping = false;
let announced = false;
// The app starts counting from the clock, so a restarted app's versions are newer than anything fronts hold.
let dataVersion = 0;

function relay(message: unknown) {
  if (!isDataVersionMessage(message) || message.version <= dataVersion) return;
  dataVersion = message.version;
  for (const worker of Object.values(cluster.workers ?? {})) worker?.send(message);
}

function startApp(): Promise<void> {
  return new Promise((resolve) => {
    const child = fork(path.join(here, "app-process.mjs"), [], {
      env: childEnvironment({ STATUSPAGE_APP_SOCKET: appSocket }),
      execArgv: childNodeArgs,
    });
    app = child;
    child.on("message", (message: { type?: string }) => {
      if (message?.type === "statuspage:app-ready") resolve();
      else relay(message);
    });
    child.on("exit", (code, signal) => {
      if (app === child) app = null;
      if (stopping) return;
      console.error(
        `The app process stopped (${signal ?? `exit code ${code}`}); restarting it. Fronts serve cached pages meanwhile.`,
      );
      setTimeout(() => void startApp(), RESTART_MS).unref();
    });
  });
}

function startFront(): Worker {
  const worker = cluster.fork({
    STATUSPAGE_APP_SOCKET: appSocket,
    STATUSPAGE_FRONTS: String(fronts),
    STATUSPAGE_DATA_VERSION: String(dataVersion),
  });
  worker.on("exit", (code, signal) => {
    if (stopping) return;
    console.error(`A front process stopped (${signal ?? `exit code ${code}`}); starting another.`);
    setTimeout(startFront, RESTART_MS).unref();
  });
  return worker;
}

function stop() {
  if (stopping) return;
  stopping = true;
  for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
  app?.kill("SIGTERM");
  const exitWhenDone = setInterval(() => {
    if (!app && Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
  }, 50);
  exitWhenDone.unref();
  setTimeout(() => process.exit(0), 6_000).unref();
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, stop);
process.on("exit", () => {
  removeAppSocket();
  app?.kill("SIGKILL");
  for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGKILL");
});

cluster.setupPrimary({ exec: path.join(here, "front-process.mjs"), execArgv: childNodeArgs });
async function main() {
  await startApp();
  let listening = 0;
  cluster.on("listening", () => {
    listening++;
    if (announced || listening < fronts) return;
    announced = true;
    console.log(
      `✓ Ready on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port} (${fronts} front process${fronts === 1 ? "" : "es"} and the app)`,
    );
  });
  for (let i = 0; i < fronts; i++) startFront();
}

main().catch((error: unknown) => {
  console.error(error);
  stop();
});
