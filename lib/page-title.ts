// What a page is called wherever its name makes a title: a page may have no name until its owner sets one.

const FALLBACK_TITLE = "Status";

/** "Acme Status" for Acme; "Status" for a page without a name; a name that already ends in "Status" is kept. */
export function pageTitle(name: string | null | undefined): string {
  const trimmed = name?.trim() ?? "";
  if (!trimmed) return FALLBACK_TITLE;
  return /(^|\s)status$/i.test(trimmed) ? trimmed : `${trimmed} ${FALLBACK_TITLE}`;
}

/** The page's name where a short label stands alone (an email subject's brackets, a manifest's short name). */
export function pageLabel(name: string | null | undefined): string {
  return name?.trim() || FALLBACK_TITLE;
}

/** "of Acme" or nothing, for sentences that mention the page's owner only when it has a name. */
export function ofPage(name: string | null | undefined): string {
  const trimmed = name?.trim() ?? "";
  return trimmed ? ` of ${trimmed}` : "";
}
