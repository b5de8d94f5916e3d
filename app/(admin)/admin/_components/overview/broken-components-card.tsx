import Link from "next/link";
import { Card } from "@/app/(admin)/admin/_components/card";
import { ComponentStatusText } from "@/app/(admin)/admin/_components/labels";
import { linkClass, listClass, mutedClass, noteClass } from "@/app/(admin)/admin/_components/overview/overview-styles";
import { SeeAllLink } from "@/app/(admin)/admin/_components/overview/see-all-link";
import { splitComponents } from "@/app/(admin)/admin/_lib/overview-summary";
import type { ConsoleOverview } from "@/server/queries/console-overview";

type Components = ConsoleOverview["components"];

function ComponentRows({ components }: { components: Components }) {
  return (
    <ul className={listClass}>
      {components.map((component) => (
        <li key={component.id} className="flex flex-wrap items-center justify-between gap-2 p-3">
          <span className="min-w-0">
            <Link href={`/admin/components/${component.id}`} className={`${linkClass} break-words`}>
              {component.name}
            </Link>
            {component.groupName ? <span className={noteClass}> in {component.groupName}</span> : null}
          </span>
          <ComponentStatusText status={component.status} />
        </li>
      ))}
    </ul>
  );
}

/** Impaired components, then those under maintenance: the same split the summary line counts. */
export function BrokenComponentsCard({ components, noComponents }: { components: Components; noComponents?: boolean }) {
  const { impaired, maintenance } = splitComponents(components);
  return (
    <Card
      id="components-heading"
      title="Components not operational"
      action={<SeeAllLink href="/admin/components">All components</SeeAllLink>}
    >
      {impaired.length === 0 && maintenance.length === 0 ? (
        <p className={mutedClass}>{noComponents ? "No components exist yet." : "All components are operational."}</p>
      ) : (
        <div className="space-y-3">
          {impaired.length ? (
            <div className="space-y-1">
              <h3 className="text-sm font-medium">Degraded or down ({impaired.length})</h3>
              <ComponentRows components={impaired} />
            </div>
          ) : null}
          {maintenance.length ? (
            <div className="space-y-1">
              <h3 className="text-sm font-medium">Under maintenance ({maintenance.length})</h3>
              <ComponentRows components={maintenance} />
            </div>
          ) : null}
        </div>
      )}
    </Card>
  );
}
