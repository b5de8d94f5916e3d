import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getAdminComponent, getAdminComponentTree } from "@/server/queries/admin-components";
import { roleAtLeast } from "@/lib/status";
import { pageActor } from "@/app/(admin)/admin/_lib/page-actor";
import { BackLink } from "@/app/(admin)/admin/_components/back-link";
import { NotAllowed } from "@/app/(admin)/admin/_components/not-allowed";
import { EditComponentForm } from "@/app/(admin)/admin/components/_components/edit-component-form";

export const metadata: Metadata = { title: "Edit component" };

export default async function EditComponentPage({ params }: { params: Promise<{ componentId: string }> }) {
  const actor = await pageActor();
  if (!roleAtLeast(actor.role, "responder")) return <NotAllowed role="responder" />;
  const [component, tree] = await Promise.all([
    getAdminComponent({ ctx: { actor }, componentId: (await params).componentId }),
    getAdminComponentTree({ ctx: { actor } }),
  ]);
  if (!component) notFound();
  return (
    <div className="max-w-xl space-y-4">
      <BackLink href="/admin/components">Components</BackLink>
      <h1 className="text-2xl font-semibold">Edit {component.name}</h1>
      <EditComponentForm
        groups={tree.groups.map((g) => ({ id: g.id, name: g.name }))}
        component={{
          ...component,
          startDate: component.startDate ? component.startDate.toISOString().slice(0, 10) : "",
        }}
      />
    </div>
  );
}
