import "server-only";
import type { DbOrTx } from "@/server/db/client";

export const SIGN_IN_WINDOW_MS = 15 * 60_000;
/** Failures one address may make on one account before each further try waits twice as long as the last. */
export const FREE_FAILURES_PER_ACCOUNT_AND_ADDRESS = 5;
/** Failures one address may make across all accounts before its tries slow down the same way. */
export const FREE_FAILURES_PER_ADDRESS = 20;
export const FIRST_DELAY_MS = 1_000;
export const MAX_DELAY_MS = 15 * 60_000;
/** Failures on one account from everywhere, per hour, after which only known addresses and browsers may try. */
export const ACCOUNT_CEILING = 100;
export const ACCOUNT_CEILING_WINDOW_MS = 60 * 60_000;
/** An address that signed in to the account this recently is a known one. */
export const KNOWN_ADDRESS_MS = 30 * 24 * 60 * 60_000;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** How long after the last failure the next try may come: nothing for the free failures, then 1 s, 2 s, 4 s… up to 15 minutes. */
export function delayAfterFailures(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(FIRST_DELAY_MS * 2 ** (failures - free), MAX_DELAY_MS);
}

export type SignInWait = { waitMs: number; reason: "address" | "account" } | null;

/**
 * Whether this try must wait. Failures slow down the address that makes them (per account and overall), so a
 * stranger cannot lock a responder out; only past the per-account ceiling are unknown addresses and browsers refused.
 */
export async function signInWait(
  db: DbOrTx,
  input: { email: string; ip: string; trustedBrowser: boolean; now?: Date },
): Promise<SignInWait> {
  const now = input.now ?? new Date();
  const email = normalizeEmail(input.email);
  const windowStart = new Date(now.getTime() - SIGN_IN_WINDOW_MS);
  const lastSuccessHere = await db.signInAttempt.findFirst({
    where: { email, ip: input.ip, succeeded: true, createdAt: { gte: new Date(now.getTime() - KNOWN_ADDRESS_MS) } },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
  });
  const pairSince =
    lastSuccessHere && lastSuccessHere.createdAt > windowStart ? lastSuccessHere.createdAt : windowStart;
  const [pair, address] = await Promise.all([
    db.signInAttempt.aggregate({
      where: { email, ip: input.ip, succeeded: false, createdAt: { gt: pairSince } },
      _count: true,
      _max: { createdAt: true },
    }),
    db.signInAttempt.aggregate({
      where: { ip: input.ip, succeeded: false, createdAt: { gte: windowStart } },
      _count: true,
      _max: { createdAt: true },
    }),
  ]);
  const waitUntil = Math.max(
    (pair._max.createdAt?.getTime() ?? 0) + delayAfterFailures(pair._count, FREE_FAILURES_PER_ACCOUNT_AND_ADDRESS),
    (address._max.createdAt?.getTime() ?? 0) + delayAfterFailures(address._count, FREE_FAILURES_PER_ADDRESS),
  );
  if (waitUntil > now.getTime()) return { waitMs: waitUntil - now.getTime(), reason: "address" };
  if (lastSuccessHere || input.trustedBrowser) return null;
  const accountFailures = await db.signInAttempt.count({
    where: { email, succeeded: false, createdAt: { gte: new Date(now.getTime() - ACCOUNT_CEILING_WINDOW_MS) } },
  });
  return accountFailures >= ACCOUNT_CEILING ? { waitMs: ACCOUNT_CEILING_WINDOW_MS, reason: "account" } : null;
}

export async function recordSignInAttempt(db: DbOrTx, email: string, ip: string, succeeded: boolean) {
  await db.signInAttempt.create({
    data: { email: normalizeEmail(email).slice(0, 320), ip: ip.slice(0, 100), succeeded },
  });
}
