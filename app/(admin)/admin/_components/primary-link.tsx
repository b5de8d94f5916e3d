import Link from "next/link";
import type { ReactNode } from "react";

/** A link that starts the page's main task (declare, schedule), styled as the primary button. */
export function PrimaryLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link
      href={href}
      className="inline-flex min-h-10 items-center rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800"
    >
      {children}
    </Link>
  );
}
