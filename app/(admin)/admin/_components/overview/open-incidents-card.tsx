import { Card } from "@/app/(admin)/admin/_components/card";
import { OpenIncidentItem } from "@/app/(admin)/admin/_components/overview/open-incident-item";
import { listClass, mutedClass } from "@/app/(admin)/admin/_components/overview/overview-styles";
import { SeeAllLink } from "@/app/(admin)/admin/_components/overview/see-all-link";
import { STALE_UPDATE_MINUTES, type ConsoleOverview } from "@/server/queries/console-overview";

export function OpenIncidentsCard({ overview, canRespond }: { overview: ConsoleOverview; canRespond: boolean }) {
  return (
    <Card
      id="open-incidents-heading"
      title="Open incidents"
      action={<SeeAllLink href="/admin/incidents">All incidents</SeeAllLink>}
    >
      {overview.incidents.length === 0 ? (
        <p className={mutedClass}>No open incidents.</p>
      ) : (
        <>
          <p className={mutedClass}>
            Least recently updated first; one without an update for {STALE_UPDATE_MINUTES} minutes is flagged.
          </p>
          <ul className={listClass}>
            {overview.incidents.map((incident) => (
              <OpenIncidentItem
                key={incident.id}
                incident={incident}
                canRespond={canRespond}
                now={overview.generatedAt}
              />
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}
