import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getEnv } from "@/server/env";
import { provideNextAuthEnvironment, readConfig } from "@/server/config";
import { SignInError, verifySignIn } from "@/server/auth/sign-in";
import { cookies } from "next/headers";
import { clientAddress } from "@/server/http/client-address";
import { revokeConsoleSession, startConsoleSession } from "@/server/auth/console-sessions";
import {
  issueTrustedBrowserToken,
  TRUSTED_BROWSER_COOKIE,
  TRUSTED_BROWSER_MAX_AGE_S,
} from "@/server/auth/trusted-browser";

function secureCookies(): boolean {
  const config = readConfig();
  return (config.NEXTAUTH_URL ?? config.PUBLIC_URL ?? "").startsWith("https://");
}

let options: NextAuthOptions | undefined;

/** Every next-auth entry point (the route handler, getServerSession) calls this first, before next-auth reads its URL. */
export function getAuthOptions(): NextAuthOptions {
  if (options) return options;
  provideNextAuthEnvironment();
  const env = getEnv();
  options = {
    secret: env.AUTH_SECRET,
    session: { strategy: "jwt", maxAge: Math.round(env.SESSION_MAX_AGE_HOURS * 3600) },
    jwt: { maxAge: Math.round(env.SESSION_MAX_AGE_HOURS * 3600) },
    useSecureCookies: secureCookies(),
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          try {
            const jar = await cookies();
            const user = await verifySignIn({
              email: credentials?.email,
              password: credentials?.password,
              ip: clientAddress(req?.headers),
              trustedBrowserToken: jar.get(TRUSTED_BROWSER_COOKIE)?.value,
            });
            jar.set(TRUSTED_BROWSER_COOKIE, issueTrustedBrowserToken(user.id), {
              httpOnly: true,
              sameSite: "lax",
              secure: secureCookies(),
              path: "/api/auth",
              maxAge: TRUSTED_BROWSER_MAX_AGE_S,
            });
            return {
              id: user.id,
              email: user.email,
              name: user.name,
              role: user.role,
              sessionVersion: user.sessionVersion,
            };
          } catch (error) {
            if (error instanceof SignInError) throw new Error(error.message);
            console.error(error);
            throw new Error("Sign-in is unavailable right now. Try again in a moment.");
          }
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          const signedIn = user as typeof user & { sessionVersion: number };
          token.sub = signedIn.id;
          token.sessionVersion = signedIn.sessionVersion;
          token.sessionId = await startConsoleSession(signedIn.id);
        }
        return token;
      },
      async session({ session, token }) {
        return { ...session, userId: token.sub, sessionId: token.sessionId, sessionVersion: token.sessionVersion };
      },
    },
    events: {
      async signOut({ token }) {
        await revokeConsoleSession(token?.sessionId);
      },
    },
  };
  return options;
}
