import "server-only";
import { z } from "zod";
import { authorize, inTransaction, type ServiceContext } from "@/server/services/context";
import type { Tx } from "@/server/db/client";
import { writeAudit } from "@/server/services/audit";
import { booleanish, id, optionalDate, parseInput } from "@/server/services/validation";
import {
  incidentTags,
  insertIncidentUpdate,
  loadIncidentForAudit,
  lockIncident,
} from "@/server/services/incidents/incident-shared";
import { DEFAULT_UPDATE_BODY } from "@/server/services/incidents/default-update-body";
import { AppError, invalidFields } from "@/server/errors";
import { LIMITS, MAINTENANCE_STATUSES } from "@/lib/status";

const messageSchema = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
  z
    .string()
    .trim()
    .max(LIMITS.bodyMax, `Message must be at most ${LIMITS.bodyMax.toLocaleString("en-US")} characters.`)
    .optional(),
);

export const resolveIncidentSchema = z.object({
  incidentId: id("Incident"),
  body: messageSchema,
  setComponentsOperational: booleanish.default(true),
  deliverNotifications: booleanish.default(true),
  displayAt: optionalDate,
});

export const reopenIncidentSchema = z.object({
  incidentId: id("Incident"),
  body: messageSchema,
  deliverNotifications: booleanish.default(true),
});

/** When a backfilled resolution is dated: in the past, and not before the update it closes. */
async function resolutionTime(tx: Tx, incidentId: string, requested: Date | undefined): Promise<Date> {
  const now = new Date();
  if (!requested) return now;
  if (requested.getTime() > now.getTime() + 60_000)
    throw new AppError("VALIDATION", "Some fields need attention.", {
      displayAt: ["A resolution cannot be dated in the future."],
    });
  const latest = await tx.incidentUpdate.findFirst({
    where: { incidentId },
    orderBy: { displayAt: "desc" },
    select: { displayAt: true },
  });
  if (latest && requested < latest.displayAt) {
    throw new AppError("VALIDATION", "Some fields need attention.", {
      displayAt: [
        `Date the resolution at or after the latest update (${latest.displayAt.toISOString().slice(0, 16).replace("T", " ")} UTC).`,
      ],
    });
  }
  return requested;
}

/** Resolves an incident with a final update, optionally setting its affected components back to operational. */
export async function resolveIncident({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.input<typeof resolveIncidentSchema>;
}) {
  authorize(ctx.actor, "responder");
  const data = parseInput(resolveIncidentSchema, input);
  return inTransaction(ctx, async (tx) => {
    const incident = await lockIncident(tx, data.incidentId);
    // A maintenance ends with a status of its own (completed), never "resolved".
    if (incident.kind === "maintenance")
      throw invalidFields({ status: [`Choose one of: ${MAINTENANCE_STATUSES.join(", ")}.`] });
    if (incident.status === "resolved" || incident.status === "postmortem")
      throw new AppError("CONFLICT", "This incident is already resolved.");
    const displayAt = await resolutionTime(tx, incident.id, data.displayAt);
    const before = await loadIncidentForAudit(tx, incident.id);
    const affected = data.setComponentsOperational
      ? await tx.component.findMany({
          where: { incidents: { some: { incidentId: incident.id } }, status: { not: "operational" } },
          select: { id: true },
        })
      : [];
    const { updateId, applied } = await insertIncidentUpdate(tx, ctx.actor, incident, {
      status: "resolved",
      body: data.body ?? DEFAULT_UPDATE_BODY.resolved,
      displayAt,
      deliverNotifications: data.deliverNotifications,
      changes: affected.map((c) => ({ componentId: c.id, status: "operational" as const })),
    });
    const after = await loadIncidentForAudit(tx, incident.id);
    await writeAudit(tx, ctx.actor, {
      action: "incident.resolve",
      entityType: "incident",
      entityId: incident.id,
      before,
      after: { ...after, updateId, components: applied },
    });
    return {
      incident: after!,
      updateId,
      componentsRestored: applied.length,
      tags: await incidentTags(tx, incident.id, { components: applied.length > 0 }),
    };
  });
}

/** Reopens a resolved incident as investigating. */
export async function reopenIncident({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.input<typeof reopenIncidentSchema>;
}) {
  authorize(ctx.actor, "responder");
  const data = parseInput(reopenIncidentSchema, input);
  return inTransaction(ctx, async (tx) => {
    const incident = await lockIncident(tx, data.incidentId, "incident");
    if (incident.status !== "resolved" && incident.status !== "postmortem")
      throw new AppError("CONFLICT", "This incident is not resolved.");
    const before = await loadIncidentForAudit(tx, incident.id);
    const { updateId } = await insertIncidentUpdate(tx, ctx.actor, incident, {
      status: "investigating",
      body: data.body ?? "We are investigating this issue again.",
      displayAt: new Date(),
      deliverNotifications: data.deliverNotifications,
      changes: [],
    });
    const after = await loadIncidentForAudit(tx, incident.id);
    await writeAudit(tx, ctx.actor, {
      action: "incident.reopen",
      entityType: "incident",
      entityId: incident.id,
      before,
      after,
    });
    return { incident: after!, updateId, tags: await incidentTags(tx, incident.id) };
  });
}
