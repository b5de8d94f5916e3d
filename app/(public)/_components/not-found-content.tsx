import { PublicLink } from "@/components/public-link";

export function NotFoundContent() {
  return (
    <>
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="mt-3">
        There is no incident or page at this address. It may have been removed, or the link may be mistyped.
      </p>
      <ul className="mt-6 flex flex-wrap gap-4">
        <li>
          <PublicLink href="/" className="sp-link">
            Current status
          </PublicLink>
        </li>
        <li>
          <PublicLink href="/history" className="sp-link">
            Incident history
          </PublicLink>
        </li>
      </ul>
    </>
  );
}
