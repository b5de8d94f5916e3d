import { PublicLink } from "@/components/public-link";
import type { PageDto } from "@/lib/dto";
import { TimeZoneToggle } from "@/components/time-zone-toggle";
import { safeHttpUrl } from "@/app/(public)/_components/branding";

export function SiteFooter({ page }: { page: PageDto }) {
  const links = [
    { href: safeHttpUrl(page.companyUrl), label: page.name.trim() ? `${page.name.trim()} website` : "Website" },
    { href: safeHttpUrl(page.supportUrl), label: "Support" },
    { href: safeHttpUrl(page.privacyUrl), label: "Privacy policy" },
    { href: page.contactEmail ? `mailto:${page.contactEmail}` : null, label: "Contact" },
  ].filter((link): link is { href: string; label: string } => link.href !== null);
  return (
    <footer className="mt-12 border-t border-zinc-200 dark:border-zinc-800">
      <div className="mx-auto flex max-w-4xl flex-col gap-3 px-4 py-6 text-sm text-zinc-600 dark:text-zinc-400">
        <TimeZoneToggle />
        <ul className="flex flex-wrap gap-x-4 gap-y-1">
          <li>
            <PublicLink href="/history" className="underline">
              Incident history
            </PublicLink>
          </li>
          {links.map((link) => (
            <li key={link.label}>
              <a href={link.href} className="underline">
                {link.label}
              </a>
            </li>
          ))}
          <li>
            <a href="/history.rss" className="underline">
              RSS
            </a>
          </li>
          <li>
            <a href="/history.atom" className="underline">
              Atom
            </a>
          </li>
          <li>
            <a href="/api/v2/summary.json" className="underline">
              JSON API
            </a>
          </li>
          <li>
            <PublicLink href="/embed" className="underline">
              Embed the status
            </PublicLink>
          </li>
        </ul>
        {page.footerText && <p>{page.footerText}</p>}
      </div>
    </footer>
  );
}
