import { PublicLink } from "@/components/public-link";
import type { PageDto } from "@/lib/dto";
import { brandColour } from "@/lib/brand-mark";
import { pageLabel, pageTitle } from "@/lib/page-title";
import { safeHttpUrl } from "@/app/(public)/_components/branding";
import { brandMarkSvg } from "@/lib/brand-mark";

export function SiteHeader({ page }: { page: PageDto }) {
  const logo = safeHttpUrl(page.logoUrl);
  return (
    <header className="border-t-4 border-[var(--brand)] border-b border-b-zinc-200 dark:border-b-zinc-800">
      <div className="mx-auto flex max-w-4xl flex-wrap items-center justify-between gap-3 px-4 py-4">
        <PublicLink
          href="/"
          className="flex items-center gap-3 rounded text-xl font-semibold focus-visible:outline-2 focus-visible:outline-offset-4 focus-visible:outline-blue-600"
        >
          {logo ? (
            // eslint-disable-next-line @next/next/no-img-element -- the logo is any external URL the owner configured
            <img src={logo} alt={`${pageLabel(page.name)} logo`} className="h-8 w-auto max-w-40" />
          ) : (
            <span
              className="h-8 w-8 [&>svg]:h-full [&>svg]:w-full"
              dangerouslySetInnerHTML={{ __html: brandMarkSvg(brandColour(page)) }}
            />
          )}
          <span>{pageTitle(page.name)}</span>
        </PublicLink>
        <nav aria-label="Status page">
          <ul className="flex flex-wrap gap-x-4 gap-y-2 text-sm">
            <li>
              <PublicLink
                href="/history"
                className="underline-offset-4 hover:underline focus-visible:outline-2 focus-visible:outline-blue-600"
              >
                Incident history
              </PublicLink>
            </li>
            <li>
              <PublicLink
                href="/subscribe"
                className="underline-offset-4 hover:underline focus-visible:outline-2 focus-visible:outline-blue-600"
              >
                Subscribe to updates
              </PublicLink>
            </li>
            {safeHttpUrl(page.supportUrl) && (
              <li>
                <a
                  href={safeHttpUrl(page.supportUrl)!}
                  className="underline-offset-4 hover:underline focus-visible:outline-2 focus-visible:outline-blue-600"
                >
                  Support
                </a>
              </li>
            )}
          </ul>
        </nav>
      </div>
    </header>
  );
}
