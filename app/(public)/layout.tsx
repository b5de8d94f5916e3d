import type { Metadata } from "next";
import type { CSSProperties, ReactNode } from "react";
import { getPage } from "@/server/queries/public-status";
import { brandColour } from "@/lib/brand-mark";
import { pageMetadata } from "@/app/(public)/_components/branding";
import { SiteHeader } from "@/app/(public)/_components/site-header";
import { SiteFooter } from "@/app/(public)/_components/site-footer";
import { StatusIconSprite } from "@/components/status-icon";
import "./public.css";

export async function generateMetadata(): Promise<Metadata> {
  return pageMetadata(await getPage(), { path: "/" });
}

export default async function PublicLayout({ children }: { children: ReactNode }) {
  const page = await getPage();
  return (
    <div style={{ "--brand": brandColour(page) } as CSSProperties} className="flex min-h-screen flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-20 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-zinc-900"
      >
        Skip to content
      </a>
      <StatusIconSprite />
      <SiteHeader page={page} />
      <main id="main" className="mx-auto w-full max-w-4xl flex-1 px-4 py-6">
        {children}
      </main>
      <SiteFooter page={page} />
    </div>
  );
}
