import "server-only";
import { z } from "zod";
import type { Tx } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { TAGS } from "@/server/cache/tags";
import { actorUserId, type Actor } from "@/server/services/context";
import { applyComponentStatusChanges, type AppliedChange } from "@/server/services/components/apply-component-status";
import { recordIncidentEvent } from "@/server/services/incidents/incident-events";
import { COMPONENT_STATUSES, ID_PATTERN, LIMITS, type AnyIncidentStatus, type IncidentKind } from "@/lib/status";

export const componentChangesSchema = z
  .array(
    z.object({
      componentId: z.string().regex(ID_PATTERN, "A component is not valid."),
      status: z.enum(COMPONENT_STATUSES, { error: "Choose a component status." }),
    }),
    { error: "Components are not valid." },
  )
  .max(500)
  .default([])
  .refine(
    (list) => new Set(list.map((c) => c.componentId)).size === list.length,
    "Each component can be changed once per update.",
  );

/** Components the incident affects without a status change in this update (Statuspage's `component_ids`). */
export const affectedComponentIdsSchema = z
  .array(z.string().regex(ID_PATTERN, "A component is not valid."), { error: "Components are not valid." })
  .max(500)
  .default([]);

export const bodySchema = z
  .string({ error: "Message is required." })
  .trim()
  .min(1, "Message is required.")
  .max(LIMITS.bodyMax, `Message must be at most ${LIMITS.bodyMax.toLocaleString("en-US")} characters.`);

export type LockedIncident = {
  id: string;
  kind: IncidentKind;
  name: string;
  status: AnyIncidentStatus;
  impact: string;
  version: number;
  monitoringAt: Date | null;
  resolvedAt: Date | null;
  startedAt: Date;
};

/** Locks the incident row so concurrent writers queue up instead of overwriting each other. */
export async function lockIncident(tx: Tx, incidentId: string, kind?: IncidentKind): Promise<LockedIncident> {
  await tx.$queryRaw`SELECT id FROM incidents WHERE id = ${incidentId} FOR UPDATE`;
  const incident = await tx.incident.findUnique({
    where: { id: incidentId },
    select: {
      id: true,
      kind: true,
      name: true,
      status: true,
      impact: true,
      version: true,
      monitoringAt: true,
      resolvedAt: true,
      startedAt: true,
    },
  });
  if (!incident || (kind && incident.kind !== kind)) {
    throw new AppError(
      "NOT_FOUND",
      kind === "maintenance" ? "That maintenance no longer exists." : "That incident no longer exists.",
    );
  }
  return incident;
}

export async function relatedIncidentIds(tx: Tx, incidentId: string): Promise<string[]> {
  const rows = await tx.incidentRelation.findMany({
    where: { OR: [{ fromId: incidentId }, { toId: incidentId }] },
    select: { fromId: true, toId: true },
  });
  return rows.map((r) => (r.fromId === incidentId ? r.toId : r.fromId));
}

/** Tags touched by a change to an incident: lists, its page, pages of related incidents, and components when they changed. */
export async function incidentTags(
  tx: Tx,
  incidentId: string,
  options: { components?: boolean; history?: boolean } = {},
): Promise<string[]> {
  const tags: string[] = [TAGS.incidents, TAGS.incident(incidentId)];
  for (const relatedId of await relatedIncidentIds(tx, incidentId)) tags.push(TAGS.incident(relatedId));
  if (options.components) tags.push(TAGS.components);
  if (options.components || options.history) tags.push(TAGS.componentHistory);
  return tags;
}

export type InsertedUpdate = { updateId: string; applied: AppliedChange[]; linked: string[] };

async function linkAffectedComponents(tx: Tx, incidentId: string, componentIds: string[]): Promise<string[]> {
  const ids = [...new Set(componentIds)];
  if (ids.length === 0) return [];
  const found = await tx.component.count({ where: { id: { in: ids } } });
  if (found !== ids.length)
    throw new AppError("VALIDATION", "Some fields need attention.", {
      componentIds: ["A component with that id does not exist."],
    });
  await tx.incidentComponent.createMany({
    data: ids.map((componentId) => ({ incidentId, componentId })),
    skipDuplicates: true,
  });
  return ids;
}

/**
 * Adds an update: component changes at its time, the other affected components, the incident's status and
 * milestones, and then the one notification event, so that it names every component the incident affects.
 */
export async function insertIncidentUpdate(
  tx: Tx,
  actor: Actor,
  incident: LockedIncident,
  input: {
    status: AnyIncidentStatus;
    body: string;
    displayAt: Date;
    deliverNotifications: boolean;
    changes: { componentId: string; status: (typeof COMPONENT_STATUSES)[number] }[];
    componentIds?: string[];
  },
): Promise<InsertedUpdate> {
  const linked = await linkAffectedComponents(tx, incident.id, input.componentIds ?? []);
  const latest = await tx.incidentUpdate.findFirst({
    where: { incidentId: incident.id },
    orderBy: [{ displayAt: "desc" }, { createdAt: "desc" }],
    select: { displayAt: true },
  });
  const update = await tx.incidentUpdate.create({
    data: {
      incidentId: incident.id,
      status: input.status,
      body: input.body,
      displayAt: input.displayAt,
      deliverNotifications: input.deliverNotifications,
      authorId: actorUserId(actor),
    },
    select: { id: true },
  });
  const applied = await applyComponentStatusChanges(tx, actor, {
    at: input.displayAt,
    changes: input.changes,
    incidentId: incident.id,
    updateId: update.id,
  });
  if (applied.length) {
    await tx.incidentUpdateComponent.createMany({
      data: applied.map((a) => ({
        updateId: update.id,
        componentId: a.componentId,
        componentName: a.componentName,
        oldStatus: a.oldStatus,
        newStatus: a.newStatus,
      })),
    });
    await tx.incidentComponent.createMany({
      data: applied.map((a) => ({ incidentId: incident.id, componentId: a.componentId })),
      skipDuplicates: true,
    });
  }

  const isLatest = !latest || latest.displayAt.getTime() <= input.displayAt.getTime();
  const data: { status?: AnyIncidentStatus; monitoringAt?: Date | null; resolvedAt?: Date | null; startedAt?: Date } =
    {};
  if (isLatest && !(incident.status === "postmortem" && input.status === "resolved")) data.status = input.status;
  if (input.status === "monitoring" && (!incident.monitoringAt || input.displayAt < incident.monitoringAt))
    data.monitoringAt = input.displayAt;
  if (input.status === "resolved" || input.status === "completed") {
    if (isLatest || !incident.resolvedAt) data.resolvedAt = input.displayAt;
  } else if (isLatest && incident.resolvedAt) {
    data.resolvedAt = null;
  }
  if (input.displayAt < incident.startedAt && incident.kind === "incident") data.startedAt = input.displayAt;
  if (Object.keys(data).length) {
    await tx.incident.update({ where: { id: incident.id }, data });
    Object.assign(incident, data);
  }
  await recordIncidentEvent(tx, { type: "incident.update", incidentId: incident.id, updateId: update.id });
  return { updateId: update.id, applied, linked };
}

export async function loadIncidentForAudit(tx: Tx, incidentId: string) {
  return tx.incident.findUnique({
    where: { id: incidentId },
    select: {
      id: true,
      kind: true,
      name: true,
      status: true,
      impact: true,
      startedAt: true,
      monitoringAt: true,
      resolvedAt: true,
      scheduledFor: true,
      scheduledUntil: true,
      version: true,
    },
  });
}
