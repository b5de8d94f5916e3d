import "server-only";
import type { PrismaClient } from "@/server/db/generated/client";
import type { DbOrTx, Tx } from "@/server/db/client";
import { inWriteTransaction } from "@/server/db/write-transaction";
import { notifyInvalidationAtCommit } from "@/server/cache/invalidation-bus";
import { applyCommittedInvalidation } from "@/server/cache/tagged-cache";

// The tags touched so far inside each transaction this module opened, by its transaction client.
const touchedByTransaction = new WeakMap<Tx, Set<string>>();

/** The cache tags a write reports as `tags` on its result (writes that change no public data report none). */
function touchedTags(result: unknown): string[] {
  const tags = (result as { tags?: unknown } | null | undefined)?.tags;
  return Array.isArray(tags) ? tags.filter((tag): tag is string => typeof tag === "string") : [];
}

/** A transaction's client lacks the connection methods of the root client. */
function isTransaction(db: DbOrTx): db is Tx {
  return !("$connect" in db);
}

/**
 * The one path by which a change to public data reaches every cache: the writer's transaction reports the tags it
 * touched, the notice to other instances commits with it, and this instance applies them once the commit returned.
 * Inside a transaction opened here, a write runs in a savepoint and its tags wait for the outer commit.
 */
export async function commitMutation<R>(
  db: DbOrTx,
  work: (tx: Tx) => Promise<R>,
  options: { timeoutMs?: number } = {},
): Promise<R> {
  if (isTransaction(db)) {
    const result = await inWriteTransaction(db as unknown as PrismaClient, work, options.timeoutMs);
    const outer = touchedByTransaction.get(db);
    for (const tag of touchedTags(result)) outer?.add(tag);
    return result;
  }
  let touched: string[] = [];
  const result = await inWriteTransaction(
    db,
    async (tx) => {
      const inner = new Set<string>();
      touchedByTransaction.set(tx, inner);
      const outcome = await work(tx);
      touched = [...new Set([...inner, ...touchedTags(outcome)])];
      await notifyInvalidationAtCommit(tx, touched);
      return outcome;
    },
    options.timeoutMs,
  );
  applyCommittedInvalidation(touched);
  return result;
}
