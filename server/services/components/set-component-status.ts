import "server-only";
import { z } from "zod";
import { authorize, inTransaction, type ServiceContext } from "@/server/services/context";
import { writeAudit } from "@/server/services/audit";
import { id, parseInput } from "@/server/services/validation";
import { TAGS } from "@/server/cache/tags";
import { applyComponentStatusChanges } from "@/server/services/components/apply-component-status";
import { COMPONENT_STATUSES } from "@/lib/status";

export const setComponentStatusSchema = z.object({
  componentId: id("Component"),
  status: z.enum(COMPONENT_STATUSES, { error: "Choose a status." }),
});

/** Sets a component's status outside any incident; recorded in its history like any other change. */
export async function setComponentStatus({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.input<typeof setComponentStatusSchema>;
}) {
  authorize(ctx.actor, "responder");
  const data = parseInput(setComponentStatusSchema, input);
  return inTransaction(ctx, async (tx) => {
    const [change] = await applyComponentStatusChanges(tx, ctx.actor, {
      at: new Date(),
      changes: [{ componentId: data.componentId, status: data.status }],
    });
    await writeAudit(tx, ctx.actor, {
      action: "component.set-status",
      entityType: "component",
      entityId: data.componentId,
      before: { status: change.oldStatus },
      after: { status: change.newStatus },
    });
    return { change, tags: [TAGS.components, TAGS.componentHistory] };
  });
}
