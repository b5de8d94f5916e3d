import type { TestProject } from "vitest/node";
import { rm } from "node:fs/promises";
import { createMigratedDatabase } from "../../scripts/lib/migrated-database";
import { startEmbeddedPostgres, temporaryDataDir } from "../../scripts/lib/embedded-postgres";
import { findFreePort } from "../../scripts/lib/ports";

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
    const embedded = await startEmbeddedPostgres({
      dataDir: embeddedDir,
      port: await findFreePort(),
      database: "postgres",
    });
    serverUrl = embedded.url;
    stopEmbedded = embedded.stop;
  }
  const database = await createMigratedDatabase(serverUrl, `statuspage_test_${process.pid}_${Date.now().toString(36)}`);
  project.provide("databaseUrl", database.url);
  project.provide("serverUrl", serverUrl);

  return async () => {
    await database.drop();
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
