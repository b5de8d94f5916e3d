import "server-only";
import { z } from "zod";
import { authorize, inTransaction, type ServiceContext } from "@/server/services/context";
import { writeAudit } from "@/server/services/audit";
import { booleanish, id, parseInput } from "@/server/services/validation";
import { incidentTags, insertIncidentUpdate, loadIncidentForAudit, lockIncident } from "@/server/services/incidents/incident-shared";
import { AppError } from "@/server/errors";
import { LIMITS } from "@/lib/status";

const messageSchema = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
  z.string().trim().max(LIMITS.bodyMax, `Message must be at most ${LIMITS.bodyMax.toLocaleString("en-US")} characters.`).optional(),
);

export const resolveIncidentSchema = z.object({
  incidentId: id("Incident"),
  body: messageSchema,
  setComponentsOperational: booleanish.default(true),
  deliverNotifications: booleanish.default(true),
});

export const reopenIncidentSchema = z.object({
  incidentId: id("Incident"),
  body: messageSchema,
  deliverNotifications: booleanish.default(true),
});

/** Resolves an incident with a final update, optionally setting its affected components back to operational. */
export async function resolveIncident({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
  authorize(ctx.actor, "responder");
  const data = parseInput(resolveIncidentSchema, input);
  return inTransaction(ctx, async (tx) => {
    const incident = await lockIncident(tx, data.incidentId, "incident");
    if (incident.status === "resolved" || incident.status === "postmortem") throw new AppError("CONFLICT", "This incident is already resolved.");
    const before = await loadIncidentForAudit(tx, incident.id);
    const affected = data.setComponentsOperational
      ? await tx.component.findMany({
          where: { incidents: { some: { incidentId: incident.id } }, status: { not: "operational" } },
          select: { id: true },
        })
      : [];
    const { updateId, applied } = await insertIncidentUpdate(tx, ctx.actor, incident, {
      status: "resolved",
      body: data.body ?? "This incident has been resolved.",
      displayAt: new Date(),
      deliverNotifications: data.deliverNotifications,
      changes: affected.map((c) => ({ componentId: c.id, status: "operational" as const })),
    });
    const after = await loadIncidentForAudit(tx, incident.id);
    await writeAudit(tx, ctx.actor, { action: "incident.resolve", entityType: "incident", entityId: incident.id, before, after: { ...after, updateId, components: applied } });
    return { incident: after!, updateId, componentsRestored: applied.length, tags: await incidentTags(tx, incident.id, { components: applied.length > 0 }) };
  });
}

/** Reopens a resolved incident as investigating. */
export async function reopenIncident({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
  authorize(ctx.actor, "responder");
  const data = parseInput(reopenIncidentSchema, input);
  return inTransaction(ctx, async (tx) => {
    const incident = await lockIncident(tx, data.incidentId, "incident");
    if (incident.status !== "resolved" && incident.status !== "postmortem") throw new AppError("CONFLICT", "This incident is not resolved.");
    const before = await loadIncidentForAudit(tx, incident.id);
    const { updateId } = await insertIncidentUpdate(tx, ctx.actor, incident, {
      status: "investigating",
      body: data.body ?? "We are investigating this issue again.",
      displayAt: new Date(),
      deliverNotifications: data.deliverNotifications,
      changes: [],
    });
    const after = await loadIncidentForAudit(tx, incident.id);
    await writeAudit(tx, ctx.actor, { action: "incident.reopen", entityType: "incident", entityId: incident.id, before, after });
    return { incident: after!, updateId, tags: await incidentTags(tx, incident.id) };
  });
}
