import type { MetricsPageRef } from "@/server/queries/admin-metrics";

/** The exact request that pushes one point to a Self metric through Statuspage's metrics API. */
export function pushCommand(page: MetricsPageRef, metricId: string): string {
  return [
    `curl -X POST "${page.baseUrl}/api/v1/pages/${page.pageId}/metrics/${metricId}/data" \\`,
    `  -H "Authorization: OAuth $STATUS_API_KEY" -H "Content-Type: application/json" \\`,
    `  -d "{\\"data\\":{\\"timestamp\\":$(date +%s),\\"value\\":42}}"`,
  ].join("\n");
}

export function PushExample({ page, metricId, label }: { page: MetricsPageRef; metricId: string; label: string }) {
  return (
    <pre
      role="region"
      aria-label={label}
      tabIndex={0}
      className="overflow-x-auto rounded-md bg-zinc-100 p-3 text-xs text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100"
    >
      <code>{pushCommand(page, metricId)}</code>
    </pre>
  );
}
