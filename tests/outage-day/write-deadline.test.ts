import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { inWriteTransaction, NOTHING_SAVED } from "@/server/db/write-transaction";
import { AppError } from "@/server/errors";
import pg from "pg";

async function lockAuditLog() {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  await client.query("BEGIN");
  await client.query("LOCK TABLE audit_log IN ACCESS EXCLUSIVE MODE");
  return {
    async release() {
      await client.query("COMMIT");
      await client.end();
    },
  };
}

describe("write transactions with a deadline", () => {
  it("commit normally within their deadline", async () => {
    const marker = `deadline-ok-${Date.now()}`;
    await inWriteTransaction(
      getDb(),
      (tx) => tx.auditLog.create({ data: { action: marker, entityType: "test", entityId: "t1", actorLabel: "test" } }),
      20_000,
    );
    expect(await getDb().auditLog.count({ where: { action: marker } })).toBe(1);
  });

  it("are refused inside COMMIT when the commit reaches the database after the deadline, and say nothing was saved", async () => {
    const marker = `deadline-late-${Date.now()}`;
    const attempt = inWriteTransaction(
      getDb(),
      async (tx) => {
        await tx.auditLog.create({ data: { action: marker, entityType: "test", entityId: "t2", actorLabel: "test" } });
        // The database is slow to reach COMMIT (as after a freeze): the deadline has passed by its own clock.
        await tx.$executeRaw`SELECT pg_sleep(1.2)`;
      },
      1_000,
    );
    await expect(attempt).rejects.toThrow(NOTHING_SAVED);
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    expect(await getDb().auditLog.count({ where: { action: marker } })).toBe(0);
  });

  it("give up after the deadline even when the database never answers, and never commit afterwards", async () => {
    const marker = `deadline-hung-${Date.now()}`;
    // Another session holds a lock the write needs, so it cannot finish before its deadline (as if frozen).
    const holder = await lockAuditLog();
    const started = Date.now();
    const attempt = inWriteTransaction(
      getDb(),
      (tx) => tx.auditLog.create({ data: { action: marker, entityType: "test", entityId: "t3", actorLabel: "test" } }),
      300,
    );
    await expect(attempt).rejects.toThrow(NOTHING_SAVED);
    expect(Date.now() - started).toBeLessThan(3_000);
    await holder.release();
    // Taking the lock again waits until the abandoned write's transaction has ended, however it ended.
    const after = await lockAuditLog();
    await after.release();
    expect(await getDb().auditLog.count({ where: { action: marker } })).toBe(0);
  });
});
