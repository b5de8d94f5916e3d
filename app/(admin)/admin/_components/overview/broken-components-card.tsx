import Link from "next/link";
import { Card } from "@/app/(admin)/admin/_components/card";
import { ComponentStatusText } from "@/app/(admin)/admin/_components/labels";
import { linkClass, listClass, mutedClass, noteClass } from "@/app/(admin)/admin/_components/overview/overview-styles";
import { SeeAllLink } from "@/app/(admin)/admin/_components/overview/see-all-link";
import type { ConsoleOverview } from "@/server/queries/console-overview";

export function BrokenComponentsCard({ components }: { components: ConsoleOverview["components"] }) {
  return (
    <Card
      id="components-heading"
      title="Components not operational"
      action={<SeeAllLink href="/admin/components">All components</SeeAllLink>}
    >
      {components.length === 0 ? (
        <p className={mutedClass}>All components are operational.</p>
      ) : (
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
      )}
    </Card>
  );
}
