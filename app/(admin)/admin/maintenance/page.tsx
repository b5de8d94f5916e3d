import type { Metadata } from "next";
import { listAdminIncidents } from "@/server/queries/admin-incidents";
import { roleAtLeast } from "@/lib/status";
import { pageActor } from "@/app/(admin)/admin/_lib/page-actor";
import { IncidentTable } from "@/app/(admin)/admin/_components/incident-table";
import { PageHeading } from "@/app/(admin)/admin/_components/page-heading";
import { PrimaryLink } from "@/app/(admin)/admin/_components/primary-link";
import { SearchForm } from "@/app/(admin)/admin/_components/search-form";
import { Section } from "@/app/(admin)/admin/_components/section";
import { DeletedNotice } from "@/app/(admin)/admin/incidents/_components/deleted-notice";

export const metadata: Metadata = { title: "Maintenance" };

export default async function MaintenancePage({
  searchParams,
}: {
  searchParams: Promise<{ q?: string | string[]; deleted?: string | string[] }>;
}) {
  const actor = await pageActor();
  const raw = (await searchParams).q;
  const q = typeof raw === "string" ? raw : "";
  const { open, closed } = await listAdminIncidents({ ctx: { actor }, kind: "maintenance", query: q });
  return (
    <div className="space-y-6">
      <PageHeading
        title="Maintenance"
        action={
          roleAtLeast(actor.role, "responder") ? (
            <PrimaryLink href="/admin/maintenance/new">Schedule maintenance</PrimaryLink>
          ) : null
        }
      />
      <DeletedNotice deleted={(await searchParams).deleted} />
      <SearchForm action="/admin/maintenance" query={q} label="Search maintenance" />
      <Section id="upcoming-heading" title="Upcoming and in progress" className="space-y-2">
        <IncidentTable rows={open} empty="Nothing scheduled." />
      </Section>
      <Section id="past-heading" title="Completed" className="space-y-2">
        <IncidentTable rows={closed} empty="No completed maintenance yet." />
      </Section>
    </div>
  );
}
