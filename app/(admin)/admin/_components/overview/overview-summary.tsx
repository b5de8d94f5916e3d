import { summarizeOverview } from "@/app/(admin)/admin/_lib/overview-summary";
import type { ConsoleOverview } from "@/server/queries/console-overview";

/** One line on how things stand: open incidents, those that need an update, components impaired or in maintenance. */
export function OverviewSummary({ overview, componentCount }: { overview: ConsoleOverview; componentCount: number }) {
  const { parts, calm } = summarizeOverview({ ...overview, componentCount });
  const accent = calm ? "border-l-green-600 dark:border-l-green-500" : "border-l-amber-500";
  return (
    <p
      data-testid="overview-summary"
      className={`rounded-md border border-l-4 border-zinc-200 bg-white px-4 py-3 text-sm font-medium dark:border-zinc-800 dark:bg-zinc-900 ${accent}`}
    >
      {parts.join(" · ")}.
    </p>
  );
}
