import "server-only";
import { z } from "zod";
import { authorize, inTransaction, type ServiceContext } from "@/server/services/context";
import { writeAudit } from "@/server/services/audit";
import { id, parseInput, requiredText, version } from "@/server/services/validation";
import { incidentTags, loadIncidentForAudit, lockIncident } from "@/server/services/incidents/incident-shared";
import { STALE_MESSAGE } from "@/server/services/incidents/edit-incident-update";
import { AppError } from "@/server/errors";
import { INCIDENT_IMPACTS, LIMITS } from "@/lib/status";

export const updateIncidentSchema = z.object({
  incidentId: id("Incident"),
  version,
  name: requiredText("Name", LIMITS.nameMax),
  impact: z.enum(INCIDENT_IMPACTS, { error: "Choose an impact." }).optional(),
});

/** Renames an incident or maintenance and changes an incident's impact, refusing a stale `version`. */
export async function updateIncident({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.input<typeof updateIncidentSchema>;
}) {
  authorize(ctx.actor, "responder");
  const data = parseInput(updateIncidentSchema, input);
  return inTransaction(ctx, async (tx) => {
    const incident = await lockIncident(tx, data.incidentId);
    if (incident.version !== data.version) throw new AppError("CONFLICT", STALE_MESSAGE);
    if (incident.kind === "maintenance" && data.impact) {
      throw new AppError("VALIDATION", "Some fields need attention.", {
        impact: ["A maintenance has no impact to change."],
      });
    }
    const before = await loadIncidentForAudit(tx, incident.id);
    await tx.incident.update({
      where: { id: incident.id },
      data: { name: data.name, ...(data.impact ? { impact: data.impact } : {}), version: { increment: 1 } },
    });
    const after = await loadIncidentForAudit(tx, incident.id);
    await writeAudit(tx, ctx.actor, {
      action: "incident.edit",
      entityType: "incident",
      entityId: incident.id,
      before,
      after,
    });
    return { incident: after!, tags: await incidentTags(tx, incident.id) };
  });
}
