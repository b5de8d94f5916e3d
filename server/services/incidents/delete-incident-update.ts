import "server-only";
import { z } from "zod";
import { authorize, inTransaction, type ServiceContext } from "@/server/services/context";
import { writeAudit } from "@/server/services/audit";
import { id, parseInput } from "@/server/services/validation";
import { incidentTags, lockIncident } from "@/server/services/incidents/incident-shared";
import { AppError } from "@/server/errors";

export const deleteIncidentUpdateSchema = z.object({ updateId: id("Update") });

/** Deletes an update; the component status history it recorded stays, since those statuses were really shown. */
export async function deleteIncidentUpdate({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.input<typeof deleteIncidentUpdateSchema>;
}) {
  authorize(ctx.actor, "responder");
  const data = parseInput(deleteIncidentUpdateSchema, input);
  return inTransaction(ctx, async (tx) => {
    const before = await tx.incidentUpdate.findUnique({
      where: { id: data.updateId },
      select: {
        id: true,
        incidentId: true,
        body: true,
        displayAt: true,
        status: true,
        affectedComponents: { select: { componentId: true, componentName: true, oldStatus: true, newStatus: true } },
      },
    });
    if (!before) throw new AppError("NOT_FOUND", "That update no longer exists.");
    const incident = await lockIncident(tx, before.incidentId);
    const remaining = await tx.incidentUpdate.count({ where: { incidentId: before.incidentId } });
    if (remaining <= 1)
      throw new AppError("VALIDATION", "An incident needs at least one update, so its only update cannot be deleted.", {
        updateId: ["This is the only update."],
      });
    await tx.incidentUpdate.delete({ where: { id: data.updateId } });
    const latest = await tx.incidentUpdate.findFirst({
      where: { incidentId: before.incidentId },
      orderBy: [{ displayAt: "desc" }, { createdAt: "desc" }],
      select: { status: true, displayAt: true },
    });
    if (latest && incident.status !== "postmortem" && latest.status !== incident.status) {
      const resolved = latest.status === "resolved" || latest.status === "completed";
      await tx.incident.update({
        where: { id: incident.id },
        data: { status: latest.status, resolvedAt: resolved ? latest.displayAt : null },
      });
    }
    await writeAudit(tx, ctx.actor, {
      action: "incident.update.delete",
      entityType: "incident_update",
      entityId: data.updateId,
      before,
    });
    return { incidentId: before.incidentId, tags: await incidentTags(tx, before.incidentId) };
  });
}
