import "server-only";
import { z } from "zod";
import { authorize, inTransaction, type ServiceContext } from "@/server/services/context";
import { writeAudit } from "@/server/services/audit";
import { id, optionalDate, parseInput, version } from "@/server/services/validation";
import { bodySchema, incidentTags, lockIncident } from "@/server/services/incidents/incident-shared";
import { AppError } from "@/server/errors";

export const editIncidentUpdateSchema = z.object({
  updateId: id("Update"),
  version,
  body: bodySchema,
  displayAt: optionalDate,
});

export const STALE_MESSAGE =
  "This was changed since you opened it. Reload to see the latest version, then make your change again.";

/** Edits an update's message or displayed time; a stale `version` is refused rather than silently overwritten. */
export async function editIncidentUpdate({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.input<typeof editIncidentUpdateSchema>;
}) {
  authorize(ctx.actor, "responder");
  const data = parseInput(editIncidentUpdateSchema, input);
  if (data.displayAt && data.displayAt.getTime() > Date.now() + 60_000) {
    throw new AppError("VALIDATION", "Some fields need attention.", {
      displayAt: ["An update cannot be dated in the future."],
    });
  }
  return inTransaction(ctx, async (tx) => {
    const before = await tx.incidentUpdate.findUnique({
      where: { id: data.updateId },
      select: { id: true, incidentId: true, body: true, displayAt: true, status: true, version: true },
    });
    if (!before) throw new AppError("NOT_FOUND", "That update no longer exists.");
    await lockIncident(tx, before.incidentId);
    const changed = await tx.incidentUpdate.updateMany({
      where: { id: data.updateId, version: data.version },
      data: { body: data.body, ...(data.displayAt ? { displayAt: data.displayAt } : {}), version: { increment: 1 } },
    });
    if (changed.count === 0) throw new AppError("CONFLICT", STALE_MESSAGE);
    const movedHistory = Boolean(data.displayAt && data.displayAt.getTime() !== before.displayAt.getTime());
    let historyMoved = 0;
    if (movedHistory) {
      historyMoved = (
        await tx.componentStatusChange.updateMany({
          where: { incidentUpdateId: data.updateId },
          data: { changedAt: data.displayAt },
        })
      ).count;
      const first = await tx.incidentUpdate.findFirst({
        where: { incidentId: before.incidentId },
        orderBy: { displayAt: "asc" },
        select: { displayAt: true },
      });
      const incident = await tx.incident.findUniqueOrThrow({
        where: { id: before.incidentId },
        select: { kind: true, startedAt: true, resolvedAt: true, monitoringAt: true },
      });
      const fix: { startedAt?: Date; resolvedAt?: Date; monitoringAt?: Date } = {};
      if (incident.kind === "incident" && first && first.displayAt.getTime() !== incident.startedAt.getTime())
        fix.startedAt = first.displayAt;
      if (
        (before.status === "resolved" || before.status === "completed") &&
        incident.resolvedAt?.getTime() === before.displayAt.getTime()
      )
        fix.resolvedAt = data.displayAt;
      if (before.status === "monitoring" && incident.monitoringAt?.getTime() === before.displayAt.getTime())
        fix.monitoringAt = data.displayAt;
      if (Object.keys(fix).length) await tx.incident.update({ where: { id: before.incidentId }, data: fix });
    }
    const after = await tx.incidentUpdate.findUniqueOrThrow({
      where: { id: data.updateId },
      select: { id: true, incidentId: true, body: true, displayAt: true, status: true, version: true },
    });
    await writeAudit(tx, ctx.actor, {
      action: "incident.update.edit",
      entityType: "incident_update",
      entityId: data.updateId,
      before,
      after,
    });
    const tags = await incidentTags(tx, before.incidentId, { history: historyMoved > 0 });
    return { update: after, tags };
  });
}
