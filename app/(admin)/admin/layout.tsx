import type { Metadata } from "next";
import type { ReactNode } from "react";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getCurrentActor } from "@/server/auth/session";
import { AdminNav } from "@/app/(admin)/admin/_components/admin-nav";
import { consoleNavGroups } from "@/app/(admin)/admin/_lib/console-nav";
import { SignOutButton } from "@/app/(admin)/admin/_components/sign-out-button";
import { ConsoleNotices } from "@/app/(admin)/admin/_components/console-form";

export const metadata: Metadata = { title: { default: "Console", template: "%s · Console" }, robots: { index: false } };

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const actor = await getCurrentActor();
  if (!actor) redirect("/login?redirectTo=/admin");
  const groups = consoleNavGroups(actor.role);
  return (
    <div className="min-h-screen bg-zinc-50 dark:bg-zinc-950">
      <a
        href="#console-main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-20 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-zinc-900"
      >
        Skip to content
      </a>
      <header className="border-b border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-2 px-4 py-3">
          <div className="flex items-center gap-3">
            <Link href="/admin" className="font-semibold">
              Status console
            </Link>
            <a
              href="/"
              target="_blank"
              rel="noopener"
              className="text-sm text-blue-700 underline-offset-2 hover:underline dark:text-blue-300"
            >
              Public page ↗
            </a>
          </div>
          <div className="flex items-center gap-3 text-sm">
            <span>
              <span className="font-medium">{actor.name}</span>{" "}
              <span
                className="rounded bg-zinc-100 px-1.5 py-0.5 text-xs capitalize text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300"
                aria-label={`Role: ${actor.role}`}
              >
                {actor.role}
              </span>
            </span>
            <SignOutButton />
          </div>
        </div>
        <AdminNav groups={groups} />
      </header>
      <main id="console-main" className="mx-auto max-w-6xl px-4 py-6">
        {actor.role === "viewer" ? (
          <p className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200">
            You have read-only access.
          </p>
        ) : null}
        <ConsoleNotices>{children}</ConsoleNotices>
      </main>
    </div>
  );
}
