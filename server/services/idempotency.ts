import "server-only";
import { createHash } from "node:crypto";
import type { Tx } from "@/server/db/client";
import { AppError } from "@/server/errors";

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60_000;
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

export class IdempotencyKeyReusedError extends AppError {
  constructor() {
    super("VALIDATION", "This Idempotency-Key was already used with a different request.", undefined, {
      reason: "idempotency_key_reused",
    });
  }
}

export function isValidIdempotencyKey(key: string): boolean {
  return IDEMPOTENCY_KEY.test(key);
}

/** JSON with object keys sorted at every level: the same request however its whitespace and key order were written. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

export function hashRequest(method: string, path: string, params: unknown): string {
  return createHash("sha256")
    .update(`${method} ${path}\n${canonicalJson(params)}`)
    .digest("hex");
}

export type StoredResponse = { status: number; text: string };
type Claim = { apiKeyId: string; key: string; requestHash: string };

/**
 * Inside the request's transaction: waits for any concurrent request with the same key, then answers the stored
 * response of an earlier one (null when there is none); the same key with another request is refused.
 */
export async function replayIdempotentRequest(tx: Tx, claim: Claim): Promise<StoredResponse | null> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`idempotency:${claim.apiKeyId}:${claim.key}`}, 0))`;
  const stored = await tx.idempotencyRecord.findUnique({
    where: { apiKeyId_key: { apiKeyId: claim.apiKeyId, key: claim.key } },
  });
  if (!stored || stored.createdAt.getTime() < Date.now() - IDEMPOTENCY_TTL_MS) return null;
  if (stored.requestHash !== claim.requestHash) throw new IdempotencyKeyReusedError();
  // Rows stored before responses were kept as text hold the parsed JSON instead.
  return {
    status: stored.responseStatus,
    text: typeof stored.responseBody === "string" ? stored.responseBody : JSON.stringify(stored.responseBody),
  };
}

/** Stores the response in the same transaction as the change it reports; expired keys of the API key are dropped. */
export async function rememberIdempotentResponse(tx: Tx, claim: Claim, response: StoredResponse): Promise<void> {
  await tx.idempotencyRecord.deleteMany({
    where: { apiKeyId: claim.apiKeyId, createdAt: { lt: new Date(Date.now() - IDEMPOTENCY_TTL_MS) } },
  });
  await tx.idempotencyRecord.upsert({
    where: { apiKeyId_key: { apiKeyId: claim.apiKeyId, key: claim.key } },
    create: {
      apiKeyId: claim.apiKeyId,
      key: claim.key,
      requestHash: claim.requestHash,
      responseStatus: response.status,
      responseBody: response.text,
    },
    update: {
      requestHash: claim.requestHash,
      responseStatus: response.status,
      responseBody: response.text,
      createdAt: new Date(),
    },
  });
}
