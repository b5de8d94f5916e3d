import { afterEach, describe, expect, it, vi } from "vitest";
import { createScratchDatabase } from "../support/scratch-database";

const globalForDb = globalThis as unknown as { statuspageDb?: { $disconnect(): Promise<void> } };

async function freshHealthModule(databaseUrl: string) {
  await globalForDb.statuspageDb?.$disconnect();
  delete globalForDb.statuspageDb;
  process.env.DATABASE_URL = databaseUrl;
  vi.resetModules();
  return import("@/app/api/health/route");
}

const original = process.env.DATABASE_URL!;

afterEach(async () => {
  await freshHealthModule(original);
});

describe("GET /api/health", () => {
  it("answers 200 with the app and database healthy", async () => {
    const { GET } = await freshHealthModule(original);
    const response = await GET();
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = await response.json();
    expect(body.status).toBe("ok");
    expect(body.database.status).toBe("ok");
    expect(typeof body.database.latencyMs).toBe("number");
  });

  it("answers 503 quickly when PostgreSQL is unreachable", async () => {
    const { GET } = await freshHealthModule("postgresql://postgres@127.0.0.1:1/nowhere");
    const started = Date.now();
    const response = await GET();
    expect(response.status).toBe(503);
    const body = await response.json();
    expect(body).toMatchObject({ status: "degraded", app: { status: "ok" }, database: { status: "unreachable" } });
    expect(Date.now() - started).toBeLessThan(6_000);
  });

  it("answers 503 naming the missing tables when the database was reset under the running app", async () => {
    const scratch = await createScratchDatabase("health_unmigrated");
    try {
      const { GET } = await freshHealthModule(scratch.url);
      const response = await GET();
      expect(response.status).toBe(503);
      const body = await response.json();
      expect(body).toMatchObject({ status: "degraded", database: { status: "not migrated" } });
      expect(body.database.error).toContain("npm run db:migrate");
    } finally {
      await globalForDb.statuspageDb?.$disconnect();
      delete globalForDb.statuspageDb;
      await scratch.drop();
    }
  });
});
