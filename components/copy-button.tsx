"use client";

import { useEffect, useState } from "react";

/** Copies `text` to the clipboard and says so; without clipboard access it selects nothing and says how to copy. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [outcome, setOutcome] = useState<"copied" | "failed" | null>(null);
  useEffect(() => {
    if (!outcome) return;
    const timer = setTimeout(() => setOutcome(null), 4_000);
    return () => clearTimeout(timer);
  }, [outcome]);
  return (
    <span className="flex shrink-0 items-center gap-2">
      <span role="status" className="text-sm text-zinc-700 dark:text-zinc-300">
        {outcome === "copied" ? "Copied" : outcome === "failed" ? "Select the code and copy it" : ""}
      </span>
      <button
        type="button"
        aria-label={label}
        onClick={() =>
          navigator.clipboard.writeText(text).then(
            () => setOutcome("copied"),
            () => setOutcome("failed"),
          )
        }
        className="min-h-9 rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-blue-600 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800"
      >
        Copy
      </button>
    </span>
  );
}
