import "server-only";
import { getDb, type DbOrTx } from "@/server/db/client";
import type { Role } from "@/lib/status";
import { verifyAgainstDummy, verifyPassword } from "@/server/auth/password";
import { isSignInThrottled, normalizeEmail, recordSignInAttempt } from "@/server/auth/throttle";

export const SIGN_IN_FAILED = "Incorrect email or password.";
export const SIGN_IN_THROTTLED = "Too many failed sign-in attempts. Wait 15 minutes and try again.";

export type SignedInUser = { id: string; email: string; name: string; role: Role; sessionVersion: number };

export class SignInError extends Error {}

/** Checks credentials with throttling; every failure reads the same whichever of email or password was wrong. */
export async function verifySignIn(input: { email: unknown; password: unknown; ip: string; db?: DbOrTx }): Promise<SignedInUser> {
  const db = input.db ?? getDb();
  const email = typeof input.email === "string" ? normalizeEmail(input.email) : "";
  const password = typeof input.password === "string" ? input.password : "";
  if (!email || !password || email.length > 320 || password.length > 1024) throw new SignInError(SIGN_IN_FAILED);
  if (await isSignInThrottled(db, email, input.ip)) throw new SignInError(SIGN_IN_THROTTLED);
  const user = await db.user.findUnique({ where: { email } });
  const valid = user ? await verifyPassword(password, user.passwordHash) : await verifyAgainstDummy(password);
  if (!user || !valid || user.deactivatedAt) {
    await recordSignInAttempt(db, email, input.ip, false);
    throw new SignInError(SIGN_IN_FAILED);
  }
  await recordSignInAttempt(db, email, input.ip, true);
  await db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  return { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion };
}

export function clientAddress(headers: Record<string, unknown> | Headers | undefined): string {
  const get = (name: string): string | undefined => {
    if (!headers) return undefined;
    if (headers instanceof Headers) return headers.get(name) ?? undefined;
    const value = headers[name];
    return typeof value === "string" ? value : Array.isArray(value) ? String(value[0]) : undefined;
  };
  // The last hop is the one our own proxy (or Next itself) appended; earlier entries are whatever the client sent.
  const forwarded = get("x-forwarded-for")?.split(",").at(-1)?.trim();
  return forwarded || get("x-real-ip") || "unknown";
}
