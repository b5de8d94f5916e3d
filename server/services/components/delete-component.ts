import "server-only";
import { z } from "zod";
import { authorize, inTransaction, type ServiceContext } from "@/server/services/context";
import { writeAudit } from "@/server/services/audit";
import { id, parseInput } from "@/server/services/validation";
import { TAGS } from "@/server/cache/tags";
import { AppError } from "@/server/errors";
import { componentAuditSelect } from "@/server/services/components/component-shared";

export const deleteComponentSchema = z.object({ componentId: id("Component") });

/** Deletes a component; past updates keep its name, and incidents simply stop listing it. */
export async function deleteComponent({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.input<typeof deleteComponentSchema>;
}) {
  authorize(ctx.actor, "responder");
  const data = parseInput(deleteComponentSchema, input);
  return inTransaction(ctx, async (tx) => {
    const before = await tx.component.findUnique({ where: { id: data.componentId }, select: componentAuditSelect });
    if (!before) throw new AppError("NOT_FOUND", "That component no longer exists.");
    const incidents = await tx.incidentComponent.findMany({
      where: { componentId: before.id },
      select: { incidentId: true },
    });
    await tx.component.delete({ where: { id: before.id } });
    await writeAudit(tx, ctx.actor, {
      action: "component.delete",
      entityType: "component",
      entityId: before.id,
      before,
    });
    return {
      tags: [
        TAGS.components,
        TAGS.componentHistory,
        ...(incidents.length ? [TAGS.incidents] : []),
        ...incidents.map((i) => TAGS.incident(i.incidentId)),
      ],
    };
  });
}
