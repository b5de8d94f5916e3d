import type { Metadata } from "next";
import { pageActor } from "@/app/(admin)/admin/_lib/page-actor";
import { listAdminIncidents } from "@/server/queries/admin-incidents";
import { listOpenIncidentDrafts } from "@/server/queries/integrations";
import { roleAtLeast } from "@/lib/status";
import { IncidentTable } from "@/app/(admin)/admin/_components/incident-table";
import { PageHeading } from "@/app/(admin)/admin/_components/page-heading";
import { PrimaryLink } from "@/app/(admin)/admin/_components/primary-link";
import { SearchForm } from "@/app/(admin)/admin/_components/search-form";
import { Section } from "@/app/(admin)/admin/_components/section";
import { DeletedNotice } from "@/app/(admin)/admin/incidents/_components/deleted-notice";
import { IncidentDrafts } from "@/app/(admin)/admin/incidents/_components/incident-drafts";

export const metadata: Metadata = { title: "Incidents" };

export default async function IncidentsPage({
  searchParams,
}: {
  searchParams: Promise<{ q?: string | string[]; deleted?: string | string[] }>;
}) {
  const actor = await pageActor();
  const q = typeof (await searchParams).q === "string" ? ((await searchParams).q as string) : "";
  const [{ open, closed }, drafts] = await Promise.all([
    listAdminIncidents({ ctx: { actor }, kind: "incident", query: q }),
    listOpenIncidentDrafts(actor),
  ]);
  const canRespond = roleAtLeast(actor.role, "responder");
  return (
    <div className="space-y-6">
      <PageHeading
        title="Incidents"
        action={canRespond ? <PrimaryLink href="/admin/incidents/new">Declare incident</PrimaryLink> : null}
      />
      {drafts.length ? <IncidentDrafts drafts={drafts} canRespond={canRespond} /> : null}
      <DeletedNotice deleted={(await searchParams).deleted} />
      <SearchForm action="/admin/incidents" query={q} label="Search incidents" />
      <Section id="open-heading" title="Unresolved" className="space-y-2">
        <IncidentTable rows={open} empty={q ? "No unresolved incident matches." : "No unresolved incidents."} />
      </Section>
      <Section id="recent-heading" title="Recent" className="space-y-2">
        <IncidentTable rows={closed} empty={q ? "No resolved incident matches." : "No resolved incidents yet."} />
      </Section>
    </div>
  );
}
