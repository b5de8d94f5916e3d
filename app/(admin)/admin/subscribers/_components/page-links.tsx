import Link from "next/link";

/** Previous and next links around "Page n of m" for a list longer than one page. */
export function PageLinks({
  page,
  pageCount,
  matching,
  hrefOf,
}: {
  page: number;
  pageCount: number;
  matching: number;
  hrefOf: (page: number) => string;
}) {
  if (pageCount <= 1) return null;
  return (
    <nav aria-label="Pages" className="flex items-center gap-3 text-sm">
      {page > 1 ? (
        <Link href={hrefOf(page - 1)} className="underline">
          Previous
        </Link>
      ) : null}
      <span>
        Page {page} of {pageCount} ({matching} subscribers)
      </span>
      {page < pageCount ? (
        <Link href={hrefOf(page + 1)} className="underline">
          Next
        </Link>
      ) : null}
    </nav>
  );
}
