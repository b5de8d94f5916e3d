import "server-only";
import { z } from "zod";
import { authorize, inTransaction, type ServiceContext } from "@/server/services/context";
import { id, parseInput } from "@/server/services/validation";
import { deleteIncident } from "@/server/services/incidents/delete-incident";
import { AppError } from "@/server/errors";

export const deleteConfirmedIncidentSchema = z.object({
  incidentId: id("Incident"),
  confirmName: z.string({ error: "Type the name to confirm." }).max(1_000),
});

const squash = (value: string) => value.trim().replace(/\s+/g, " ");

/**
 * The console's delete: owners only, and only once the name was typed back, since nothing brings a deleted incident
 * back. The deletion itself (and its audit row) is the management API's.
 */
export async function deleteConfirmedIncident({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.input<typeof deleteConfirmedIncidentSchema>;
}) {
  authorize(ctx.actor, "owner");
  const data = parseInput(deleteConfirmedIncidentSchema, input);
  return inTransaction(ctx, async (tx) => {
    const incident = await tx.incident.findUnique({
      where: { id: data.incidentId },
      select: { id: true, name: true, kind: true },
    });
    if (!incident) throw new AppError("NOT_FOUND", "That incident no longer exists.");
    if (squash(data.confirmName) !== squash(incident.name))
      throw new AppError("VALIDATION", "Some fields need attention.", {
        confirmName: [`Type the ${incident.kind === "maintenance" ? "maintenance" : "incident"}'s name exactly.`],
      });
    const { tags } = await deleteIncident({ ctx: { ...ctx, db: tx }, input: { incidentId: incident.id } });
    return { kind: incident.kind, name: incident.name, tags };
  });
}
