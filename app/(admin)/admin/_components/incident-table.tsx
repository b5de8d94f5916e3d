import Link from "next/link";
import type { AdminIncidentRow } from "@/server/queries/admin-incidents";
import { formatUtcDateTime } from "@/lib/format";
import { incidentHref } from "@/lib/console-links";
import { ImpactLabel, StatusPill } from "@/app/(admin)/admin/_components/labels";

export function IncidentTable({ rows, empty }: { rows: AdminIncidentRow[]; empty: string }) {
  if (rows.length === 0) return <p className="text-sm text-zinc-600 dark:text-zinc-400">{empty}</p>;
  return (
    <ul className="divide-y divide-zinc-200 rounded-md border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
      {rows.map((row) => (
        <li key={row.id} className="flex flex-col gap-1 p-3 sm:flex-row sm:items-center sm:justify-between">
          <div className="min-w-0">
            <Link
              href={incidentHref(row)}
              className="font-medium text-blue-800 underline-offset-2 hover:underline dark:text-blue-300"
            >
              {row.name}
            </Link>
            <p className="text-xs text-zinc-600 dark:text-zinc-400">
              {row.kind === "maintenance" && row.scheduledFor && row.scheduledUntil
                ? `${formatUtcDateTime(row.scheduledFor)} → ${formatUtcDateTime(row.scheduledUntil)}`
                : `Started ${formatUtcDateTime(row.startedAt)}`}
              {" · "}
              {row.updateCount} update{row.updateCount === 1 ? "" : "s"}
            </p>
          </div>
          <div className="flex shrink-0 items-center gap-2">
            <StatusPill status={row.status} />
            {row.kind === "incident" ? <ImpactLabel impact={row.impact} /> : null}
          </div>
        </li>
      ))}
    </ul>
  );
}
