import type { Metadata } from "next";
import type { PageDto } from "@/lib/dto";
import { pageBaseUrl } from "@/server/page-url";
import { ofPage, pageLabel, pageTitle } from "@/lib/page-title";

export function safeHttpUrl(value: string | null): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:" ? url.toString() : null;
  } catch {
    return null;
  }
}

export function siteTitle(page: PageDto): string {
  return pageTitle(page.name);
}

/** Title, description and Open Graph preview for one public page. */
export function pageMetadata(
  page: PageDto,
  input: { title?: string; description?: string | null; path: string; type?: "website" | "article" },
): Metadata {
  const title = input.title ? `${input.title} | ${siteTitle(page)}` : siteTitle(page);
  const description =
    input.description?.trim() || page.description || `Current status and incident history${ofPage(page.name)}.`;
  const base = pageBaseUrl(page);
  const image = safeHttpUrl(page.logoUrl);
  return {
    metadataBase: new URL(base),
    title: { absolute: title },
    description,
    alternates: {
      canonical: input.path,
      types: {
        "application/rss+xml": [{ url: "/history.rss", title: `${siteTitle(page)} RSS feed` }],
        "application/atom+xml": [{ url: "/history.atom", title: `${siteTitle(page)} Atom feed` }],
      },
    },
    // Without a favicon of the owner's, the root layout's icons (drawn from the brand colour) apply.
    ...(safeHttpUrl(page.faviconUrl)
      ? { icons: { icon: safeHttpUrl(page.faviconUrl)!, apple: "/apple-touch-icon.png" } }
      : {}),
    openGraph: {
      type: input.type ?? "website",
      siteName: siteTitle(page),
      title,
      description,
      url: input.path,
      images: image ? [{ url: image, alt: `${pageLabel(page.name)} logo` }] : undefined,
    },
    twitter: { card: "summary", title, description },
  };
}
