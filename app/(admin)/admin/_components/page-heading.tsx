import type { ReactNode } from "react";

/** The page's title with what it offers to do (a link to declare, schedule or export), on one row. */
export function PageHeading({ title, action }: { title: string; action?: ReactNode }) {
  return (
    <div className="flex flex-wrap items-center justify-between gap-3">
      <h1 className="text-2xl font-semibold">{title}</h1>
      {action}
    </div>
  );
}

/** The page's title and a line on what the page is for. */
export function PageIntro({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="space-y-1">
      <h1 className="text-2xl font-semibold">{title}</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">{children}</p>
    </div>
  );
}
