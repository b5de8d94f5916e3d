import "server-only";
import { getDb, type DbOrTx } from "@/server/db/client";
import { getEnv } from "@/server/env";

/**
 * Records a new signed-in browser and clears this user's expired ones; the id goes into the session cookie. Every
 * way in (a password sign-in, the owner that first-run set-up signs in) counts as the user's last sign-in.
 */
export async function startConsoleSession(userId: string, db: DbOrTx = getDb(), now = new Date()): Promise<string> {
  const expiresAt = new Date(now.getTime() + getEnv().SESSION_MAX_AGE_HOURS * 3_600_000);
  await db.consoleSession.deleteMany({ where: { userId, expiresAt: { lt: now } } });
  await db.user.update({ where: { id: userId }, data: { lastSignInAt: now } });
  const session = await db.consoleSession.create({ data: { userId, expiresAt }, select: { id: true } });
  return session.id;
}

/** Ends one session, so its cookie is refused even if someone kept a copy. */
export async function revokeConsoleSession(sessionId: unknown, db: DbOrTx = getDb()): Promise<void> {
  if (typeof sessionId !== "string") return;
  await db.consoleSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
}

/** Ends every session of a user (deactivation, role or password change). */
export async function revokeUserSessions(db: DbOrTx, userId: string): Promise<void> {
  await db.consoleSession.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
}
