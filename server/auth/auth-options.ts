import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getEnv } from "@/server/env";
import { SignInError, verifySignIn } from "@/server/auth/sign-in";
import { cookies } from "next/headers";
import { clientAddress } from "@/server/http/client-address";
import { revokeConsoleSession, startConsoleSession } from "@/server/auth/console-sessions";
import {
  issueTrustedBrowserToken,
  TRUSTED_BROWSER_COOKIE,
  TRUSTED_BROWSER_MAX_AGE_S,
} from "@/server/auth/trusted-browser";

// next-auth 4 derives its own URL from NEXTAUTH_URL; without it, trust the Host header the server was reached by.
if (!process.env.NEXTAUTH_URL && process.env.PUBLIC_URL) process.env.NEXTAUTH_URL = process.env.PUBLIC_URL;
if (!process.env.NEXTAUTH_URL) process.env.AUTH_TRUST_HOST ??= "1";

function secureCookies(): boolean {
  return (process.env.NEXTAUTH_URL ?? "").startsWith("https://");
}

let options: NextAuthOptions | undefined;

export function getAuthOptions(): NextAuthOptions {
  if (options) return options;
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
