import { LiveRefresh } from "@/components/live-refresh";
import { isServingStaleData } from "@/server/cache/tagged-cache";

/**
 * "Last updated" with live updates, and a discreet note while the database is unreachable. `version` is the live
 * version the page read before its data, so a change made during the render makes the tab refresh once more
 * rather than believe it is current.
 */
export function Freshness({ version, incidentId }: { version: string; incidentId?: string }) {
  return (
    <div className="mb-4 flex flex-wrap items-center justify-between gap-2">
      <LiveRefresh initialVersion={version} renderedAt={new Date().toISOString()} incidentId={incidentId} />
      {isServingStaleData() && (
        <p
          role="status"
          className="rounded border border-amber-400 bg-amber-50 px-2 py-1 text-sm text-amber-900 dark:border-amber-600 dark:bg-amber-950 dark:text-amber-200"
        >
          This page may be out of date: we cannot reach our database right now.
        </p>
      )}
    </div>
  );
}
