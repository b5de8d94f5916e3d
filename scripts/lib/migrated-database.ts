// Databases for tests, e2e specs and benchmarks: created on a server, migrated, and dropped again.
import pg from "pg";
import { applyMigrations } from "./schema-engine";

export type MigratedDatabase = { url: string; name: string; drop(): Promise<void> };

/** The URL of database `name` on the server that `serverUrl` points to. */
export function databaseUrlFor(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Creates database `name` on that server and applies every migration; `migrate: false` leaves it empty. */
export async function createMigratedDatabase(
  serverUrl: string,
  name: string,
  { migrate = true }: { migrate?: boolean } = {},
): Promise<MigratedDatabase> {
  const quoted = `"${name.replace(/"/g, '""')}"`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${quoted}`);
  } finally {
    await admin.end();
  }
  const url = databaseUrlFor(serverUrl, name);
  if (migrate) await applyMigrations(url);
  return {
    url,
    name,
    async drop() {
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      try {
        await cleanup.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}
