import "server-only";
import { z } from "zod";
import { actorUserId, authorize, inTransaction, type ServiceContext } from "@/server/services/context";
import { writeAudit } from "@/server/services/audit";
import { booleanish, optionalDate, parseInput, requiredText } from "@/server/services/validation";
import {
  affectedComponentIdsSchema,
  bodySchema,
  componentChangesSchema,
  incidentTags,
  insertIncidentUpdate,
  loadIncidentForAudit,
  lockIncident,
} from "@/server/services/incidents/incident-shared";
import { INCIDENT_IMPACTS, INCIDENT_UPDATE_STATUSES, LIMITS } from "@/lib/status";
import { AppError } from "@/server/errors";

export const createIncidentSchema = z.object({
  name: requiredText("Name", LIMITS.nameMax),
  impact: z.enum(INCIDENT_IMPACTS, { error: "Choose an impact." }),
  status: z.enum(INCIDENT_UPDATE_STATUSES, { error: "Choose a status." }),
  message: bodySchema,
  components: componentChangesSchema,
  componentIds: affectedComponentIdsSchema,
  deliverNotifications: booleanish.default(true),
  startedAt: optionalDate,
});

export type CreateIncidentInput = z.input<typeof createIncidentSchema>;

/**
 * Declares an incident with its first update and every component it affects (`components` change a status,
 * `componentIds` only name one), so the first notification names them all; `startedAt` in the past backfills.
 */
export async function createIncident({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.input<typeof createIncidentSchema>;
}) {
  authorize(ctx.actor, "responder");
  const data = parseInput(createIncidentSchema, input);
  const now = new Date();
  const startedAt = data.startedAt ?? now;
  if (startedAt.getTime() > now.getTime() + 60_000) {
    throw new AppError("VALIDATION", "Some fields need attention.", {
      startedAt: ["An incident cannot start in the future; schedule a maintenance instead."],
    });
  }
  return inTransaction(ctx, async (tx) => {
    const created = await tx.incident.create({
      data: {
        kind: "incident",
        name: data.name,
        impact: data.impact,
        status: data.status,
        startedAt,
        createdById: actorUserId(ctx.actor),
      },
      select: { id: true },
    });
    const incident = await lockIncident(tx, created.id, "incident");
    const { updateId, applied, linked } = await insertIncidentUpdate(tx, ctx.actor, incident, {
      status: data.status,
      body: data.message,
      displayAt: startedAt,
      deliverNotifications: data.deliverNotifications,
      changes: data.components,
      componentIds: data.componentIds,
    });
    const after = await loadIncidentForAudit(tx, created.id);
    await writeAudit(tx, ctx.actor, {
      action: "incident.create",
      entityType: "incident",
      entityId: created.id,
      after: { ...after, message: data.message, components: applied, componentIds: linked },
    });
    const tags = await incidentTags(tx, created.id, {
      components: applied.some((a) => a.currentChanged),
      history: applied.length > 0 || linked.length > 0,
    });
    return { incident: after!, updateId, tags };
  });
}
