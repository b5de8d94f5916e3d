import Link from "next/link";
import type { ReactNode } from "react";

export function BackLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <p className="text-sm">
      <Link href={href} className="text-blue-700 underline-offset-2 hover:underline dark:text-blue-300">
        ← {children}
      </Link>
    </p>
  );
}
