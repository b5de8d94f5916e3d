import type { ConsoleOverview } from "@/server/queries/console-overview";

/** One line on how things stand: open incidents, those that need an update, components not operational. */
export function OverviewSummary({ overview }: { overview: ConsoleOverview }) {
  const stale = overview.incidents.filter((i) => i.stale).length;
  const broken = overview.components.filter((c) => c.status !== "under_maintenance").length;
  const parts = [
    overview.incidents.length
      ? `${overview.incidents.length} open incident${overview.incidents.length === 1 ? "" : "s"}`
      : "No open incidents",
    ...(stale ? [`${stale} need${stale === 1 ? "s" : ""} an update`] : []),
    broken ? `${broken} component${broken === 1 ? "" : "s"} not operational` : "all components operational",
  ];
  const calm = overview.incidents.length === 0 && broken === 0;
  const accent = calm ? "border-l-green-600 dark:border-l-green-500" : "border-l-amber-500";
  return (
    <p
      className={`rounded-md border border-l-4 border-zinc-200 bg-white px-4 py-3 text-sm font-medium dark:border-zinc-800 dark:bg-zinc-900 ${accent}`}
    >
      {parts.join(" · ")}.
    </p>
  );
}
