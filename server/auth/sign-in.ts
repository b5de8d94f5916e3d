import "server-only";
import { getDb, type Db } from "@/server/db/client";
import type { Role } from "@/lib/status";
import { verifyAgainstDummy, verifyPassword } from "@/server/auth/password";
import {
  admitSignInAttempt,
  markSignInSucceeded,
  normalizeEmail,
  withdrawSignInAttempt,
  type SignInWait,
} from "@/server/auth/throttle";
import { isTrustedBrowserFor } from "@/server/auth/trusted-browser";
import { knownSignInHashing, strangerSignInHashing } from "@/server/auth/work-gate";
import { hasUnsafeText } from "@/lib/unsafe-text";

export const SIGN_IN_FAILED = "Incorrect email or password.";
export const SIGN_IN_THROTTLED = "Too many failed sign-in attempts.";
export const SIGN_IN_BUSY = "Too many sign-ins at once. Try again in a moment.";

export type SignedInUser = { id: string; email: string; name: string; role: Role; sessionVersion: number };

export class SignInError extends Error {}

function throttledMessage(wait: NonNullable<SignInWait>): string {
  if (wait.reason === "account") {
    return `${SIGN_IN_THROTTLED} Sign in from a browser or network you have used before, or try again in an hour.`;
  }
  const seconds = Math.ceil(wait.waitMs / 1000);
  const after = seconds < 90 ? `${seconds} second${seconds === 1 ? "" : "s"}` : `${Math.ceil(seconds / 60)} minutes`;
  return `${SIGN_IN_THROTTLED} Try again in ${after}.`;
}

/** Checks credentials with throttling; every failure reads the same whichever of email or password was wrong. */
export async function verifySignIn(input: {
  email: unknown;
  password: unknown;
  ip: string;
  trustedBrowserToken?: string;
  db?: Db;
}): Promise<SignedInUser> {
  const db = input.db ?? getDb();
  const email = typeof input.email === "string" ? normalizeEmail(input.email) : "";
  const password = typeof input.password === "string" ? input.password : "";
  if (!email || !password || email.length > 320 || password.length > 1024 || hasUnsafeText(email))
    throw new SignInError(SIGN_IN_FAILED);
  const user = await db.user.findUnique({ where: { email } });
  const trustedBrowser = user ? isTrustedBrowserFor(input.trustedBrowserToken, user.id) : false;
  const admission = await admitSignInAttempt(db, { email, ip: input.ip, trustedBrowser });
  if (!admission.admitted) throw new SignInError("busy" in admission ? SIGN_IN_BUSY : throttledMessage(admission.wait));
  let checked = false;
  let valid: boolean;
  try {
    valid = await (admission.known ? knownSignInHashing : strangerSignInHashing).run(() => {
      checked = true;
      return user ? verifyPassword(password, user.passwordHash) : verifyAgainstDummy(password);
    });
  } catch (error) {
    if (checked) throw error;
    await withdrawSignInAttempt(db, admission.attemptId);
    throw new SignInError(SIGN_IN_BUSY);
  }
  if (!user || !valid || user.deactivatedAt) throw new SignInError(SIGN_IN_FAILED);
  await markSignInSucceeded(db, admission.attemptId);
  await db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  return { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion };
}
