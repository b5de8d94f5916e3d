import "server-only";
import { getDb, type DbOrTx } from "@/server/db/client";
import type { Role } from "@/lib/status";
import { verifyAgainstDummy, verifyPassword } from "@/server/auth/password";
import { normalizeEmail, recordSignInAttempt, signInWait, type SignInWait } from "@/server/auth/throttle";
import { isTrustedBrowserFor } from "@/server/auth/trusted-browser";
import { hasUnsafeText } from "@/lib/unsafe-text";

export const SIGN_IN_FAILED = "Incorrect email or password.";
export const SIGN_IN_THROTTLED = "Too many failed sign-in attempts.";

export type SignedInUser = { id: string; email: string; name: string; role: Role; sessionVersion: number };

export class SignInError extends Error {}

function throttledMessage(wait: NonNullable<SignInWait>): string {
  if (wait.reason === "account") {
    return `${SIGN_IN_THROTTLED} Sign in from a browser or network you have used before, or try again in an hour.`;
  }
  const seconds = Math.ceil(wait.waitMs / 1000);
  return `${SIGN_IN_THROTTLED} Try again in ${seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`}.`;
}

/** Checks credentials with throttling; every failure reads the same whichever of email or password was wrong. */
export async function verifySignIn(input: {
  email: unknown;
  password: unknown;
  ip: string;
  trustedBrowserToken?: string;
  db?: DbOrTx;
}): Promise<SignedInUser> {
  const db = input.db ?? getDb();
  const email = typeof input.email === "string" ? normalizeEmail(input.email) : "";
  const password = typeof input.password === "string" ? input.password : "";
  if (!email || !password || email.length > 320 || password.length > 1024 || hasUnsafeText(email))
    throw new SignInError(SIGN_IN_FAILED);
  const user = await db.user.findUnique({ where: { email } });
  const trustedBrowser = user ? isTrustedBrowserFor(input.trustedBrowserToken, user.id) : false;
  const wait = await signInWait(db, { email, ip: input.ip, trustedBrowser });
  if (wait) throw new SignInError(throttledMessage(wait));
  const valid = user ? await verifyPassword(password, user.passwordHash) : await verifyAgainstDummy(password);
  if (!user || !valid || user.deactivatedAt) {
    await recordSignInAttempt(db, email, input.ip, false);
    throw new SignInError(SIGN_IN_FAILED);
  }
  await recordSignInAttempt(db, email, input.ip, true);
  await db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  return { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion };
}
