import { Time } from "@/components/time";
import type { IncidentDto } from "@/lib/dto";
import { joinNames } from "@/lib/format";
import { INCIDENT_STATUS_LABELS } from "@/lib/status";
import { IncidentLink, Markdown } from "@/app/(public)/_components/incident-bits";

export function MaintenanceWindow({ from, until, now }: { from: Date | null; until: Date | null; now: Date }) {
  if (!from) return null;
  return (
    <span>
      <Time date={from} now={now} />
      {until && (
        <>
          {" "}
          to <Time date={until} now={now} />
        </>
      )}
    </span>
  );
}

export function MaintenanceList({
  maintenances,
  componentNames,
  now,
}: {
  maintenances: IncidentDto[];
  componentNames: Map<string, string>;
  now: Date;
}) {
  if (maintenances.length === 0) return null;
  const inProgress = maintenances.filter((m) => m.status === "in_progress" || m.status === "verifying");
  const upcoming = maintenances.filter((m) => m.status === "scheduled");
  const groups = [
    { id: "maintenance-in-progress", title: "Maintenance in progress", items: inProgress },
    { id: "maintenance-upcoming", title: "Scheduled maintenance", items: upcoming },
  ].filter((group) => group.items.length > 0);
  return (
    <>
      {groups.map((group) => (
        <section key={group.id} aria-labelledby={group.id} className="mt-8">
          <h2 id={group.id} className="mb-3 text-lg font-semibold">
            {group.title}
          </h2>
          <ul className="space-y-4">
            {group.items.map((maintenance) => {
              const names = maintenance.componentIds
                .map((id) => componentNames.get(id))
                .filter((n): n is string => Boolean(n));
              return (
                <li
                  key={maintenance.id}
                  className="rounded-lg border border-zinc-200 border-l-4 border-l-blue-600 p-4 dark:border-zinc-800 dark:border-l-blue-500"
                >
                  <div className="flex flex-wrap items-baseline justify-between gap-2">
                    <h3 className="text-lg">
                      <IncidentLink id={maintenance.id} name={maintenance.name} />
                    </h3>
                    <span className="text-sm">{INCIDENT_STATUS_LABELS[maintenance.status]}</span>
                  </div>
                  <p className="mt-1 text-sm">
                    <MaintenanceWindow from={maintenance.scheduledFor} until={maintenance.scheduledUntil} now={now} />
                  </p>
                  {names.length > 0 && <p className="mt-1 text-sm">Affects {joinNames(names)}.</p>}
                  {maintenance.updates[0] && <Markdown source={maintenance.updates[0].body} className="mt-2" />}
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </>
  );
}
