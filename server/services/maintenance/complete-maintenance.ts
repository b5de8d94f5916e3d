import "server-only";
import type { Tx } from "@/server/db/client";
import type { Actor } from "@/server/services/context";
import { insertIncidentUpdate, type LockedIncident } from "@/server/services/incidents/incident-shared";
import type { ComponentStatus } from "@/lib/status";

/** Components this maintenance put under maintenance, with the status each had before. */
export async function preMaintenanceStatuses(tx: Tx, incidentId: string): Promise<Map<string, ComponentStatus>> {
  const rows = await tx.incidentUpdateComponent.findMany({
    where: { update: { incidentId }, newStatus: "under_maintenance", componentId: { not: null } },
    orderBy: { update: { displayAt: "asc" } },
    select: { componentId: true, oldStatus: true },
  });
  const statuses = new Map<string, ComponentStatus>();
  for (const row of rows) {
    if (!statuses.has(row.componentId!))
      statuses.set(row.componentId!, row.oldStatus === "under_maintenance" ? "operational" : row.oldStatus);
  }
  return statuses;
}

/** Ends a window: components still under maintenance go back to the status they had before it. */
export async function finishMaintenance(
  tx: Tx,
  actor: Actor,
  incident: LockedIncident,
  options: { body: string; deliverNotifications: boolean; at: Date },
) {
  const restore = await preMaintenanceStatuses(tx, incident.id);
  const stillUnder = await tx.component.findMany({
    where: { id: { in: [...restore.keys()] }, status: "under_maintenance" },
    select: { id: true },
  });
  return insertIncidentUpdate(tx, actor, incident, {
    status: "completed",
    body: options.body,
    displayAt: options.at,
    deliverNotifications: options.deliverNotifications,
    changes: stillUnder.map((c) => ({ componentId: c.id, status: restore.get(c.id)! })),
  });
}
