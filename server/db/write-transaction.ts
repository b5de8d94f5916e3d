import "server-only";
import type { PrismaClient } from "@/server/db/generated/client";
import type { Tx } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { readConfig } from "@/server/config";

// Clocks of the app and database hosts may disagree by this much: the app gives up only after the database would
// refuse the commit by its own clock.
const CLOCK_MARGIN_MS = 1_000;

export const NOTHING_SAVED = "The database did not answer in time, so nothing was saved. Try again in a moment.";

function isDeadlineRefusal(error: unknown): boolean {
  return (
    error instanceof Error &&
    /statuspage_commit_deadline|statuspage_write_abandoned/.test(
      `${error.message} ${String((error as { cause?: unknown }).cause ?? "")}`,
    )
  );
}

/**
 * Runs a write transaction that either commits in time or never does. Once it has begun, its deadline travels with
 * it (statuspage.commit_deadline) and a check inside COMMIT refuses it afterwards; before that, a late start is
 * abandoned in the app. So when the database freezes and the caller is told "nothing was saved", a thaw cannot make
 * that untrue.
 */
export async function inWriteTransaction<T>(
  db: PrismaClient,
  work: (tx: Tx) => Promise<T>,
  writeTimeoutMs?: number,
): Promise<T> {
  const config = readConfig();
  const timeoutMs = writeTimeoutMs ?? config.DATABASE_WRITE_TIMEOUT_MS;
  // Getting a connection and BEGIN answered: nothing has been sent that could commit, so giving up here is always safe.
  const startTimeoutMs = config.DATABASE_WRITE_START_TIMEOUT_MS;
  let abandoned = false;
  let giveUp: (error: AppError) => void = () => {};
  const gaveUp = new Promise<never>((_, reject) => (giveUp = reject));
  const abandon = () => {
    abandoned = true;
    giveUp(new AppError("UNAVAILABLE", NOTHING_SAVED));
  };
  let timer = setTimeout(abandon, startTimeoutMs);
  const transaction = db.$transaction(
    async (tx) => {
      if (abandoned) throw new Error("statuspage_write_abandoned");
      clearTimeout(timer);
      const deadline = new Date(Date.now() + timeoutMs);
      timer = setTimeout(abandon, timeoutMs + CLOCK_MARGIN_MS);
      await tx.$executeRaw`SELECT set_config('statuspage.commit_deadline', ${deadline.toISOString()}, true)`;
      const result = await work(tx);
      if (abandoned) throw new Error("statuspage_write_abandoned");
      return result;
    },
    { timeout: timeoutMs + 2 * CLOCK_MARGIN_MS, maxWait: startTimeoutMs },
  );
  // Once given up on, the transaction's own outcome (a refused commit, a rollback) has no one left to tell.
  transaction.catch(() => {});
  try {
    return await Promise.race([transaction, gaveUp]);
  } catch (error) {
    if (isDeadlineRefusal(error)) throw new AppError("UNAVAILABLE", NOTHING_SAVED);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
