import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { hasAnyUser } from "@/server/queries/users";
import { isPageBlank } from "@/server/queries/page-setup";
import { SetupForm } from "@/app/(auth)/admin/setup/setup-form";

export const metadata: Metadata = { title: "Set up the console" };

export default async function SetupPage() {
  if (await hasAnyUser()) redirect("/login");
  const offerDemo = await isPageBlank();
  return (
    <main className="mx-auto flex min-h-screen w-full max-w-md flex-col justify-center px-4 py-10">
      <h1 className="mb-2 text-2xl font-semibold">Create the owner account</h1>
      <p className="mb-6 text-sm text-zinc-600 dark:text-zinc-400">
        This one-time step creates the first user, who can then invite everyone else. It is refused once any user
        exists.
      </p>
      {offerDemo ? null : (
        <p className="mb-6 text-sm text-zinc-600 dark:text-zinc-400">
          This page already has content (such as the demo, seeded at start). If it is the demo, remove it from the
          console overview whenever you are ready.
        </p>
      )}
      <SetupForm offerDemo={offerDemo} />
    </main>
  );
}
