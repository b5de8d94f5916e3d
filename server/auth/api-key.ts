import "server-only";
import { getDb } from "@/server/db/client";
import { AppError } from "@/server/errors";
import type { Actor } from "@/server/auth/actor";
import { hashApiKeyToken, looksLikeApiKeyToken } from "@/server/auth/api-key-token";

export type ApiKeyActor = Extract<Actor, { kind: "api-key" }>;

const LAST_USED_PRECISION_MS = 60_000;

/** The actor behind `Authorization: Bearer <key>`; missing, unknown and revoked keys are refused with 401. */
export async function authenticateApiKey(request: Request): Promise<ApiKeyActor> {
  const header = request.headers.get("authorization");
  if (!header) throw new AppError("UNAUTHORIZED", "Send an API key as `Authorization: Bearer <key>`.");
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new AppError("UNAUTHORIZED", "The Authorization header must be `Bearer <key>`.");
  return authenticateApiKeyToken(match[1]);
}

/** The actor behind a key however it was sent; unknown and revoked keys are refused with 401. */
export async function authenticateApiKeyToken(token: string): Promise<ApiKeyActor> {
  if (!looksLikeApiKeyToken(token)) throw new AppError("UNAUTHORIZED", "That API key is not valid.");
  const db = getDb();
  const apiKey = await db.apiKey.findUnique({
    where: { hash: hashApiKeyToken(token) },
    select: { id: true, name: true, prefix: true, role: true, revokedAt: true, lastUsedAt: true },
  });
  if (!apiKey) throw new AppError("UNAUTHORIZED", "That API key is not valid.");
  if (apiKey.revokedAt) throw new AppError("UNAUTHORIZED", "That API key has been revoked.");
  const now = new Date();
  if (!apiKey.lastUsedAt || now.getTime() - apiKey.lastUsedAt.getTime() > LAST_USED_PRECISION_MS) {
    await db.apiKey.update({ where: { id: apiKey.id }, data: { lastUsedAt: now } });
  }
  return {
    kind: "api-key",
    apiKeyId: apiKey.id,
    role: apiKey.role,
    label: `API key "${apiKey.name}" (${apiKey.prefix}…)`,
  };
}
