import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { getDb, type DbOrTx } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { authorize, type Actor } from "@/server/auth/actor";
import { getAuthOptions } from "@/server/auth/auth-options";
import type { Role } from "@/lib/status";

export type SessionActor = Extract<Actor, { kind: "user" }> & { email: string; name: string };

type SessionShape = { userId?: unknown; sessionId?: unknown; sessionVersion?: unknown };

/** The signed-in user, re-read from the database: deactivated users and sessions older than a role change are refused. */
export const getCurrentActor = cache(async (): Promise<SessionActor | null> => {
  return actorFromSession(await getServerSession<ReturnType<typeof getAuthOptions>, SessionShape>(getAuthOptions()));
});

/**
 * Maps a decoded session cookie to its user. The cookie must name a server-side session that was not signed out
 * or revoked, of a user still active and unchanged since (role or password changes bump sessionVersion).
 */
export async function actorFromSession(
  session: SessionShape | null,
  db: DbOrTx = getDb(),
): Promise<SessionActor | null> {
  if (!session || typeof session.userId !== "string" || typeof session.sessionId !== "string") return null;
  const row = await db.consoleSession.findUnique({
    where: { id: session.sessionId },
    select: {
      userId: true,
      expiresAt: true,
      revokedAt: true,
      user: { select: { id: true, email: true, name: true, role: true, sessionVersion: true, deactivatedAt: true } },
    },
  });
  if (!row || row.revokedAt || row.expiresAt <= new Date() || row.userId !== session.userId) return null;
  const user = row.user;
  if (user.deactivatedAt || user.sessionVersion !== session.sessionVersion) return null;
  return { kind: "user", userId: user.id, role: user.role, label: user.email, email: user.email, name: user.name };
}

export async function requireActor(role: Role = "viewer"): Promise<SessionActor> {
  const actor = await getCurrentActor();
  if (!actor) throw new AppError("UNAUTHORIZED", "Your session has ended. Sign in again.");
  authorize(actor, role);
  return actor;
}
