import { PublicLink } from "@/components/public-link";
import { inPageOrder } from "@/lib/component-order";
import type { ComponentTreeDto, IncidentDto } from "@/lib/dto";
import { joinNames } from "@/lib/format";
import { ImpactBadge, IncidentLink, UpdateList, impactBorder } from "@/app/(public)/_components/incident-bits";

/** Updates a card shows open; the rest of the thread waits behind a disclosure. */
export const CARD_LATEST_UPDATES = 3;
/** Earlier updates a card carries at most, so one long thread cannot swell the cached home page. */
export const CARD_EARLIER_UPDATES = 12;

function EarlierUpdates({ incident, now }: { incident: IncidentDto; now: Date }) {
  const earlier = incident.updates.length - CARD_LATEST_UPDATES;
  if (earlier <= 0) return null;
  const carried = Math.min(earlier, CARD_EARLIER_UPDATES);
  return (
    <details className="mt-2">
      <summary className="sp-link cursor-pointer text-sm">
        Show {earlier} earlier update{earlier === 1 ? "" : "s"}
      </summary>
      <div className="mt-2 text-sm">
        <UpdateList updates={incident.updates} start={CARD_LATEST_UPDATES} limit={carried} compact now={now} />
        {carried < earlier && (
          <p className="mt-2">
            <PublicLink href={`/incidents/${incident.id}`} className="sp-link">
              All {incident.updates.length} updates
            </PublicLink>
          </p>
        )}
      </div>
    </details>
  );
}

function IncidentCard({ incident, tree, now }: { incident: IncidentDto; tree: ComponentTreeDto; now: Date }) {
  const affected = inPageOrder(tree, incident.componentIds).map((c) => c.name);
  return (
    <li
      className={`min-w-0 rounded-lg border border-zinc-200 border-l-4 p-4 [overflow-wrap:anywhere] dark:border-zinc-800 ${impactBorder(incident.impact)}`}
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="text-lg">
          <IncidentLink id={incident.id} name={incident.name} />
        </h3>
        <ImpactBadge impact={incident.impact} />
      </div>
      {affected.length > 0 && <p className="sp-muted mt-1">Affects: {joinNames(affected)}</p>}
      {incident.updates.length > 0 && (
        <div className="mt-2 text-sm">
          <UpdateList updates={incident.updates} limit={CARD_LATEST_UPDATES} compact now={now} />
        </div>
      )}
      <EarlierUpdates incident={incident} now={now} />
    </li>
  );
}

export function ActiveIncidents({
  incidents,
  tree,
  now,
}: {
  incidents: IncidentDto[];
  tree: ComponentTreeDto;
  now: Date;
}) {
  if (incidents.length === 0) return null;
  return (
    <section aria-labelledby="active-incidents" className="mt-8">
      <h2 id="active-incidents" className="mb-3 text-lg font-semibold">
        Active incidents
      </h2>
      <ul className="space-y-4">
        {incidents.map((incident) => (
          <IncidentCard key={incident.id} incident={incident} tree={tree} now={now} />
        ))}
      </ul>
    </section>
  );
}
