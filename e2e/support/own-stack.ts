import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { rm } from "node:fs/promises";
import {
  signalDatabase,
  startEmbeddedPostgres,
  temporaryDataDir,
  type EmbeddedPostgresHandle,
} from "../../scripts/lib/embedded-postgres";
import { findFreePort } from "../../scripts/lib/ports";
import { projectRoot as root } from "../../scripts/lib/project-root";
import { applyMigrations } from "../../scripts/lib/schema-engine";
import { distDirectory } from "../../scripts/lib/build-app";
import { runtimeEntry } from "../../scripts/lib/compile-server";
import { waitForHealth } from "../../scripts/lib/wait-for-health";

const SECRET = "own-stack-secret-own-stack-secret";

export type AppInstance = { base: string; process: ChildProcess };
export type SeedScript = { script: string; args?: string[]; env?: Record<string, string> };

/** A database and app instances owned by one test, for checks that stop and restart PostgreSQL. */
export class OwnStack {
  private database: EmbeddedPostgresHandle | null = null;
  readonly instances: AppInstance[] = [];
  private constructor(
    readonly dataDir: string,
    readonly pgPort: number,
  ) {}

  /**
   * `seeds` are scripts run in turn against the new database before any instance starts (each with its arguments and
   * environment); an empty page unless given. The last one's standard output is kept in `seedOutput`.
   */
  static async start(
    instanceCount: number,
    env: Record<string, string> = {},
    seeds: SeedScript[] = [{ script: "prisma/seed.ts", args: ["--empty"] }],
  ): Promise<OwnStack> {
    const stack = new OwnStack(temporaryDataDir("statuspage-own-stack"), await findFreePort());
    await stack.startDatabase();
    await applyMigrations(stack.databaseUrl);
    for (const seed of seeds) stack.seedOutput = stack.runSeed(seed);
    for (let i = 0; i < instanceCount; i++) stack.instances.push(await stack.startInstance(env));
    return stack;
  }

  seedOutput = "";

  private runSeed({ script, args = [], env = {} }: SeedScript): string {
    const seed = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", script, ...args], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, ...env, DATABASE_URL: this.databaseUrl, NODE_OPTIONS: "" },
    });
    if (seed.status !== 0) throw new Error(`Seeding with ${script} failed: ${seed.stderr}`);
    return seed.stdout;
  }

  get databaseUrl(): string {
    return `postgresql://postgres:postgres@127.0.0.1:${this.pgPort}/statuspage`;
  }

  async startDatabase() {
    this.database = await startEmbeddedPostgres({ dataDir: this.dataDir, port: this.pgPort });
  }

  async stopDatabase() {
    await this.database?.stop();
    this.database = null;
  }

  /** Freezes PostgreSQL (SIGSTOP): connections are accepted by the kernel and nothing ever answers, as on a hung host. */
  async freezeDatabase() {
    signalDatabase(this.dataDir, "SIGSTOP");
  }

  async thawDatabase() {
    signalDatabase(this.dataDir, "SIGCONT");
  }

  private async startInstance(env: Record<string, string>): Promise<AppInstance> {
    const port = await findFreePort();
    const base = `http://127.0.0.1:${port}`;
    const child = spawn(process.execPath, [runtimeEntry(root, distDirectory(), "primary")], {
      cwd: root,
      env: {
        ...process.env,
        NODE_OPTIONS: "",
        NODE_ENV: "production",
        DATABASE_URL: this.databaseUrl,
        AUTH_SECRET: SECRET,
        PORT: String(port),
        HOST: "127.0.0.1",
        PUBLIC_URL: base,
        STATUSPAGE_DISABLE_CACHE_BUS: "",
        STATUSPAGE_DISABLE_SCHEDULER: "1",
        STATUSPAGE_DISABLE_WORKER: "1",
        DATABASE_WRITE_START_TIMEOUT_MS: "",
        DATABASE_WRITE_TIMEOUT_MS: "",
        ...env,
      },
      stdio: process.env.E2E_SERVER_LOG === "1" ? "inherit" : "ignore",
    });
    await waitForHealth(base, { server: child, timeoutMs: 60_000 });
    // On a busy machine the first render may time out on a cold connection pool; specs start from a warm instance.
    await timeUntil(async () => (await fetch(`${base}/`)).status === 200, 30_000, `${base}/ answering 200`);
    return { base, process: child };
  }

  async stop() {
    for (const instance of this.instances) instance.process.kill("SIGTERM");
    await this.stopDatabase().catch(() => {});
    await rm(this.dataDir, { recursive: true, force: true });
  }
}

/** Polls until `check` passes and returns how long that took. */
export async function timeUntil(
  check: () => Promise<boolean>,
  timeoutMs = 10_000,
  what = "Condition",
): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`${what} not met within ${timeoutMs} ms`);
}

/** Creates a record through an instance's management API (Statuspage's paths), as an operator's script would. */
async function createThroughApi(base: string, token: string, resource: string, body: object) {
  const pageId = (await (await fetch(`${base}/api/v2/summary.json`)).json()).page.id;
  const response = await fetch(`${base}/api/v1/pages/${pageId}/${resource}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (response.status !== 201)
    throw new Error(`POST ${resource} answered ${response.status}: ${await response.text()}`);
  return response.json();
}

export function addComponentThroughApi(
  base: string,
  token: string,
  name: string,
): Promise<{ id: string; name: string; status: string }> {
  return createThroughApi(base, token, "components", { component: { name } });
}

export function declareIncidentThroughApi(base: string, token: string, name: string): Promise<{ id: string }> {
  return createThroughApi(base, token, "incidents", {
    incident: { name, status: "investigating", body: `${name}: we are looking into it.`, deliver_notifications: false },
  });
}
