import "server-only";
import { cookies } from "next/headers";
import { encode } from "next-auth/jwt";
import { getEnv } from "@/server/env";
import { getAuthOptions } from "@/server/auth/auth-options";
import { startConsoleSession } from "@/server/auth/console-sessions";

/** Signs a user in on this response with the same session cookie next-auth issues after a password sign-in. */
export async function startSession(user: { id: string; email: string; name: string; sessionVersion: number }) {
  const options = getAuthOptions();
  const maxAge = Math.round(getEnv().SESSION_MAX_AGE_HOURS * 3600);
  const secure = Boolean(options.useSecureCookies);
  // Like a password sign-in, the cookie names a server-side session, so signing out can revoke it.
  const sessionId = await startConsoleSession(user.id);
  const token = await encode({
    token: { sub: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion, sessionId },
    secret: options.secret!,
    maxAge,
  });
  (await cookies()).set(`${secure ? "__Secure-" : ""}next-auth.session-token`, token, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure,
    maxAge,
  });
}
