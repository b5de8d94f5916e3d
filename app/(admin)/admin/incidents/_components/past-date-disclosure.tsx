import type { ReactNode } from "react";

/** A closed box around the field that dates a post in the past, which most posts leave alone. */
export function PastDateDisclosure({
  summary,
  open,
  children,
}: {
  summary: string;
  open?: boolean;
  children: ReactNode;
}) {
  return (
    <details className="rounded-md border border-zinc-200 p-3 dark:border-zinc-800" open={open}>
      <summary className="cursor-pointer text-sm font-medium">{summary}</summary>
      <div className="mt-3">{children}</div>
    </details>
  );
}
