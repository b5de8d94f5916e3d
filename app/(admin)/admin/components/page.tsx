import type { Metadata } from "next";
import Link from "next/link";
import { getAdminComponentTree } from "@/server/queries/admin-components";
import { roleAtLeast, type ComponentStatus } from "@/lib/status";
import { pageActor } from "@/app/(admin)/admin/_lib/page-actor";
import { ComponentStatusText } from "@/app/(admin)/admin/_components/labels";
import {
  MoveButtons,
  NewComponentForm,
  NewGroupForm,
  SetStatusForm,
} from "@/app/(admin)/admin/components/_components/component-forms";

export const metadata: Metadata = { title: "Components" };

type Row = {
  id: string;
  name: string;
  status: ComponentStatus;
  description: string | null;
  showcase: boolean;
  onlyShowIfDegraded: boolean;
};

function ComponentRows({ components, canEdit }: { components: Row[]; canEdit: boolean }) {
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
              <SetStatusForm componentId={component.id} name={component.name} status={component.status} />
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

export default async function ComponentsPage() {
  const actor = await pageActor();
  const tree = await getAdminComponentTree({ ctx: { actor } });
  const canEdit = roleAtLeast(actor.role, "responder");
  const groups = tree.groups.map((g) => ({ id: g.id, name: g.name }));
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Components</h1>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,1fr)]">
        <div className="space-y-4">
          {tree.groups.map((group, index) => (
            <section
              key={group.id}
              aria-labelledby={`group-${group.id}`}
              className="rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900"
            >
              <div className="flex flex-wrap items-center justify-between gap-2 border-b border-zinc-200 p-3 dark:border-zinc-800">
                <h2 id={`group-${group.id}`} className="font-semibold">
                  {canEdit ? (
                    <Link href={`/admin/components/groups/${group.id}`} className="underline-offset-2 hover:underline">
                      {group.name}
                    </Link>
                  ) : (
                    group.name
                  )}
                </h2>
                {canEdit ? (
                  <MoveButtons
                    id={group.id}
                    kind="group"
                    name={group.name}
                    first={index === 0}
                    last={index === tree.groups.length - 1}
                  />
                ) : null}
              </div>
              <ComponentRows components={group.components} canEdit={canEdit} />
            </section>
          ))}
          <section
            aria-labelledby="ungrouped"
            className="rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900"
          >
            <h2 id="ungrouped" className="border-b border-zinc-200 p-3 font-semibold dark:border-zinc-800">
              Not in a group
            </h2>
            <ComponentRows components={tree.ungrouped} canEdit={canEdit} />
          </section>
        </div>
        {canEdit ? (
          <div className="space-y-6">
            <section
              aria-labelledby="add-component"
              className="space-y-3 rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900"
            >
              <h2 id="add-component" className="text-lg font-semibold">
                Add component
              </h2>
              <NewComponentForm groups={groups} />
            </section>
            <section
              aria-labelledby="add-group"
              className="space-y-3 rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900"
            >
              <h2 id="add-group" className="text-lg font-semibold">
                Add group
              </h2>
              <NewGroupForm />
            </section>
          </div>
        ) : null}
      </div>
    </div>
  );
}
