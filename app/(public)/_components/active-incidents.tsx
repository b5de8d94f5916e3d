import { PostedAt } from "@/components/posted-at";
import type { IncidentDto } from "@/lib/dto";
import { updateLabel } from "@/lib/status";
import { ImpactBadge, IncidentLink, Markdown, impactBorder } from "@/app/(public)/_components/incident-bits";

export function ActiveIncidents({ incidents, now }: { incidents: IncidentDto[]; now: Date }) {
  if (incidents.length === 0) return null;
  return (
    <section aria-labelledby="active-incidents" className="mt-8">
      <h2 id="active-incidents" className="mb-3 text-lg font-semibold">
        Active incidents
      </h2>
      <ul className="space-y-4">
        {incidents.map((incident) => {
          const latest = incident.updates[0];
          return (
            <li
              key={incident.id}
              className={`rounded-lg border border-zinc-200 border-l-4 p-4 dark:border-zinc-800 ${impactBorder(incident.impact)}`}
            >
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h3 className="text-lg">
                  <IncidentLink id={incident.id} name={incident.name} />
                </h3>
                <ImpactBadge impact={incident.impact} />
              </div>
              {latest && (
                <div className="mt-2">
                  <p className="font-semibold">{updateLabel(latest.status, incident.updates[1]?.status ?? null)}</p>
                  <Markdown source={latest.body} />
                  <p className="text-sm text-zinc-600 dark:text-zinc-400">
                    <PostedAt date={latest.displayAt} now={now} />
                  </p>
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
