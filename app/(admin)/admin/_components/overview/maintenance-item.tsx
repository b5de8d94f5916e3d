import Link from "next/link";
import { StatusPill } from "@/app/(admin)/admin/_components/labels";
import { linkClass, noteClass } from "@/app/(admin)/admin/_components/overview/overview-styles";
import { formatRelative, formatUtcDateTime } from "@/lib/format";
import type { OverviewMaintenance } from "@/server/queries/console-overview";

/** A maintenance window, flagged when it should have started by now. */
export function MaintenanceItem({ item, now }: { item: OverviewMaintenance; now: Date }) {
  return (
    <li className="flex flex-col gap-1 p-3 sm:flex-row sm:items-center sm:justify-between">
      <div className="min-w-0">
        <Link href={`/admin/maintenance/${item.id}`} className={`${linkClass} break-words`}>
          {item.name}
        </Link>
        {item.scheduledFor && item.scheduledUntil ? (
          <p className={noteClass}>
            {formatUtcDateTime(item.scheduledFor)} → {formatUtcDateTime(item.scheduledUntil)}
            {item.status === "scheduled"
              ? ` · ${item.overdue ? `was due to start ${formatRelative(item.scheduledFor, now)}` : `starts ${formatRelative(item.scheduledFor, now)}`}`
              : ""}
          </p>
        ) : null}
        {item.overdue ? (
          <p className="text-xs font-semibold text-amber-900 dark:text-amber-200">
            Not started yet: start it or reschedule it.
          </p>
        ) : null}
      </div>
      <span className="shrink-0 self-start sm:self-center">
        <StatusPill status={item.status} />
      </span>
    </li>
  );
}
