import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getCurrentActor } from "@/server/auth/session";
import { hasAnyUser } from "@/server/queries/users";
import { isDatabaseUnavailable } from "@/server/errors";
import { safeRedirectPath } from "@/app/(auth)/login/_lib/redirect-target";
import { LoginForm } from "@/app/(auth)/login/login-form";

export const metadata: Metadata = { title: "Sign in" };

async function signInState(): Promise<"setup" | "signed-in" | "sign-in" | "unavailable"> {
  try {
    if (!(await hasAnyUser())) return "setup";
    return (await getCurrentActor()) ? "signed-in" : "sign-in";
  } catch (error) {
    if (isDatabaseUnavailable(error)) return "unavailable";
    throw error;
  }
}

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const redirectTo = safeRedirectPath(params.redirectTo);
  const state = await signInState();
  if (state === "setup") redirect("/admin/setup");
  if (state === "signed-in") redirect(redirectTo);
  return (
    <main className="mx-auto flex min-h-screen w-full max-w-sm flex-col justify-center px-4 py-10">
      <h1 className="mb-6 text-2xl font-semibold">Sign in to the console</h1>
      {state === "unavailable" ? (
        <p
          role="alert"
          className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200"
        >
          The database is unavailable right now, so signing in may fail. The public status page keeps working.
        </p>
      ) : null}
      <LoginForm redirectTo={redirectTo} signedOut={params.signedOut === "1"} />
      <p className="mt-6 text-sm">
        <Link href="/" className="text-blue-700 underline dark:text-blue-300">
          Looking for the current status? Go to the status page
        </Link>
      </p>
    </main>
  );
}
