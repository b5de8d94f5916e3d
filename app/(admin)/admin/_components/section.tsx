import type { ReactNode } from "react";

/** A titled part of a page without a card's frame, named by its heading. */
export function Section({
  id,
  title,
  className = "space-y-3",
  children,
}: {
  id: string;
  title: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className={className}>
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}
