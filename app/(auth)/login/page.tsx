import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getCurrentActor } from "@/server/auth/session";
import { hasAnyUser } from "@/server/services/users/set-up-owner";
import { safeRedirectPath } from "@/app/(auth)/login/_lib/redirect-target";
import { LoginForm } from "@/app/(auth)/login/login-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const redirectTo = safeRedirectPath(params.redirectTo);
  if (!(await hasAnyUser())) redirect("/admin/setup");
  if (await getCurrentActor()) redirect(redirectTo);
  return (
    <main className="mx-auto flex min-h-screen w-full max-w-sm flex-col justify-center px-4 py-10">
      <h1 className="mb-6 text-2xl font-semibold">Sign in to the console</h1>
      <LoginForm redirectTo={redirectTo} signedOut={params.signedOut === "1"} />
    </main>
  );
}
