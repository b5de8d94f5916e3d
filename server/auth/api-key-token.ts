import "server-only";
import { createHash, randomBytes } from "node:crypto";

const TOKEN_PREFIX = "sp_";
export const DISPLAY_PREFIX_LENGTH = TOKEN_PREFIX.length + 8;

/** A new secret: 32 random bytes, recognisable by its "sp_" prefix in logs and secret scanners. */
export function generateApiKeyToken(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
}

export function hashApiKeyToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function displayPrefix(token: string): string {
  return token.slice(0, DISPLAY_PREFIX_LENGTH);
}

export function looksLikeApiKeyToken(token: string): boolean {
  return /^sp_[A-Za-z0-9_-]{43}$/.test(token);
}
