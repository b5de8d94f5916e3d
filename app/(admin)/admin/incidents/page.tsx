import type { Metadata } from "next";
import Link from "next/link";
import { pageActor } from "@/app/(admin)/admin/_lib/page-actor";
import { listAdminIncidents } from "@/server/queries/admin-incidents";
import { roleAtLeast } from "@/lib/status";
import { IncidentTable, SearchForm } from "@/app/(admin)/admin/_components/incident-table";
import { IncidentDraftButtons } from "@/app/(admin)/admin/incidents/_components/incident-drafts";
import { listOpenIncidentDrafts } from "@/server/queries/integrations";
import { formatUtcDateTime } from "@/lib/format";

export const metadata: Metadata = { title: "Incidents" };

export default async function IncidentsPage({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  const actor = await pageActor();
  const q = typeof (await searchParams).q === "string" ? ((await searchParams).q as string) : "";
  const [{ open, closed }, drafts] = await Promise.all([
    listAdminIncidents({ ctx: { actor }, kind: "incident", query: q }),
    listOpenIncidentDrafts(actor),
  ]);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Incidents</h1>
        {roleAtLeast(actor.role, "responder") ? (
          <Link
            href="/admin/incidents/new"
            className="inline-flex min-h-10 items-center rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800"
          >
            Declare incident
          </Link>
        ) : null}
      </div>
      {drafts.length ? (
        <section
          aria-labelledby="drafts-heading"
          className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-4 dark:border-amber-800 dark:bg-amber-950"
        >
          <h2 id="drafts-heading" className="text-lg font-semibold">
            Prepared by alerts
          </h2>
          <ul className="space-y-3">
            {drafts.map((draft) => (
              <li key={draft.id} className="space-y-1">
                <p className="font-medium">{draft.name}</p>
                <p className="text-sm text-zinc-700 dark:text-zinc-300">
                  {draft.componentName} went to major outage {formatUtcDateTime(draft.createdAt)} (
                  {draft.integrationName}). {draft.body}
                </p>
                {roleAtLeast(actor.role, "responder") ? <IncidentDraftButtons draftId={draft.id} /> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <SearchForm action="/admin/incidents" query={q} label="Search incidents" />
      <section aria-labelledby="open-heading" className="space-y-2">
        <h2 id="open-heading" className="text-lg font-semibold">
          Unresolved
        </h2>
        <IncidentTable rows={open} empty={q ? "No unresolved incident matches." : "No unresolved incidents."} />
      </section>
      <section aria-labelledby="recent-heading" className="space-y-2">
        <h2 id="recent-heading" className="text-lg font-semibold">
          Recent
        </h2>
        <IncidentTable rows={closed} empty={q ? "No resolved incident matches." : "No resolved incidents yet."} />
      </section>
    </div>
  );
}
