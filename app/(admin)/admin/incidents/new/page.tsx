import type { Metadata } from "next";
import { getAdminComponentTree } from "@/server/queries/admin-components";
import { listAdminTemplates } from "@/server/queries/admin-settings";
import { roleAtLeast } from "@/lib/status";
import { pageActor } from "@/app/(admin)/admin/_lib/page-actor";
import { NotAllowed } from "@/app/(admin)/admin/_components/not-allowed";
import { componentOptions } from "@/app/(admin)/admin/_lib/component-options";
import { CreateIncidentForm } from "@/app/(admin)/admin/incidents/_components/create-incident-form";

export const metadata: Metadata = { title: "Declare incident" };

export default async function NewIncidentPage() {
  const actor = await pageActor();
  if (!roleAtLeast(actor.role, "responder")) return <NotAllowed role="responder" />;
  const [tree, templates] = await Promise.all([
    getAdminComponentTree({ ctx: { actor } }),
    listAdminTemplates({ ctx: { actor } }),
  ]);
  return (
    <div className="max-w-3xl space-y-4">
      <h1 className="text-2xl font-semibold">Declare incident</h1>
      <CreateIncidentForm components={componentOptions(tree)} templates={templates} />
    </div>
  );
}
