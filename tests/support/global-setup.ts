import type { TestProject } from "vitest/node";
import pg from "pg";
import { rm } from "node:fs/promises";
import { applyMigrations } from "../../scripts/lib/schema-engine.mjs";
import { startEmbeddedPostgres, temporaryDataDir } from "../../scripts/lib/embedded-postgres.mjs";
import { findFreePort } from "../../scripts/lib/ports.mjs";

// Tests run against a real PostgreSQL: TEST_DATABASE_URL's server when given, otherwise an embedded one.
export default async function setup(project: TestProject) {
  keepFailureExitCode();
  let stopEmbedded: (() => Promise<void>) | undefined;
  let embeddedDir: string | undefined;
  let serverUrl: string;
  if (process.env.TEST_DATABASE_URL) {
    serverUrl = process.env.TEST_DATABASE_URL;
  } else {
    embeddedDir = temporaryDataDir("statuspage-vitest");
    const embedded = await startEmbeddedPostgres({ dataDir: embeddedDir, port: await findFreePort(), database: "postgres" });
    serverUrl = embedded.url;
    stopEmbedded = embedded.stop;
  }
  const databaseName = `statuspage_test_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${databaseName}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${databaseName}`;
  const databaseUrl = url.toString();
  await applyMigrations(databaseUrl);
  project.provide("databaseUrl", databaseUrl);
  project.provide("serverUrl", serverUrl);

  return async () => {
    const cleanup = new pg.Client({ connectionString: serverUrl });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
    await cleanup.end();
    await stopEmbedded?.();
    if (embeddedDir) await rm(embeddedDir, { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    serverUrl: string;
  }
}

/**
 * embedded-postgres installs async-exit-hook, whose "beforeExit" handler calls process.exit(0) and so erased the
 * failure code Vitest sets: a run with failing tests exited 0. Remember the code Vitest wanted and restore it.
 */
function keepFailureExitCode() {
  let wanted: string | number | undefined;
  process.prependListener("beforeExit", () => {
    wanted = process.exitCode ?? undefined;
  });
  process.on("exit", (code) => {
    if (!code && wanted && wanted !== 0 && wanted !== "0") process.exitCode = wanted;
  });
}
