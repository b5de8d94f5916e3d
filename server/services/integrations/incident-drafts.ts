import "server-only";
import { z } from "zod";
import { AppError } from "@/server/errors";
import { authorize, inTransaction, type ServiceContext } from "@/server/services/context";
import { writeAudit } from "@/server/services/audit";
import { id, parseInput } from "@/server/services/validation";
import { createIncident, createIncidentSchema } from "@/server/services/incidents/create-incident";

export const incidentDraftIdSchema = z.object({ draftId: id("Draft") });
type IncidentDraftIdInput = z.input<typeof incidentDraftIdSchema>;

async function lockOpenDraft(tx: Parameters<Parameters<typeof inTransaction>[1]>[0], draftId: string) {
  await tx.$queryRaw`SELECT id FROM incident_drafts WHERE id = ${draftId} FOR UPDATE`;
  const draft = await tx.incidentDraft.findUnique({ where: { id: draftId } });
  if (!draft) throw new AppError("NOT_FOUND", "That draft no longer exists.");
  if (draft.closedAt)
    throw new AppError(
      "CONFLICT",
      draft.publishedIncidentId ? "That draft was already published." : "That draft was dismissed.",
    );
  return draft;
}

/** A responder publishes what an alert rule prepared: an incident on the component, as it stands now. */
export async function publishIncidentDraft({ ctx, input }: { ctx: ServiceContext; input: IncidentDraftIdInput }) {
  authorize(ctx.actor, "responder");
  const data = parseInput(incidentDraftIdSchema, input);
  return inTransaction(ctx, async (tx) => {
    const draft = await lockOpenDraft(tx, data.draftId);
    const component = draft.componentId
      ? await tx.component.findUnique({ where: { id: draft.componentId }, select: { id: true, status: true } })
      : null;
    const created = await createIncident({
      ctx: { actor: ctx.actor, db: tx },
      // A draft's stored impact and status are the database's wider enums; the schema refuses what cannot start an incident.
      input: parseInput(createIncidentSchema, {
        name: draft.name,
        impact: draft.impact,
        status: draft.status,
        message: draft.body,
        components: component ? [{ componentId: component.id, status: component.status }] : [],
      }),
    });
    await tx.incidentDraft.update({
      where: { id: draft.id },
      data: { closedAt: new Date(), publishedIncidentId: created.incident.id },
    });
    await writeAudit(tx, ctx.actor, {
      action: "incident-draft.publish",
      entityType: "incident-draft",
      entityId: draft.id,
      after: { incidentId: created.incident.id },
    });
    return { incidentId: created.incident.id, tags: created.tags };
  });
}

export async function dismissIncidentDraft({ ctx, input }: { ctx: ServiceContext; input: IncidentDraftIdInput }) {
  authorize(ctx.actor, "responder");
  const data = parseInput(incidentDraftIdSchema, input);
  return inTransaction(ctx, async (tx) => {
    const draft = await lockOpenDraft(tx, data.draftId);
    await tx.incidentDraft.update({ where: { id: draft.id }, data: { closedAt: new Date() } });
    await writeAudit(tx, ctx.actor, {
      action: "incident-draft.dismiss",
      entityType: "incident-draft",
      entityId: draft.id,
      before: { name: draft.name },
    });
    return { draftId: draft.id, tags: [] as string[] };
  });
}
