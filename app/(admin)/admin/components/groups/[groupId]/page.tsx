import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getAdminComponentGroup } from "@/server/queries/admin-components";
import { roleAtLeast } from "@/lib/status";
import { pageActor } from "@/app/(admin)/admin/_lib/page-actor";
import { BackLink } from "@/app/(admin)/admin/_components/back-link";
import { NotAllowed } from "@/app/(admin)/admin/_components/not-allowed";
import { EditGroupForm } from "@/app/(admin)/admin/components/_components/edit-group-form";

export const metadata: Metadata = { title: "Edit group" };

export default async function EditGroupPage({ params }: { params: Promise<{ groupId: string }> }) {
  const actor = await pageActor();
  if (!roleAtLeast(actor.role, "responder")) return <NotAllowed role="responder" />;
  const group = await getAdminComponentGroup({ ctx: { actor }, groupId: (await params).groupId });
  if (!group) notFound();
  return (
    <div className="max-w-xl space-y-4">
      <BackLink href="/admin/components">Components</BackLink>
      <h1 className="text-2xl font-semibold">Edit group {group.name}</h1>
      <EditGroupForm group={group} />
    </div>
  );
}
