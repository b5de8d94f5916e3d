import type { ReactNode } from "react";

/** A link-styled summary that opens `children`: editing a row, or details most visits do not need. */
export function Disclosure({
  summary,
  className,
  contentClassName = "pt-3",
  children,
}: {
  summary: ReactNode;
  className?: string;
  contentClassName?: string;
  children: ReactNode;
}) {
  return (
    <details className={className}>
      <summary className="cursor-pointer text-sm text-blue-700 dark:text-blue-300">{summary}</summary>
      <div className={contentClassName}>{children}</div>
    </details>
  );
}
