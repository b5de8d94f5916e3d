import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getAdminComponent, getAdminComponentTree } from "@/server/queries/admin-components";
import { roleAtLeast } from "@/lib/status";
import { pageActor } from "@/app/(admin)/admin/_lib/page-actor";
import { NotAllowed } from "@/app/(admin)/admin/_components/not-allowed";
import { EditComponentForm } from "@/app/(admin)/admin/components/_components/component-forms";

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
      <p className="text-sm">
        <Link href="/admin/components" className="text-blue-700 underline-offset-2 hover:underline dark:text-blue-300">
          ← Components
        </Link>
      </p>
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
