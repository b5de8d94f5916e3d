import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { getDb } from "@/server/db/client";

export type HealthReport = {
  status: "ok" | "degraded";
  app: { status: "ok"; uptimeSeconds: number; version: string };
  database: { status: "ok" | "unreachable" | "not migrated"; latencyMs: number | null; error?: string };
  checkedAt: string;
};

const CHECK_TIMEOUT_MS = 4_000;

let version: string | undefined;

/** The version in the package.json the server was started from, as npm start reports it. */
function appVersion(): string {
  try {
    version ??= z
      .object({ version: z.string() })
      .parse(JSON.parse(readFileSync(path.join(process.cwd(), "package.json"), "utf8"))).version;
  } catch {
    version = "unknown";
  }
  return version;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

/** Checks the app and its database; never throws. */
export async function checkHealth(): Promise<HealthReport> {
  const started = Date.now();
  let database: HealthReport["database"];
  try {
    // A real table, not `SELECT 1`: a database reset under a running app answers, but cannot serve a page.
    await withTimeout(getDb().$queryRaw`SELECT 1 FROM page_settings LIMIT 1`, CHECK_TIMEOUT_MS);
    database = { status: "ok", latencyMs: Date.now() - started };
  } catch (error) {
    database = /page_settings|42P01/.test(String((error as Error)?.message))
      ? {
          status: "not migrated",
          latencyMs: null,
          error: "The database has no status page tables: run npm run db:migrate, or restart npm start",
        }
      : { status: "unreachable", latencyMs: null, error: "PostgreSQL did not answer" };
  }
  return {
    status: database.status === "ok" ? "ok" : "degraded",
    app: {
      status: "ok",
      uptimeSeconds: Math.round(process.uptime()),
      version: appVersion(),
    },
    database,
    checkedAt: new Date().toISOString(),
  };
}
