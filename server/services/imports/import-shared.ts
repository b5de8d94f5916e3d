import "server-only";
import { createHash } from "node:crypto";
import type { z } from "zod";
import type { Tx } from "@/server/db/client";
import { AppError, toFieldErrors } from "@/server/errors";
import type { Actor } from "@/server/services/context";

export const IMPORTER_ACTOR: Actor = { kind: "system", role: "owner", label: "Statuspage importer" };

export type ImportOutcome = { outcome: "created" | "updated" | "unchanged" } | { outcome: "skipped"; reason: string };

export function fingerprintOf(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("hex");
}

/** Parses a source object; a malformed one is skipped with the fields at fault, never half-imported. */
export function parseSource<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields = Object.entries(toFieldErrors(parsed.error.issues, "object"))
    .slice(0, 3)
    .map(([path, messages]) => `${path}: ${messages.join(" ")}`);
  throw new AppError("VALIDATION", `Malformed source object (${fields.join("; ")}).`);
}

/** True when this source object was imported before with the same content and its local copy still exists. */
export async function isUnchanged(
  tx: Tx,
  objectType: string,
  sourceId: string,
  fingerprint: string,
  localExists: boolean,
) {
  if (!localExists) return false;
  const record = await tx.importRecord.findUnique({
    where: { objectType_sourceId: { objectType, sourceId } },
    select: { fingerprint: true },
  });
  return record?.fingerprint === fingerprint;
}

export async function recordImport(tx: Tx, objectType: string, sourceId: string, localId: string, fingerprint: string) {
  await tx.importRecord.upsert({
    where: { objectType_sourceId: { objectType, sourceId } },
    create: { objectType, sourceId, localId, fingerprint },
    update: { localId, fingerprint, importedAt: new Date() },
  });
}
