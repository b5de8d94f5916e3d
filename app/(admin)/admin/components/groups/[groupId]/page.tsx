import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getAdminComponentGroup } from "@/server/queries/admin-components";
import { roleAtLeast } from "@/lib/status";
import { pageActor } from "@/app/(admin)/admin/_lib/page-actor";
import { NotAllowed } from "@/app/(admin)/admin/_components/not-allowed";
import { EditGroupForm } from "@/app/(admin)/admin/components/_components/component-forms";

export const metadata: Metadata = { title: "Edit group" };

export default async function EditGroupPage({ params }: { params: Promise<{ groupId: string }> }) {
  const actor = await pageActor();
  if (!roleAtLeast(actor.role, "responder")) return <NotAllowed role="responder" />;
  const group = await getAdminComponentGroup({ ctx: { actor }, groupId: (await params).groupId });
  if (!group) notFound();
  return (
    <div className="max-w-xl space-y-4">
      <p className="text-sm">
        <Link href="/admin/components" className="text-blue-700 underline-offset-2 hover:underline dark:text-blue-300">
          ← Components
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">Edit group {group.name}</h1>
      <EditGroupForm group={group} />
    </div>
  );
}
