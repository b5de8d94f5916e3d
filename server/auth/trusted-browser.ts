import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { getEnv } from "@/server/env";

/** Set on a browser after it signs in, so that browser still gets in while strangers hammer the account. */
export const TRUSTED_BROWSER_COOKIE = "statuspage-trusted-browser";
export const TRUSTED_BROWSER_MAX_AGE_S = 180 * 24 * 3600;

function sign(payload: string): string {
  return createHmac("sha256", getEnv().AUTH_SECRET).update(`trusted-browser:${payload}`).digest("base64url");
}

export function issueTrustedBrowserToken(userId: string, now = Date.now()): string {
  const payload = `${userId}.${now.toString(36)}`;
  return `${payload}.${sign(payload)}`;
}

/** True when the token was issued by this server to this user within its lifetime. */
export function isTrustedBrowserFor(token: string | undefined, userId: string, now = Date.now()): boolean {
  if (!token) return false;
  const parts = token.split(".");
  if (parts.length !== 3 || parts[0] !== userId) return false;
  const issuedAt = parseInt(parts[1], 36);
  if (!Number.isFinite(issuedAt) || now - issuedAt > TRUSTED_BROWSER_MAX_AGE_S * 1000 || issuedAt > now + 60_000)
    return false;
  const expected = Buffer.from(sign(`${parts[0]}.${parts[1]}`));
  const actual = Buffer.from(parts[2]);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
