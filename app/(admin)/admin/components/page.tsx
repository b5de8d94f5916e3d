import type { Metadata } from "next";
import Link from "next/link";
import { getAdminComponentTree } from "@/server/queries/admin-components";
import { roleAtLeast } from "@/lib/status";
import { pageActor } from "@/app/(admin)/admin/_lib/page-actor";
import { Card } from "@/app/(admin)/admin/_components/card";
import { ComponentList } from "@/app/(admin)/admin/components/_components/component-list";
import { MoveButtons } from "@/app/(admin)/admin/components/_components/move-buttons";
import { NewComponentForm } from "@/app/(admin)/admin/components/_components/new-component-form";
import { NewGroupForm } from "@/app/(admin)/admin/components/_components/new-group-form";

export const metadata: Metadata = { title: "Components" };

const groupClass = "rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900";

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
            <section key={group.id} aria-labelledby={`group-${group.id}`} className={groupClass}>
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
              <ComponentList components={group.components} canEdit={canEdit} />
            </section>
          ))}
          <section aria-labelledby="ungrouped" className={groupClass}>
            <h2 id="ungrouped" className="border-b border-zinc-200 p-3 font-semibold dark:border-zinc-800">
              Not in a group
            </h2>
            <ComponentList components={tree.ungrouped} canEdit={canEdit} />
          </section>
        </div>
        {canEdit ? (
          <div className="space-y-6">
            <Card id="add-component" title="Add component">
              <NewComponentForm groups={groups} />
            </Card>
            <Card id="add-group" title="Add group">
              <NewGroupForm />
            </Card>
          </div>
        ) : null}
      </div>
    </div>
  );
}
