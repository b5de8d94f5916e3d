import "server-only";
import { z } from "zod";
import { actorUserId, authorize, inTransaction, type ServiceContext } from "@/server/services/context";
import { writeAudit } from "@/server/services/audit";
import { booleanish, id, parseInput, requiredDate, requiredText, version } from "@/server/services/validation";
import { AppError } from "@/server/errors";
import {
  bodySchema,
  incidentTags,
  insertIncidentUpdate,
  loadIncidentForAudit,
  lockIncident,
} from "@/server/services/incidents/incident-shared";
import { STALE_MESSAGE } from "@/server/services/incidents/edit-incident-update";
import { LIMITS } from "@/lib/status";

const windowSchema = z.object({ scheduledFor: requiredDate, scheduledUntil: requiredDate });

export const scheduleMaintenanceSchema = windowSchema.extend({
  name: requiredText("Name", LIMITS.nameMax),
  message: bodySchema,
  componentIds: z.array(id("Component"), { error: "Components are not valid." }).max(500).default([]),
  autoTransition: booleanish.default(true),
  deliverNotifications: booleanish.default(true),
});

function checkWindow(data: { scheduledFor: Date; scheduledUntil: Date }, now: Date) {
  const fieldErrors: Record<string, string[]> = {};
  if (data.scheduledUntil <= data.scheduledFor) fieldErrors.scheduledUntil = ["The end must be after the start."];
  if (data.scheduledUntil <= now) fieldErrors.scheduledUntil = ["The end must be in the future."];
  if (Object.keys(fieldErrors).length) throw new AppError("VALIDATION", "Some fields need attention.", fieldErrors);
}

/** Schedules a maintenance window; the scheduler starts and completes it on time. */
export async function scheduleMaintenance({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.input<typeof scheduleMaintenanceSchema>;
}) {
  authorize(ctx.actor, "responder");
  const data = parseInput(scheduleMaintenanceSchema, input);
  checkWindow(data, new Date());
  return inTransaction(ctx, async (tx) => {
    const componentIds = [...new Set(data.componentIds)];
    const found = await tx.component.count({ where: { id: { in: componentIds } } });
    if (found !== componentIds.length)
      throw new AppError("VALIDATION", "Some fields need attention.", {
        componentIds: ["A selected component no longer exists."],
      });
    const created = await tx.incident.create({
      data: {
        kind: "maintenance",
        name: data.name,
        status: "scheduled",
        impact: "maintenance",
        startedAt: data.scheduledFor,
        scheduledFor: data.scheduledFor,
        scheduledUntil: data.scheduledUntil,
        autoTransitionToMaintenanceState: data.autoTransition,
        autoTransitionToOperationalState: data.autoTransition,
        autoTransitionDeliverNotifications: data.deliverNotifications,
        createdById: actorUserId(ctx.actor),
        components: { create: componentIds.map((componentId) => ({ componentId })) },
      },
      select: { id: true },
    });
    const incident = await lockIncident(tx, created.id, "maintenance");
    const { updateId } = await insertIncidentUpdate(tx, ctx.actor, incident, {
      status: "scheduled",
      body: data.message,
      displayAt: new Date(),
      deliverNotifications: data.deliverNotifications,
      changes: [],
    });
    const after = await loadIncidentForAudit(tx, created.id);
    await writeAudit(tx, ctx.actor, {
      action: "maintenance.schedule",
      entityType: "incident",
      entityId: created.id,
      after: { ...after, componentIds, message: data.message },
    });
    return { maintenance: after!, updateId, tags: await incidentTags(tx, created.id) };
  });
}

export const rescheduleMaintenanceSchema = windowSchema.extend({
  incidentId: id("Maintenance"),
  version,
  body: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), bodySchema.optional()),
  deliverNotifications: booleanish.default(true),
});

/** Moves a window that has not started yet (or changes the end of a running one), with an update saying so. */
export async function rescheduleMaintenance({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.input<typeof rescheduleMaintenanceSchema>;
}) {
  authorize(ctx.actor, "responder");
  const data = parseInput(rescheduleMaintenanceSchema, input);
  checkWindow(data, new Date());
  return inTransaction(ctx, async (tx) => {
    const incident = await lockIncident(tx, data.incidentId, "maintenance");
    if (incident.version !== data.version) throw new AppError("CONFLICT", STALE_MESSAGE);
    if (incident.status === "completed") throw new AppError("CONFLICT", "This maintenance is already completed.");
    const before = await loadIncidentForAudit(tx, incident.id);
    const started = incident.status !== "scheduled";
    if (started && before!.scheduledFor!.getTime() !== data.scheduledFor.getTime()) {
      throw new AppError("VALIDATION", "Some fields need attention.", {
        scheduledFor: ["This maintenance has started; only its end can change."],
      });
    }
    await tx.incident.update({
      where: { id: incident.id },
      data: {
        scheduledFor: data.scheduledFor,
        scheduledUntil: data.scheduledUntil,
        ...(started ? {} : { startedAt: data.scheduledFor }),
        version: { increment: 1 },
      },
    });
    const { updateId } = await insertIncidentUpdate(tx, ctx.actor, incident, {
      status: incident.status,
      body: data.body ?? "This maintenance has been rescheduled.",
      displayAt: new Date(),
      deliverNotifications: data.deliverNotifications,
      changes: [],
    });
    const after = await loadIncidentForAudit(tx, incident.id);
    await writeAudit(tx, ctx.actor, {
      action: "maintenance.reschedule",
      entityType: "incident",
      entityId: incident.id,
      before,
      after,
    });
    return { maintenance: after!, updateId, tags: await incidentTags(tx, incident.id) };
  });
}
