import Link from "next/link";
import { ComponentStatusText } from "@/app/(admin)/admin/_components/labels";
import { MoveButtons } from "@/app/(admin)/admin/components/_components/move-buttons";
import { SetComponentStatusForm } from "@/app/(admin)/admin/components/_components/set-component-status-form";
import type { ComponentStatus } from "@/lib/status";

type Row = {
  id: string;
  name: string;
  status: ComponentStatus;
  description: string | null;
  showcase: boolean;
  onlyShowIfDegraded: boolean;
};

/** A group's components in their public order; responders set a status or move one from its row. */
export function ComponentList({ components, canEdit }: { components: Row[]; canEdit: boolean }) {
  if (components.length === 0) return <p className="p-3 text-sm text-zinc-600 dark:text-zinc-400">No components.</p>;
  return (
    <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
      {components.map((component, index) => (
        <li key={component.id} className="flex flex-col gap-2 p-3 md:flex-row md:items-center md:justify-between">
          <div className="min-w-0">
            {canEdit ? (
              <Link
                href={`/admin/components/${component.id}`}
                className="font-medium text-blue-800 underline-offset-2 hover:underline dark:text-blue-300"
              >
                {component.name}
              </Link>
            ) : (
              <span className="font-medium">{component.name}</span>
            )}{" "}
            <ComponentStatusText status={component.status} />
            {component.description ? (
              <p className="text-xs text-zinc-600 dark:text-zinc-400">{component.description}</p>
            ) : null}
            <p className="text-xs text-zinc-600 dark:text-zinc-400">
              {component.showcase ? "Shows uptime" : "No uptime bar"}
              {component.onlyShowIfDegraded ? " · hidden while operational" : ""}
            </p>
          </div>
          {canEdit ? (
            <div className="flex flex-wrap items-center gap-2">
              <SetComponentStatusForm componentId={component.id} name={component.name} status={component.status} />
              <MoveButtons
                id={component.id}
                kind="component"
                name={component.name}
                first={index === 0}
                last={index === components.length - 1}
              />
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
