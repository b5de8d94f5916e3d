import type { Metadata } from "next";
import Link from "next/link";
import { getPage } from "@/server/queries/public-status";
import type { PageDto } from "@/lib/dto";
import { SiteHeader } from "@/app/(public)/_components/site-header";
import { SiteFooter } from "@/app/(public)/_components/site-footer";
import { StatusIconSprite } from "@/components/status-icon";
import "./(public)/public.css";

export const metadata: Metadata = { title: "Page not found", description: "This page does not exist." };

async function pageOrNull(): Promise<PageDto | null> {
  try {
    return await getPage();
  } catch {
    return null;
  }
}

export default async function NotFound() {
  const page = await pageOrNull();
  return (
    <div className="flex min-h-screen flex-col">
      <StatusIconSprite />
      {page && <SiteHeader page={page} />}
      <main id="main" className="mx-auto w-full max-w-4xl flex-1 px-4 py-12">
        <h1 className="text-2xl font-semibold">Page not found</h1>
        <p className="mt-3">There is no incident or page at this address. It may have been removed, or the link may be mistyped.</p>
        <ul className="mt-6 flex flex-wrap gap-4">
          <li><Link href="/" className="text-blue-700 underline dark:text-blue-300">Current status</Link></li>
          <li><Link href="/history" className="text-blue-700 underline dark:text-blue-300">Incident history</Link></li>
        </ul>
      </main>
      {page && <SiteFooter page={page} />}
    </div>
  );
}
