import "server-only";
import type { Db, DbOrTx } from "@/server/db/client";
import { inWriteTransaction } from "@/server/db/write-transaction";
import { GateBusyError, KeyedWorkGate, SERVER_BUSY } from "@/server/auth/work-gate";

export const SIGN_IN_WINDOW_MS = 15 * 60_000;
/** Failures one address may make on one account before each further try waits twice as long as the last. */
export const FREE_FAILURES_PER_ACCOUNT_AND_ADDRESS = 5;
/** Failures one address may make across all accounts before its tries slow down the same way. */
export const FREE_FAILURES_PER_ADDRESS = 20;
export const FIRST_DELAY_MS = 1_000;
export const MAX_DELAY_MS = 15 * 60_000;
/** Failures on one account from everywhere, per hour, after which only known addresses and browsers may try. */
export const ACCOUNT_CEILING = 100;
/** The most failures one address adds towards that ceiling, so it takes many addresses to reach it. */
export const ACCOUNT_CEILING_FAILURES_PER_ADDRESS = FREE_FAILURES_PER_ACCOUNT_AND_ADDRESS;
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

export type SignInAdmission =
  | { admitted: true; attemptId: string; known: boolean }
  | { admitted: false; wait: NonNullable<SignInWait> }
  | { admitted: false; busy: true };

type AttemptInput = { email: string; ip: string; trustedBrowser: boolean; now?: Date };

// Tries are decided one at a time per address and per account. Here they wait in memory, not on an advisory lock
// holding a pooled connection; the advisory locks keep other processes in step.
const addressTurns = new KeyedWorkGate(16, SERVER_BUSY);
const accountTurns = new KeyedWorkGate(32, SERVER_BUSY);

async function lock(db: DbOrTx, key: string) {
  await db.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`sign-in:${key}`}, 0))`;
}

function lastSuccessFrom(db: DbOrTx, email: string, ip: string, now: Date) {
  return db.signInAttempt.findFirst({
    where: { email, ip, succeeded: true, createdAt: { gte: new Date(now.getTime() - KNOWN_ADDRESS_MS) } },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
  });
}

/**
 * Whether this try must wait. Failures slow down the address that makes them (per account and overall), so a
 * stranger cannot lock a responder out; past the per-account ceiling, which no one address can reach, unknown
 * addresses and browsers are refused. Locks the address, then (unless known) the account, until the transaction ends.
 */
async function decide(db: DbOrTx, input: AttemptInput): Promise<{ wait: SignInWait; known: boolean; now: Date }> {
  const email = normalizeEmail(input.email);
  await lock(db, `address:${input.ip}`);
  const now = input.now ?? new Date();
  const windowStart = new Date(now.getTime() - SIGN_IN_WINDOW_MS);
  const lastSuccessHere = await lastSuccessFrom(db, email, input.ip, now);
  const known = lastSuccessHere !== null || input.trustedBrowser;
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
  if (waitUntil > now.getTime()) return { wait: { waitMs: waitUntil - now.getTime(), reason: "address" }, known, now };
  if (known) return { wait: null, known, now };
  await lock(db, `account:${email}`);
  const [{ failures }] = await db.$queryRaw<[{ failures: number }]>`
    SELECT COALESCE(SUM(LEAST(per_address.count, ${ACCOUNT_CEILING_FAILURES_PER_ADDRESS}::int)), 0)::int AS failures
    FROM (
      SELECT count(*) AS count FROM sign_in_attempts
      WHERE email = ${email} AND succeeded = false
        AND created_at >= ${new Date(now.getTime() - ACCOUNT_CEILING_WINDOW_MS)}
      GROUP BY ip
    ) AS per_address`;
  const wait = failures >= ACCOUNT_CEILING ? { waitMs: ACCOUNT_CEILING_WINDOW_MS, reason: "account" as const } : null;
  return { wait, known, now };
}

/** What `admitSignInAttempt` would decide now, without recording anything. */
export async function signInWait(db: DbOrTx, input: AttemptInput): Promise<SignInWait> {
  return (await decide(db, input)).wait;
}

/**
 * Decides whether this try may check a password and, when it may, records it as a failure before the check, so the
 * next try is decided with this one counted. The caller marks the attempt succeeded once the password proves right,
 * or withdraws it if the password was never checked.
 */
export async function admitSignInAttempt(db: Db, input: AttemptInput): Promise<SignInAdmission> {
  const email = normalizeEmail(input.email);
  const admit = () =>
    inWriteTransaction(db, async (tx): Promise<SignInAdmission> => {
      const { wait, known, now } = await decide(tx, input);
      if (wait) return { admitted: false, wait };
      const { id } = await tx.signInAttempt.create({
        data: { email: email.slice(0, 320), ip: input.ip.slice(0, 100), succeeded: false, createdAt: now },
        select: { id: true },
      });
      return { admitted: true, attemptId: id, known };
    });
  try {
    return await addressTurns.run(input.ip, async () => {
      const known = input.trustedBrowser || (await lastSuccessFrom(db, email, input.ip, new Date())) !== null;
      return known ? admit() : accountTurns.run(email, admit);
    });
  } catch (error) {
    if (error instanceof GateBusyError) return { admitted: false, busy: true };
    throw error;
  }
}

export async function markSignInSucceeded(db: DbOrTx, attemptId: string) {
  await db.signInAttempt.update({ where: { id: attemptId }, data: { succeeded: true } });
}

export async function withdrawSignInAttempt(db: DbOrTx, attemptId: string) {
  await db.signInAttempt.deleteMany({ where: { id: attemptId } });
}
