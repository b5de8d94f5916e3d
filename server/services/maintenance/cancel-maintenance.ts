import "server-only";
import { z } from "zod";
import { authorize, inTransaction, type ServiceContext } from "@/server/services/context";
import { writeAudit } from "@/server/services/audit";
import { booleanish, id, parseInput } from "@/server/services/validation";
import { AppError } from "@/server/errors";
import {
  bodySchema,
  incidentTags,
  loadIncidentForAudit,
  lockIncident,
} from "@/server/services/incidents/incident-shared";
import { finishMaintenance } from "@/server/services/maintenance/complete-maintenance";

export const cancelMaintenanceSchema = z.object({
  incidentId: id("Maintenance"),
  body: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), bodySchema.optional()),
  deliverNotifications: booleanish.default(true),
});

/** Cancels a window (or ends a running one early): status completed with a note, components restored. */
export async function cancelMaintenance({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.input<typeof cancelMaintenanceSchema>;
}) {
  authorize(ctx.actor, "responder");
  const data = parseInput(cancelMaintenanceSchema, input);
  return inTransaction(ctx, async (tx) => {
    const incident = await lockIncident(tx, data.incidentId, "maintenance");
    if (incident.status === "completed") throw new AppError("CONFLICT", "This maintenance is already completed.");
    const before = await loadIncidentForAudit(tx, incident.id);
    const wasScheduled = incident.status === "scheduled";
    const { updateId, applied } = await finishMaintenance(tx, ctx.actor, incident, {
      body:
        data.body ?? (wasScheduled ? "This maintenance has been cancelled." : "This maintenance has been completed."),
      deliverNotifications: data.deliverNotifications,
      at: new Date(),
    });
    const after = await loadIncidentForAudit(tx, incident.id);
    await writeAudit(tx, ctx.actor, {
      action: wasScheduled ? "maintenance.cancel" : "maintenance.complete",
      entityType: "incident",
      entityId: incident.id,
      before,
      after: { ...after, updateId, components: applied },
    });
    return {
      maintenance: after!,
      updateId,
      tags: await incidentTags(tx, incident.id, {
        components: applied.some((a) => a.currentChanged),
        history: applied.length > 0,
      }),
    };
  });
}
