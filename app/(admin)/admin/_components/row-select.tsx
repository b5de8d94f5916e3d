import type { ReactNode } from "react";

const selectClass =
  "rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900";

/** A small select inside a list row, labelled for screen readers only (the row already says what it is about). */
export function RowSelect({
  id,
  label,
  name,
  defaultValue,
  className,
  children,
}: {
  id: string;
  label: string;
  name: string;
  defaultValue: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <select
        id={id}
        name={name}
        defaultValue={defaultValue}
        className={className ? `${selectClass} ${className}` : selectClass}
      >
        {children}
      </select>
    </>
  );
}
