import type { ReactNode } from "react";

const TONES = {
  plain: "border-zinc-200 dark:border-zinc-800",
  resolve: "border-green-300 border-t-4 border-t-green-700 dark:border-green-900 dark:border-t-green-600",
};

/**
 * A titled panel, named by its heading. With `action` (null included) the heading shares its row with that control.
 */
export function Card({
  id,
  title,
  action,
  tone = "plain",
  children,
}: {
  id: string;
  title: string;
  action?: ReactNode;
  tone?: keyof typeof TONES;
  children: ReactNode;
}) {
  const heading = (
    <h2 id={id} className="text-lg font-semibold">
      {title}
    </h2>
  );
  return (
    <section
      aria-labelledby={id}
      className={`space-y-3 rounded-lg border bg-white p-4 dark:bg-zinc-900 ${TONES[tone]}`}
    >
      {action === undefined ? (
        heading
      ) : (
        <div className="flex flex-wrap items-center justify-between gap-2">
          {heading}
          {action}
        </div>
      )}
      {children}
    </section>
  );
}

/** What a list of cards shows while it has none. */
export function EmptyCard({ children }: { children: ReactNode }) {
  return (
    <p className="rounded-lg border border-zinc-200 bg-white p-4 text-sm dark:border-zinc-800 dark:bg-zinc-900">
      {children}
    </p>
  );
}
