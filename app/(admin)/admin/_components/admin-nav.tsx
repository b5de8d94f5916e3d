"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";
import { locateInNav, type NavGroup } from "@/app/(admin)/admin/_lib/console-nav";

const tabClass = (current: boolean) =>
  `inline-block border-b-2 px-3 py-2 text-sm focus-visible:ring-2 focus-visible:ring-blue-600 ${current ? "border-blue-700 font-medium text-blue-800 dark:border-blue-400 dark:text-blue-300" : "border-transparent text-zinc-700 hover:text-zinc-950 dark:text-zinc-300"}`;

const subTabClass = (current: boolean) =>
  `inline-block rounded-md px-3 py-1.5 text-sm focus-visible:ring-2 focus-visible:ring-blue-600 ${current ? "bg-white font-medium text-blue-800 shadow-sm dark:bg-zinc-800 dark:text-blue-300" : "text-zinc-700 hover:bg-white hover:text-zinc-950 dark:text-zinc-300 dark:hover:bg-zinc-800"}`;

/**
 * Wide screens: the sections in one row, the current section's pages in a second. Phones: one "Menu" row, a native
 * disclosure that opens without JavaScript and closes again after navigating.
 */
export function AdminNav({ groups }: { groups: NavGroup[] }) {
  const pathname = usePathname();
  const { group: currentGroup, item: currentItem } = locateInNav(groups, pathname);
  const menu = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (menu.current) menu.current.open = false;
  }, [pathname]);

  return (
    <nav aria-label="Console" className="mx-auto max-w-6xl px-2">
      <div className="hidden md:block">
        <ul className="flex gap-x-1">
          {groups.map((group) => {
            const inGroup = group === currentGroup;
            const single = group.items.length === 1;
            return (
              <li key={group.label}>
                <Link
                  href={group.items[0].href}
                  aria-current={inGroup ? (single && currentItem === group.items[0] ? "page" : "true") : undefined}
                  className={tabClass(inGroup)}
                >
                  {group.label}
                </Link>
              </li>
            );
          })}
        </ul>
        {currentGroup && currentGroup.items.length > 1 ? (
          <ul
            aria-label={currentGroup.label}
            className="flex gap-x-1 border-t border-zinc-200 py-1.5 dark:border-zinc-800"
          >
            {currentGroup.items.map((item) => (
              <li key={item.href}>
                <Link
                  href={item.href}
                  aria-current={item === currentItem ? "page" : undefined}
                  className={subTabClass(item === currentItem)}
                >
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        ) : null}
      </div>

      <details ref={menu} className="group md:hidden">
        <summary className="flex min-h-11 cursor-pointer list-none items-center gap-2 px-2 py-1 text-sm focus-visible:ring-2 focus-visible:ring-blue-600 [&::-webkit-details-marker]:hidden">
          <span className="inline-flex items-center gap-1.5 rounded-md border border-zinc-300 px-3 py-1.5 font-medium dark:border-zinc-700">
            <span aria-hidden="true" className="group-open:hidden">
              ☰
            </span>
            <span aria-hidden="true" className="hidden group-open:inline">
              ✕
            </span>
            Menu
          </span>
          {currentItem ? (
            <span className="truncate text-zinc-700 dark:text-zinc-300">
              <span className="sr-only">, now on </span>
              {currentItem.label}
            </span>
          ) : null}
        </summary>
        <div className="grid gap-3 border-t border-zinc-200 px-2 py-3 sm:grid-cols-2 dark:border-zinc-800">
          {groups.map((group) => (
            <div key={group.label}>
              {group.items.length > 1 ? (
                <p className="px-2 pb-1 text-xs font-semibold uppercase tracking-wide text-zinc-600 dark:text-zinc-400">
                  {group.label}
                </p>
              ) : null}
              <ul>
                {group.items.map((item) => (
                  <li key={item.href}>
                    <Link
                      href={item.href}
                      aria-current={item === currentItem ? "page" : undefined}
                      className={`block rounded-md px-2 py-2 text-sm focus-visible:ring-2 focus-visible:ring-blue-600 ${item === currentItem ? "bg-blue-50 font-medium text-blue-800 dark:bg-blue-950 dark:text-blue-300" : "text-zinc-800 hover:bg-zinc-100 dark:text-zinc-200 dark:hover:bg-zinc-800"}`}
                    >
                      {item.label}
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      </details>
    </nav>
  );
}
