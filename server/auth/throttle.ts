import "server-only";
import type { DbOrTx } from "@/server/db/client";

export const SIGN_IN_WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** True when this account or this address failed too often within the window. */
export async function isSignInThrottled(db: DbOrTx, email: string, ip: string, now = new Date()): Promise<boolean> {
  const since = new Date(now.getTime() - SIGN_IN_WINDOW_MS);
  const [byAccount, byAddress] = await Promise.all([
    db.signInAttempt.count({ where: { email: normalizeEmail(email), succeeded: false, createdAt: { gte: since } } }),
    db.signInAttempt.count({ where: { ip, succeeded: false, createdAt: { gte: since } } }),
  ]);
  return byAccount >= MAX_FAILURES_PER_ACCOUNT || byAddress >= MAX_FAILURES_PER_ADDRESS;
}

export async function recordSignInAttempt(db: DbOrTx, email: string, ip: string, succeeded: boolean) {
  await db.signInAttempt.create({ data: { email: normalizeEmail(email).slice(0, 320), ip: ip.slice(0, 100), succeeded } });
}
