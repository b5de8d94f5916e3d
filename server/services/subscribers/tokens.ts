import "server-only";
import { createHash, randomBytes } from "node:crypto";

/** 32 random bytes, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString("hex")}`;
}
