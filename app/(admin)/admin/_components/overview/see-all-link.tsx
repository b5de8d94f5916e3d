import Link from "next/link";
import type { ReactNode } from "react";
import { linkClass } from "@/app/(admin)/admin/_components/overview/overview-styles";

/** The link from an overview card to the full page it summarises. */
export function SeeAllLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link href={href} className={`${linkClass} text-sm`}>
      {children}
    </Link>
  );
}
