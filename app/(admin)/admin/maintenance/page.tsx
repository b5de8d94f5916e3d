import type { Metadata } from "next";
import Link from "next/link";
import { listAdminIncidents } from "@/server/queries/admin-incidents";
import { roleAtLeast } from "@/lib/status";
import { pageActor } from "@/app/(admin)/admin/_lib/page-actor";
import { IncidentTable, SearchForm } from "@/app/(admin)/admin/_components/incident-table";

export const metadata: Metadata = { title: "Maintenance" };

export default async function MaintenancePage({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  const actor = await pageActor();
  const raw = (await searchParams).q;
  const q = typeof raw === "string" ? raw : "";
  const { open, closed } = await listAdminIncidents({ ctx: { actor }, kind: "maintenance", query: q });
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Maintenance</h1>
        {roleAtLeast(actor.role, "responder") ? (
          <Link
            href="/admin/maintenance/new"
            className="inline-flex min-h-10 items-center rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800"
          >
            Schedule maintenance
          </Link>
        ) : null}
      </div>
      <SearchForm action="/admin/maintenance" query={q} label="Search maintenance" />
      <section aria-labelledby="upcoming-heading" className="space-y-2">
        <h2 id="upcoming-heading" className="text-lg font-semibold">
          Upcoming and in progress
        </h2>
        <IncidentTable rows={open} empty="Nothing scheduled." />
      </section>
      <section aria-labelledby="past-heading" className="space-y-2">
        <h2 id="past-heading" className="text-lg font-semibold">
          Completed
        </h2>
        <IncidentTable rows={closed} empty="No completed maintenance yet." />
      </section>
    </div>
  );
}
