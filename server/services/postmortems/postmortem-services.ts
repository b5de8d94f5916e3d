import "server-only";
import { z } from "zod";
import { actorUserId, authorize, inTransaction, type ServiceContext } from "@/server/services/context";
import { writeAudit } from "@/server/services/audit";
import { id, optionalDate, parseInput } from "@/server/services/validation";
import { AppError } from "@/server/errors";
import type { Tx } from "@/server/db/client";
import { incidentTags, lockIncident } from "@/server/services/incidents/incident-shared";
import { STALE_MESSAGE } from "@/server/services/incidents/edit-incident-update";
import { recordIncidentEvent } from "@/server/services/incidents/incident-events";
import { LIMITS } from "@/lib/status";

const postmortemBody = z
  .string({ error: "Postmortem is required." })
  .trim()
  .min(1, "Postmortem is required.")
  .max(LIMITS.postmortemMax, `Postmortem must be at most ${LIMITS.postmortemMax.toLocaleString("en-US")} characters.`);

/** `version` is the postmortem's version when the editor was opened; 0 when there was none yet. */
export const savePostmortemSchema = z.object({
  incidentId: id("Incident"),
  body: postmortemBody,
  version: z.coerce.number({ error: "The version is missing; reload the page." }).int().min(0),
});

/** `publishedAt` keeps an imported postmortem's original publication date. */
export const publishPostmortemSchema = savePostmortemSchema.extend({ publishedAt: optionalDate });

export const postmortemIncidentSchema = z.object({ incidentId: id("Incident") });

const postmortemAuditSelect = { id: true, incidentId: true, body: true, publishedAt: true, version: true } as const;

async function saveBody(tx: Tx, ctx: ServiceContext, data: z.infer<typeof savePostmortemSchema>) {
  const existing = await tx.postmortem.findUnique({ where: { incidentId: data.incidentId }, select: postmortemAuditSelect });
  if ((existing?.version ?? 0) !== data.version) throw new AppError("CONFLICT", STALE_MESSAGE);
  const postmortem = existing
    ? await tx.postmortem.update({ where: { id: existing.id }, data: { body: data.body, lastEditorId: actorUserId(ctx.actor), version: { increment: 1 } }, select: postmortemAuditSelect })
    : await tx.postmortem.create({ data: { incidentId: data.incidentId, body: data.body, authorId: actorUserId(ctx.actor), lastEditorId: actorUserId(ctx.actor) }, select: postmortemAuditSelect });
  return { before: existing, postmortem };
}

/** Saves the postmortem text: a draft until published, the live text once published. */
export async function savePostmortem({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
  authorize(ctx.actor, "responder");
  const data = parseInput(savePostmortemSchema, input);
  return inTransaction(ctx, async (tx) => {
    await lockIncident(tx, data.incidentId, "incident");
    const { before, postmortem } = await saveBody(tx, ctx, data);
    await writeAudit(tx, ctx.actor, { action: "postmortem.save", entityType: "postmortem", entityId: postmortem.id, before, after: postmortem });
    return { postmortem, tags: postmortem.publishedAt ? await incidentTags(tx, data.incidentId) : [] };
  });
}

/** Publishes the postmortem (saving the given text first); the incident takes the `postmortem` status. */
export async function publishPostmortem({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
  authorize(ctx.actor, "responder");
  const data = parseInput(publishPostmortemSchema, input);
  if (data.publishedAt && data.publishedAt.getTime() > Date.now() + 60_000) {
    throw new AppError("VALIDATION", "Some fields need attention.", { publishedAt: ["A postmortem cannot be dated in the future."] });
  }
  return inTransaction(ctx, async (tx) => {
    const incident = await lockIncident(tx, data.incidentId, "incident");
    if (incident.status !== "resolved" && incident.status !== "postmortem") {
      throw new AppError("VALIDATION", "Resolve the incident before publishing its postmortem.", { body: ["Resolve the incident before publishing its postmortem."] });
    }
    if (data.publishedAt && incident.resolvedAt && data.publishedAt < incident.resolvedAt) {
      throw new AppError("VALIDATION", "Some fields need attention.", { publishedAt: ["A postmortem cannot be published before the incident was resolved."] });
    }
    const { before, postmortem: saved } = await saveBody(tx, ctx, data);
    const postmortem = await tx.postmortem.update({
      where: { id: saved.id },
      data: { publishedAt: data.publishedAt ?? saved.publishedAt ?? new Date() },
      select: postmortemAuditSelect,
    });
    await tx.incident.update({ where: { id: incident.id }, data: { status: "postmortem" } });
    if (!before?.publishedAt) await recordIncidentEvent(tx, { type: "postmortem.published", incidentId: incident.id });
    await writeAudit(tx, ctx.actor, { action: "postmortem.publish", entityType: "postmortem", entityId: postmortem.id, before, after: postmortem });
    return { postmortem, tags: await incidentTags(tx, incident.id) };
  });
}

/** Takes the postmortem off the public page, keeping its text as a draft; the incident goes back to `resolved`. */
export async function unpublishPostmortem({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
  authorize(ctx.actor, "responder");
  const data = parseInput(postmortemIncidentSchema, input);
  return inTransaction(ctx, async (tx) => {
    const incident = await lockIncident(tx, data.incidentId, "incident");
    const before = await tx.postmortem.findUnique({ where: { incidentId: incident.id }, select: postmortemAuditSelect });
    if (!before?.publishedAt) throw new AppError("CONFLICT", "This postmortem is not published.");
    const postmortem = await tx.postmortem.update({ where: { id: before.id }, data: { publishedAt: null, version: { increment: 1 } }, select: postmortemAuditSelect });
    if (incident.status === "postmortem") await tx.incident.update({ where: { id: incident.id }, data: { status: "resolved" } });
    await writeAudit(tx, ctx.actor, { action: "postmortem.unpublish", entityType: "postmortem", entityId: postmortem.id, before, after: postmortem });
    return { postmortem, tags: await incidentTags(tx, incident.id) };
  });
}

/** Deletes the postmortem, draft or published; a published one's incident goes back to `resolved`. */
export async function deletePostmortem({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
  authorize(ctx.actor, "responder");
  const data = parseInput(postmortemIncidentSchema, input);
  return inTransaction(ctx, async (tx) => {
    const incident = await lockIncident(tx, data.incidentId, "incident");
    const before = await tx.postmortem.findUnique({ where: { incidentId: incident.id }, select: postmortemAuditSelect });
    if (!before) throw new AppError("NOT_FOUND", "This incident has no postmortem.");
    await tx.postmortem.delete({ where: { id: before.id } });
    if (incident.status === "postmortem") await tx.incident.update({ where: { id: incident.id }, data: { status: "resolved" } });
    await writeAudit(tx, ctx.actor, { action: "postmortem.delete", entityType: "postmortem", entityId: before.id, before });
    return { tags: await incidentTags(tx, incident.id) };
  });
}
