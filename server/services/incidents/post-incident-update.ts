import "server-only";
import { z } from "zod";
import { authorize, inTransaction, type ServiceContext } from "@/server/services/context";
import { writeAudit } from "@/server/services/audit";
import { booleanish, id, optionalDate, parseInput } from "@/server/services/validation";
import {
  affectedComponentIdsSchema,
  bodySchema,
  componentChangesSchema,
  incidentTags,
  insertIncidentUpdate,
  loadIncidentForAudit,
  lockIncident,
} from "@/server/services/incidents/incident-shared";
import { AppError } from "@/server/errors";
import { INCIDENT_STATUSES, INCIDENT_UPDATE_STATUSES, MAINTENANCE_STATUSES } from "@/lib/status";

export const postIncidentUpdateSchema = z.object({
  incidentId: id("Incident"),
  status: z.enum([...INCIDENT_STATUSES, ...MAINTENANCE_STATUSES], { error: "Choose a status." }),
  body: bodySchema,
  components: componentChangesSchema,
  componentIds: affectedComponentIdsSchema,
  deliverNotifications: booleanish.default(true),
  displayAt: optionalDate,
});

export type PostIncidentUpdateInput = z.input<typeof postIncidentUpdateSchema>;

/**
 * Posts an update to an incident or maintenance, with the components it changes and those it newly names as
 * affected. Never version-checked: concurrent responders' updates are all kept.
 */
export async function postIncidentUpdate({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.input<typeof postIncidentUpdateSchema>;
}) {
  authorize(ctx.actor, "responder");
  const data = parseInput(postIncidentUpdateSchema, input);
  const now = new Date();
  const displayAt = data.displayAt ?? now;
  if (displayAt.getTime() > now.getTime() + 60_000) {
    throw new AppError("VALIDATION", "Some fields need attention.", {
      displayAt: ["An update cannot be dated in the future."],
    });
  }
  return inTransaction(ctx, async (tx) => {
    const incident = await lockIncident(tx, data.incidentId);
    const allowed: readonly string[] = incident.kind === "incident" ? INCIDENT_UPDATE_STATUSES : MAINTENANCE_STATUSES;
    if (!allowed.includes(data.status)) {
      throw new AppError("VALIDATION", "Some fields need attention.", {
        status: [`Choose one of: ${allowed.join(", ")}.`],
      });
    }
    const before = await loadIncidentForAudit(tx, incident.id);
    const { updateId, applied, linked } = await insertIncidentUpdate(tx, ctx.actor, incident, {
      status: data.status,
      body: data.body,
      displayAt,
      deliverNotifications: data.deliverNotifications,
      changes: data.components,
      componentIds: data.componentIds,
    });
    const after = await loadIncidentForAudit(tx, incident.id);
    await writeAudit(tx, ctx.actor, {
      action: "incident.update.create",
      entityType: "incident",
      entityId: incident.id,
      before,
      after: {
        ...after,
        update: { id: updateId, status: data.status, body: data.body, displayAt },
        components: applied,
        componentIds: linked,
      },
    });
    const tags = await incidentTags(tx, incident.id, {
      components: applied.some((a) => a.currentChanged),
      history: applied.length > 0 || linked.length > 0,
    });
    return { incident: after!, updateId, tags };
  });
}
