import Link from "next/link";
import { ImpactLabel, StatusPill } from "@/app/(admin)/admin/_components/labels";
import {
  linkClass,
  mutedClass,
  noteClass,
  primaryButtonClass,
  secondaryButtonClass,
} from "@/app/(admin)/admin/_components/overview/overview-styles";
import { formatDuration, formatRelative, formatUtcTime } from "@/lib/format";
import { COMPONENT_STATUS_LABELS } from "@/lib/status";
import type { OverviewIncident } from "@/server/queries/console-overview";

/** An open incident: when it was last updated (flagged when too long ago), what it affects, and a way to update it. */
export function OpenIncidentItem({
  incident,
  canRespond,
  now,
}: {
  incident: OverviewIncident;
  canRespond: boolean;
  now: Date;
}) {
  const since = formatDuration(incident.minutesSinceUpdate * 60_000);
  const lastUpdate = <time dateTime={incident.lastUpdateAt.toISOString()}>{formatUtcTime(incident.lastUpdateAt)}</time>;
  return (
    <li
      className={`flex flex-col gap-3 p-3 sm:flex-row sm:items-start sm:justify-between ${incident.stale ? "border-l-4 border-l-amber-500 bg-amber-50 dark:bg-amber-950/40" : ""}`}
    >
      <div className="min-w-0 space-y-1">
        <Link href={`/admin/incidents/${incident.id}`} className={`${linkClass} break-words`}>
          {incident.name}
        </Link>
        <p className="flex flex-wrap items-center gap-x-2 gap-y-1">
          <StatusPill status={incident.status} />
          <ImpactLabel impact={incident.impact} />
          <span className={noteClass}>Started {formatRelative(incident.startedAt, now)}</span>
        </p>
        {incident.stale ? (
          <p className="text-sm font-semibold text-amber-900 dark:text-amber-200">
            <span aria-hidden="true">⚠ </span>Needs an update: the last one was {since} ago ({lastUpdate}).
          </p>
        ) : (
          <p className={mutedClass}>
            Last update {incident.minutesSinceUpdate === 0 ? "just now" : `${since} ago`} ({lastUpdate}).
          </p>
        )}
        {incident.components.length ? (
          <p className="text-xs text-zinc-700 dark:text-zinc-300">
            Affects {incident.components.map((c) => `${c.name} (${COMPONENT_STATUS_LABELS[c.status]})`).join(", ")}
          </p>
        ) : null}
      </div>
      {canRespond ? (
        <Link
          href={`/admin/incidents/${incident.id}#post-update`}
          className={`${incident.stale ? primaryButtonClass : secondaryButtonClass} shrink-0 self-start`}
        >
          Post update<span className="sr-only"> to {incident.name}</span>
        </Link>
      ) : null}
    </li>
  );
}
