import type { Metadata } from "next";
import { getPage } from "@/server/queries/public-status";
import type { PageDto } from "@/lib/dto";
import { SiteHeader } from "@/app/(public)/_components/site-header";
import { SiteFooter } from "@/app/(public)/_components/site-footer";
import { NotFoundContent } from "@/app/(public)/_components/not-found-content";
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

// Shown for addresses that match no route; it has no layout of its own, so it brings the public header and footer.
export default async function NotFound() {
  const page = await pageOrNull();
  return (
    <div className="flex min-h-screen flex-col">
      <StatusIconSprite />
      {page && <SiteHeader page={page} />}
      <main id="main" className="mx-auto w-full max-w-4xl flex-1 px-4 py-12">
        <NotFoundContent />
      </main>
      {page && <SiteFooter page={page} />}
    </div>
  );
}
