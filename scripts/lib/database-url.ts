import { readFile } from "node:fs/promises";
import path from "node:path";
import { projectRoot } from "./project-root";

export { projectRoot };
export const dataRoot = process.env.STATUSPAGE_DATA_DIR
  ? path.resolve(process.env.STATUSPAGE_DATA_DIR)
  : path.join(projectRoot, ".data");
export const runtimeFile = path.join(dataRoot, "runtime.json");

/** DATABASE_URL, or the embedded database of a running `npm start`. */
export async function readDatabaseUrl(): Promise<string> {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const runtime = (await readFile(runtimeFile, "utf8")
    .then(JSON.parse)
    .catch(() => null)) as { databaseUrl?: string } | null;
  if (runtime?.databaseUrl) return runtime.databaseUrl;
  throw new Error(
    "DATABASE_URL is not set and no embedded database is running. Set DATABASE_URL=postgresql://user:password@host:5432/db, or run `npm start` in another terminal first.",
  );
}
