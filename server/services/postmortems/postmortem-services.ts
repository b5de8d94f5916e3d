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

/** Without `body`, the saved draft is published. `publishedAt` keeps an imported postmortem's original publication date. */
export const publishPostmortemSchema = savePostmortemSchema.extend({
  body: postmortemBody.optional(),
  publishedAt: optionalDate,
});

export const postmortemIncidentSchema = z.object({ incidentId: id("Incident") });

const postmortemAuditSelect = {
  id: true,
  incidentId: true,
  body: true,
  draft: true,
  publishedAt: true,
  version: true,
} as const;

async function saveDraft(tx: Tx, ctx: ServiceContext, data: { incidentId: string; body: string; version: number }) {
  const existing = await tx.postmortem.findUnique({
    where: { incidentId: data.incidentId },
    select: postmortemAuditSelect,
  });
  if ((existing?.version ?? 0) !== data.version) throw new AppError("CONFLICT", STALE_MESSAGE);
  const editor = actorUserId(ctx.actor);
  const postmortem = existing
    ? await tx.postmortem.update({
        where: { id: existing.id },
        data: { draft: data.body, draftUpdatedAt: new Date(), lastEditorId: editor, version: { increment: 1 } },
        select: postmortemAuditSelect,
      })
    : await tx.postmortem.create({
        data: { incidentId: data.incidentId, draft: data.body, authorId: editor, lastEditorId: editor },
        select: postmortemAuditSelect,
      });
  return { before: existing, postmortem };
}

/** Saves the draft. Readers keep seeing the published text, if any, until the draft is published. */
export async function savePostmortem({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.input<typeof savePostmortemSchema>;
}) {
  authorize(ctx.actor, "responder");
  const data = parseInput(savePostmortemSchema, input);
  return inTransaction(ctx, async (tx) => {
    await lockIncident(tx, data.incidentId, "incident");
    const { before, postmortem } = await saveDraft(tx, ctx, data);
    await writeAudit(tx, ctx.actor, {
      action: "postmortem.save",
      entityType: "postmortem",
      entityId: postmortem.id,
      before,
      after: postmortem,
    });
    return { postmortem, tags: [] as string[] };
  });
}

/** Publishes the draft (saving the given text as the draft first); the incident takes the `postmortem` status. */
export async function publishPostmortem({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.input<typeof publishPostmortemSchema>;
}) {
  authorize(ctx.actor, "responder");
  const data = parseInput(publishPostmortemSchema, input);
  if (data.publishedAt && data.publishedAt.getTime() > Date.now() + 60_000) {
    throw new AppError("VALIDATION", "Some fields need attention.", {
      publishedAt: ["A postmortem cannot be dated in the future."],
    });
  }
  return inTransaction(ctx, async (tx) => {
    const incident = await lockIncident(tx, data.incidentId, "incident");
    if (incident.status !== "resolved" && incident.status !== "postmortem") {
      throw new AppError("VALIDATION", "Resolve the incident before publishing its postmortem.", {
        body: ["Resolve the incident before publishing its postmortem."],
      });
    }
    if (data.publishedAt && incident.resolvedAt && data.publishedAt < incident.resolvedAt) {
      throw new AppError("VALIDATION", "Some fields need attention.", {
        publishedAt: ["A postmortem cannot be published before the incident was resolved."],
      });
    }
    const { before, postmortem: saved } =
      data.body !== undefined ? await saveDraft(tx, ctx, { ...data, body: data.body }) : await readDraft(tx, data);
    const postmortem = await tx.postmortem.update({
      where: { id: saved.id },
      data: {
        body: saved.draft,
        bodyUpdatedAt: new Date(),
        publishedAt: data.publishedAt ?? saved.publishedAt ?? new Date(),
        ...(data.body === undefined ? { version: { increment: 1 } } : {}),
      },
      select: postmortemAuditSelect,
    });
    await tx.incident.update({ where: { id: incident.id }, data: { status: "postmortem" } });
    if (!before?.publishedAt) await recordIncidentEvent(tx, { type: "postmortem.published", incidentId: incident.id });
    await writeAudit(tx, ctx.actor, {
      action: "postmortem.publish",
      entityType: "postmortem",
      entityId: postmortem.id,
      before,
      after: postmortem,
    });
    return { postmortem, tags: await incidentTags(tx, incident.id) };
  });
}

async function readDraft(tx: Tx, data: { incidentId: string; version: number }) {
  const postmortem = await tx.postmortem.findUnique({
    where: { incidentId: data.incidentId },
    select: postmortemAuditSelect,
  });
  if (!postmortem)
    throw new AppError("VALIDATION", "Write the postmortem before publishing it.", {
      body: ["Write the postmortem before publishing it."],
    });
  if (postmortem.version !== data.version) throw new AppError("CONFLICT", STALE_MESSAGE);
  return { before: postmortem, postmortem };
}

/** Takes the postmortem off the public page, keeping its draft; the incident goes back to `resolved`. */
export async function unpublishPostmortem({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.input<typeof postmortemIncidentSchema>;
}) {
  authorize(ctx.actor, "responder");
  const data = parseInput(postmortemIncidentSchema, input);
  return inTransaction(ctx, async (tx) => {
    const incident = await lockIncident(tx, data.incidentId, "incident");
    const before = await tx.postmortem.findUnique({
      where: { incidentId: incident.id },
      select: postmortemAuditSelect,
    });
    if (!before?.publishedAt) throw new AppError("CONFLICT", "This postmortem is not published.");
    const postmortem = await tx.postmortem.update({
      where: { id: before.id },
      data: { publishedAt: null, version: { increment: 1 } },
      select: postmortemAuditSelect,
    });
    if (incident.status === "postmortem")
      await tx.incident.update({ where: { id: incident.id }, data: { status: "resolved" } });
    await writeAudit(tx, ctx.actor, {
      action: "postmortem.unpublish",
      entityType: "postmortem",
      entityId: postmortem.id,
      before,
      after: postmortem,
    });
    return { postmortem, tags: await incidentTags(tx, incident.id) };
  });
}

/** Deletes the postmortem, draft or published; a published one's incident goes back to `resolved`. */
export async function deletePostmortem({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.input<typeof postmortemIncidentSchema>;
}) {
  authorize(ctx.actor, "responder");
  const data = parseInput(postmortemIncidentSchema, input);
  return inTransaction(ctx, async (tx) => {
    const incident = await lockIncident(tx, data.incidentId, "incident");
    const before = await tx.postmortem.findUnique({
      where: { incidentId: incident.id },
      select: postmortemAuditSelect,
    });
    if (!before) throw new AppError("NOT_FOUND", "This incident has no postmortem.");
    await tx.postmortem.delete({ where: { id: before.id } });
    if (incident.status === "postmortem")
      await tx.incident.update({ where: { id: incident.id }, data: { status: "resolved" } });
    await writeAudit(tx, ctx.actor, {
      action: "postmortem.delete",
      entityType: "postmortem",
      entityId: before.id,
      before,
    });
    return { tags: await incidentTags(tx, incident.id) };
  });
}
