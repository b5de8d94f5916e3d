import "server-only";
import { getDb, type DbOrTx, type Tx } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { inWriteTransaction } from "@/server/db/write-transaction";
import { roleAtLeast, type Role } from "@/lib/status";

export type Actor =
  | { kind: "user"; userId: string; role: Role; label: string }
  | { kind: "api-key"; apiKeyId: string; role: Role; label: string }
  | { kind: "system"; role: "owner"; label: string }
  | { kind: "integration"; integrationId: string; role: "responder"; label: string };

/** What every service receives: who is acting, and optionally a transaction to run inside (tests roll back). */
export type ServiceContext = { actor: Actor; db?: DbOrTx };

export const SYSTEM_ACTOR: Actor = { kind: "system", role: "owner", label: "system" };

export function authorize(actor: Actor, required: Role): void {
  if (!roleAtLeast(actor.role, required)) {
    throw new AppError("FORBIDDEN", `This needs the ${required} role; you are signed in as ${actor.role}.`);
  }
}

/** Runs `work` in the context's transaction when there is one, otherwise in a new transaction. */
export async function inTransaction<T>(ctx: ServiceContext, work: (tx: Tx) => Promise<T>): Promise<T> {
  const db = ctx.db ?? getDb();
  if ("$transaction" in db && typeof db.$transaction === "function") {
    return inWriteTransaction(db as ReturnType<typeof getDb>, work);
  }
  return work(db as Tx);
}

/** Runs reads on the context's transaction when there is one, otherwise on the shared client. */
export function readWith<T>(ctx: ServiceContext, read: (db: DbOrTx) => Promise<T>): Promise<T> {
  return read(ctx.db ?? getDb());
}

export function actorUserId(actor: Actor): string | null {
  return actor.kind === "user" ? actor.userId : null;
}
