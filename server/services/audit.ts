import "server-only";
import type { Tx } from "@/server/db/client";
import type { Actor } from "@/server/services/context";

export type AuditEntry = {
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
};

function toJson(value: unknown) {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(JSON.stringify(value));
}

/** Writes one audit row inside the transaction of the change it records. */
export async function writeAudit(tx: Tx, actor: Actor, entry: AuditEntry) {
  await tx.auditLog.create({
    data: {
      actorId: actor.kind === "user" ? actor.userId : null,
      actorLabel: actor.label,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      before: toJson(entry.before),
      after: toJson(entry.after),
    },
  });
}
