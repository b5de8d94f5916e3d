import { BackLink } from "@/app/(admin)/admin/_components/back-link";
import { PublicIncidentLink } from "@/app/(admin)/admin/_components/public-incident-link";
import { StatusPill } from "@/app/(admin)/admin/_components/labels";
import { formatUtcDateTime } from "@/lib/format";
import { COMPONENT_STATUS_LABELS, IMPACT_LABELS } from "@/lib/status";
import type { getAdminIncident } from "@/server/queries/admin-incidents";

type AdminIncident = NonNullable<Awaited<ReturnType<typeof getAdminIncident>>>;

/** The incident's name, status, times and the components it affects, with a link to its public page. */
export function IncidentSummary({ incident }: { incident: AdminIncident }) {
  const isIncident = incident.kind === "incident";
  return (
    <div className="space-y-2">
      <BackLink href={isIncident ? "/admin/incidents" : "/admin/maintenance"}>
        {isIncident ? "Incidents" : "Maintenance"}
      </BackLink>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <h1 className="text-2xl font-semibold break-words">{incident.name}</h1>
        <PublicIncidentLink
          incidentId={incident.id}
          className="inline-flex min-h-10 items-center rounded-md border border-zinc-300 px-3 py-2 text-sm hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-800"
        />
      </div>
      <div className="flex flex-wrap items-center gap-3 text-sm text-zinc-700 dark:text-zinc-300">
        <span>
          <span className="sr-only">Status: </span>
          <StatusPill status={incident.status} />
        </span>
        {isIncident ? <span>Impact: {IMPACT_LABELS[incident.impact]}</span> : null}
        {isIncident ? <span>Started {formatUtcDateTime(incident.startedAt)}</span> : null}
        {incident.scheduledFor && incident.scheduledUntil ? (
          <span>
            Window {formatUtcDateTime(incident.scheduledFor)} → {formatUtcDateTime(incident.scheduledUntil)}
          </span>
        ) : null}
        {incident.resolvedAt ? (
          <span>
            {isIncident ? "Resolved" : "Completed"} {formatUtcDateTime(incident.resolvedAt)}
          </span>
        ) : null}
      </div>
      {incident.components.length ? (
        <p className="text-sm text-zinc-700 dark:text-zinc-300">
          Affects: {incident.components.map((c) => `${c.name} (${COMPONENT_STATUS_LABELS[c.status]})`).join(", ")}
        </p>
      ) : null}
    </div>
  );
}
