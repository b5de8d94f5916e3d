"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export function AdminNav({ items }: { items: { href: string; label: string }[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Console" className="mx-auto max-w-6xl px-2">
      <ul className="flex flex-wrap gap-x-1">
        {items.map((item) => {
          const current = pathname === item.href || (item.href !== "/admin" && pathname.startsWith(`${item.href}/`));
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={current ? "page" : undefined}
                className={`inline-block border-b-2 px-3 py-2 text-sm focus-visible:ring-2 focus-visible:ring-blue-600 ${current ? "border-blue-700 font-medium text-blue-800 dark:border-blue-400 dark:text-blue-300" : "border-transparent text-zinc-700 hover:text-zinc-950 dark:text-zinc-300"}`}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
