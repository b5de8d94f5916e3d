import { readdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { getDb } from "@/server/db/client";
import { createScratchDatabase, withClient } from "@/tests/support/scratch-database";

const migrationsDir = fileURLToPath(new URL("../../prisma/migrations", import.meta.url));

/**
 * Gives this test file a migrated database of its own and points getDb() at it, so its workers, which claim every due
 * delivery they can see, never take another file's deliveries and no other file's workers take this file's.
 */
export async function useOwnDatabase(prefix: string) {
  const database = await createScratchDatabase(prefix);
  const folders = (await readdir(migrationsDir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  await withClient(database.url, async (client) => {
    for (const folder of folders)
      await client.query(await readFile(path.join(migrationsDir, folder, "migration.sql"), "utf8"));
  });
  process.env.DATABASE_URL = database.url;
  const [{ name }] = await getDb().$queryRaw<{ name: string }[]>`SELECT current_database() AS name`;
  if (name !== new URL(database.url).pathname.slice(1))
    throw new Error("getDb() was created before useOwnDatabase ran.");
  return {
    async drop() {
      await getDb().$disconnect();
      await database.drop();
    },
  };
}
