import "server-only";
import type { DbOrTx } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { roleAtLeast, type Role } from "@/lib/status";

export type Actor =
  | { kind: "user"; userId: string; role: Role; label: string }
  | { kind: "api-key"; apiKeyId: string; role: Role; label: string }
  | { kind: "system"; role: "owner"; label: string }
  | { kind: "integration"; integrationId: string; role: "responder"; label: string };

/** Who is acting, and optionally a transaction to run inside (tests roll back). Services and admin queries take it. */
export type ActorContext = { actor: Actor; db?: DbOrTx };

export const SYSTEM_ACTOR: Actor = { kind: "system", role: "owner", label: "system" };

export function authorize(actor: Actor, required: Role): void {
  if (!roleAtLeast(actor.role, required)) {
    throw new AppError("FORBIDDEN", `This needs the ${required} role; you are signed in as ${actor.role}.`);
  }
}

export function actorUserId(actor: Actor): string | null {
  return actor.kind === "user" ? actor.userId : null;
}
