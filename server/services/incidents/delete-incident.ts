import "server-only";
import { z } from "zod";
import { authorize, inTransaction, type ServiceContext } from "@/server/services/context";
import { writeAudit } from "@/server/services/audit";
import { id, parseInput } from "@/server/services/validation";
import { incidentTags, loadIncidentForAudit, lockIncident } from "@/server/services/incidents/incident-shared";
import { TAGS } from "@/server/cache/tags";

export const deleteIncidentSchema = z.object({ incidentId: id("Incident") });

/**
 * Deletes an incident or maintenance with its updates and postmortem. The component status history it recorded
 * stays (unlinked), since those statuses were really shown; current component statuses are left as they are.
 */
export async function deleteIncident({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.input<typeof deleteIncidentSchema>;
}) {
  authorize(ctx.actor, "responder");
  const data = parseInput(deleteIncidentSchema, input);
  return inTransaction(ctx, async (tx) => {
    const incident = await lockIncident(tx, data.incidentId);
    const before = await loadIncidentForAudit(tx, incident.id);
    const tags = await incidentTags(tx, incident.id, { history: true });
    await tx.incident.delete({ where: { id: incident.id } });
    await writeAudit(tx, ctx.actor, {
      action: "incident.delete",
      entityType: "incident",
      entityId: incident.id,
      before,
    });
    return { tags: [...tags, TAGS.components] };
  });
}
