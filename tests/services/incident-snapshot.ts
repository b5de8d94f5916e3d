import { getDb } from "@/server/db/client";

/**
 * What an incident or maintenance is, for comparing two made by different paths: everything but ids and times, with
 * each component named by the part it plays in the test (`labels`) instead of its id.
 */
export async function incidentSnapshot(incidentId: string, labels: Record<string, string>) {
  const row = await getDb().incident.findUniqueOrThrow({
    where: { id: incidentId },
    select: {
      kind: true,
      name: true,
      status: true,
      impact: true,
      impactOverride: true,
      backfilled: true,
      metadata: true,
      scheduledFor: true,
      scheduledUntil: true,
      autoTransitionToMaintenanceState: true,
      autoTransitionToOperationalState: true,
      autoTransitionDeliverNotifications: true,
      scheduledAutoInProgress: true,
      scheduledAutoCompleted: true,
      components: { select: { componentId: true } },
      updates: {
        orderBy: [{ displayAt: "asc" }, { createdAt: "asc" }],
        select: {
          status: true,
          body: true,
          deliverNotifications: true,
          affectedComponents: { select: { componentId: true, oldStatus: true, newStatus: true } },
        },
      },
    },
  });
  const label = (componentId: string | null) => (componentId && labels[componentId]) || `unlabelled ${componentId}`;
  const statuses = await getDb().component.findMany({
    where: { id: { in: Object.keys(labels) } },
    select: { id: true, status: true },
  });
  return {
    ...row,
    components: row.components.map((c) => label(c.componentId)).sort(),
    updates: row.updates.map((update) => ({
      ...update,
      affectedComponents: update.affectedComponents
        .map((a) => ({ ...a, componentId: label(a.componentId) }))
        .sort((a, b) => a.componentId.localeCompare(b.componentId)),
    })),
    componentStatuses: Object.fromEntries(statuses.map((c) => [label(c.id), c.status])),
  };
}
