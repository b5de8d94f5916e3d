import "server-only";
import { z } from "zod";
import { authorize, inTransaction, type ServiceContext } from "@/server/services/context";
import { writeAudit } from "@/server/services/audit";
import { id, parseInput } from "@/server/services/validation";
import { lockIncident } from "@/server/services/incidents/incident-shared";
import { AppError } from "@/server/errors";
import { TAGS } from "@/server/cache/tags";

export const relatedIncidentSchema = z.object({ incidentId: id("Incident"), relatedId: id("Related incident") });

/** Links two incidents; each one's public page then lists the other. */
export async function linkRelatedIncident({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.input<typeof relatedIncidentSchema>;
}) {
  authorize(ctx.actor, "responder");
  const data = parseInput(relatedIncidentSchema, input);
  if (data.incidentId === data.relatedId) {
    throw new AppError("VALIDATION", "Some fields need attention.", {
      relatedId: ["An incident cannot be related to itself."],
    });
  }
  return inTransaction(ctx, async (tx) => {
    const [first, second] = [data.incidentId, data.relatedId].sort();
    await lockIncident(tx, first);
    await lockIncident(tx, second).catch(() => {
      throw new AppError("VALIDATION", "Some fields need attention.", { relatedId: ["No incident has that id."] });
    });
    const existing = await tx.incidentRelation.findFirst({
      where: {
        OR: [
          { fromId: data.incidentId, toId: data.relatedId },
          { fromId: data.relatedId, toId: data.incidentId },
        ],
      },
    });
    if (!existing) {
      await tx.incidentRelation.create({ data: { fromId: data.incidentId, toId: data.relatedId } });
      await writeAudit(tx, ctx.actor, {
        action: "incident.relate",
        entityType: "incident",
        entityId: data.incidentId,
        after: { relatedId: data.relatedId },
      });
    }
    return { tags: [TAGS.incident(data.incidentId), TAGS.incident(data.relatedId)] };
  });
}

export async function unlinkRelatedIncident({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.input<typeof relatedIncidentSchema>;
}) {
  authorize(ctx.actor, "responder");
  const data = parseInput(relatedIncidentSchema, input);
  return inTransaction(ctx, async (tx) => {
    const removed = await tx.incidentRelation.deleteMany({
      where: {
        OR: [
          { fromId: data.incidentId, toId: data.relatedId },
          { fromId: data.relatedId, toId: data.incidentId },
        ],
      },
    });
    if (removed.count > 0) {
      await writeAudit(tx, ctx.actor, {
        action: "incident.unrelate",
        entityType: "incident",
        entityId: data.incidentId,
        before: { relatedId: data.relatedId },
      });
    }
    return { tags: [TAGS.incident(data.incidentId), TAGS.incident(data.relatedId)] };
  });
}
