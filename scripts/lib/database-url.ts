import path from "node:path";
import { isProcessAlive, readInstanceRecord } from "./instance-lock";
import { projectRoot } from "./project-root";

export { projectRoot };
export const dataRoot = process.env.STATUSPAGE_DATA_DIR
  ? path.resolve(process.env.STATUSPAGE_DATA_DIR)
  : path.join(projectRoot, ".data");
export const runtimeFile = path.join(dataRoot, "runtime.json");

/** DATABASE_URL, or the embedded database of a running `npm start`. */
export async function readDatabaseUrl(): Promise<string> {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const runtime = await readInstanceRecord(runtimeFile);
  if (runtime?.databaseUrl && isProcessAlive(runtime.pid)) return runtime.databaseUrl;
  if (runtime?.databaseUrl)
    throw new Error(
      `The \`npm start\` that ran the embedded database (process ${runtime.pid}) is not running any more. Run \`npm start\` in another terminal first, or set DATABASE_URL.`,
    );
  if (runtime)
    throw new Error(
      `The running \`npm start\` (process ${runtime.pid}) uses its own DATABASE_URL, or has not started its database yet. Set DATABASE_URL to the same database.`,
    );
  throw new Error(
    "DATABASE_URL is not set and no embedded database is running. Set DATABASE_URL=postgresql://user:password@host:5432/db, or run `npm start` in another terminal first.",
  );
}
