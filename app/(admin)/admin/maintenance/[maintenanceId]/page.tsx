import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { getAdminIncident } from "@/server/queries/admin-incidents";
import { pageActor } from "@/app/(admin)/admin/_lib/page-actor";
import IncidentPage from "@/app/(admin)/admin/incidents/[incidentId]/page";

type Params = { params: Promise<{ maintenanceId: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const actor = await pageActor();
  const maintenance = await getAdminIncident({ ctx: { actor }, incidentId: (await params).maintenanceId });
  return { title: maintenance?.name ?? "Maintenance" };
}

/** A maintenance has the same page as an incident, at an address that keeps the console's Maintenance section current. */
export default async function MaintenanceDetailPage({ params }: Params) {
  const actor = await pageActor();
  const { maintenanceId } = await params;
  const found = await getAdminIncident({ ctx: { actor }, incidentId: maintenanceId });
  if (!found) notFound();
  if (found.kind !== "maintenance") redirect(`/admin/incidents/${found.id}`);
  return <IncidentPage params={Promise.resolve({ incidentId: maintenanceId })} />;
}
