import "server-only";
import { getDb, type DbOrTx, type Tx } from "@/server/db/client";
import { inWriteTransaction } from "@/server/db/write-transaction";
import type { ActorContext } from "@/server/auth/actor";

export { actorUserId, authorize, SYSTEM_ACTOR, type Actor } from "@/server/auth/actor";

export type ServiceContext = ActorContext;

/** Runs `work` in the context's transaction when there is one, otherwise in a new transaction. */
export async function inTransaction<T>(ctx: ServiceContext, work: (tx: Tx) => Promise<T>): Promise<T> {
  const db = ctx.db ?? getDb();
  if ("$transaction" in db && typeof db.$transaction === "function") {
    return inWriteTransaction(db as ReturnType<typeof getDb>, work);
  }
  return work(db);
}

/** Runs reads on the context's transaction when there is one, otherwise on the shared client. */
export function readWith<T>(ctx: ServiceContext, read: (db: DbOrTx) => Promise<T>): Promise<T> {
  return read(ctx.db ?? getDb());
}
