import "server-only";
import { getDb, type DbOrTx, type Tx } from "@/server/db/client";
import { commitMutation } from "@/server/cache/commit-mutation";
import type { ActorContext } from "@/server/auth/actor";

export { actorUserId, authorize, SYSTEM_ACTOR, type Actor } from "@/server/auth/actor";

export type ServiceContext = ActorContext;

/**
 * Runs `work` in a transaction that publishes the cache tags it reports (as `tags` on its result) as it commits;
 * inside the context's transaction, when it has one, in a savepoint whose tags wait for that transaction's commit.
 */
export async function inTransaction<T>(ctx: ServiceContext, work: (tx: Tx) => Promise<T>): Promise<T> {
  return commitMutation(ctx.db ?? getDb(), work);
}

/** Runs reads on the context's transaction when there is one, otherwise on the shared client. */
export function readWith<T>(ctx: ServiceContext, read: (db: DbOrTx) => Promise<T>): Promise<T> {
  return read(ctx.db ?? getDb());
}
