import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getEnv } from "@/server/env";
import { clientAddress, SignInError, verifySignIn } from "@/server/auth/sign-in";

// next-auth 4 derives its own URL from NEXTAUTH_URL; without it, trust the Host header the server was reached by.
if (!process.env.NEXTAUTH_URL && process.env.PUBLIC_URL) process.env.NEXTAUTH_URL = process.env.PUBLIC_URL;
if (!process.env.NEXTAUTH_URL) process.env.AUTH_TRUST_HOST ??= "1";

function useSecureCookies(): boolean {
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
    useSecureCookies: useSecureCookies(),
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          try {
            const user = await verifySignIn({ email: credentials?.email, password: credentials?.password, ip: clientAddress(req?.headers) });
            return { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion };
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
        }
        return token;
      },
      async session({ session, token }) {
        return { ...session, userId: token.sub, sessionVersion: token.sessionVersion };
      },
    },
  };
  return options;
}
