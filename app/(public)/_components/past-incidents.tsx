import { PublicLink } from "@/components/public-link";
import { Time } from "@/components/time";
import type { IncidentDto } from "@/lib/dto";
import { addUtcDays, describePublicStatus, startOfUtcDay } from "@/lib/format";
import { ImpactBadge, IncidentLink, UpdateList } from "@/app/(public)/_components/incident-bits";

/**
 * One line per incident: what it was, how bad, and how it ended. A resolved incident's updates are on its own page;
 * one still open keeps its latest update here, as it also heads the page.
 */
function PastIncident({ incident, now }: { incident: IncidentDto; now: Date }) {
  const latest = incident.updates[0];
  const closed = incident.resolvedAt !== null;
  return (
    <li>
      <div className="flex flex-wrap items-baseline gap-x-3">
        <IncidentLink id={incident.id} name={incident.name} />
        <ImpactBadge impact={incident.impact} />
      </div>
      {closed || !latest ? (
        <p className="sp-muted mt-1">
          {describePublicStatus(incident.status).label}{" "}
          <Time date={incident.resolvedAt ?? incident.startedAt} now={now} />
          {incident.updates.length > 1 && <> · {incident.updates.length} updates</>}
          {incident.status === "postmortem" && (
            <>
              {" "}
              ·{" "}
              <PublicLink href={`/incidents/${incident.id}#postmortem`} className="sp-link">
                postmortem published
              </PublicLink>
            </>
          )}
        </p>
      ) : (
        <div className="mt-1 text-sm">
          <UpdateList updates={incident.updates} limit={1} compact now={now} />
        </div>
      )}
    </li>
  );
}

/** The last `days` UTC days, newest first, one heading per day. */
export function PastIncidents({
  incidents,
  days,
  truncated,
  now,
}: {
  incidents: IncidentDto[];
  days: number;
  truncated: boolean;
  now: Date;
}) {
  const today = startOfUtcDay(now);
  const byDay = new Map<number, IncidentDto[]>();
  for (const incident of incidents) {
    if (incident.startedAt > now) continue;
    const key = startOfUtcDay(incident.startedAt).getTime();
    byDay.set(key, [...(byDay.get(key) ?? []), incident]);
  }
  const oldestListed = incidents.length ? startOfUtcDay(incidents[incidents.length - 1].startedAt).getTime() : 0;
  return (
    <section aria-labelledby="past-incidents" className="mt-10">
      <h2 id="past-incidents" className="mb-3 text-lg font-semibold">
        Past incidents
      </h2>
      <ol className="space-y-6">
        {Array.from({ length: days }, (_, index) => addUtcDays(today, -index)).map((day) => {
          const list = byDay.get(day.getTime()) ?? [];
          const headingId = `day-${day.toISOString().slice(0, 10)}`;
          return (
            <li key={day.getTime()}>
              <h3 id={headingId} className="sp-day">
                <Time date={day} format="date" now={now} />
              </h3>
              {truncated && day.getTime() < oldestListed ? (
                <p className="sp-muted mt-2">
                  Too many incidents to list here: see the{" "}
                  <PublicLink href="/history" className="sp-link">
                    incident history
                  </PublicLink>
                  .
                </p>
              ) : list.length === 0 ? (
                <p className="sp-muted mt-2">No incidents reported.</p>
              ) : (
                <ul className="mt-2 space-y-3">
                  {list.map((incident) => (
                    <PastIncident key={incident.id} incident={incident} now={now} />
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ol>
      <p className="mt-6">
        <PublicLink href="/history" className="font-medium text-blue-700 underline dark:text-blue-300">
          Incident history <span aria-hidden="true">→</span>
        </PublicLink>
      </p>
    </section>
  );
}
