import pg from "pg";
import { inject } from "vitest";
import { randomUUID } from "node:crypto";
import { createMigratedDatabase } from "@/scripts/lib/migrated-database";

/** Creates an empty database on the test server and returns its URL and a function that drops it. */
export async function createScratchDatabase(prefix = "scratch") {
  const serverUrl = inject("serverUrl");
  const { url, drop } = await createMigratedDatabase(
    serverUrl,
    `${prefix}_${randomUUID().replace(/-/g, "").slice(0, 12)}`,
    {
      migrate: false,
    },
  );
  return { url, drop };
}

export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
