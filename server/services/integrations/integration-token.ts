import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

const PREFIX = "spi_";

/** A new integration secret, recognisable by its "spi_" prefix; only its SHA-256 hash is stored. */
export function generateIntegrationToken(): string {
  return `${PREFIX}${randomBytes(32).toString("base64url")}`;
}

export function hashIntegrationToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function tokenPrefix(token: string): string {
  return token.slice(0, PREFIX.length + 6);
}

export function tokenMatches(token: string, hash: string): boolean {
  const given = Buffer.from(hashIntegrationToken(token), "hex");
  const stored = Buffer.from(hash, "hex");
  return given.length === stored.length && timingSafeEqual(given, stored);
}
