import "server-only";
import { z } from "zod";
import { actorUserId, authorize, inTransaction, type ServiceContext } from "@/server/services/context";
import { writeAudit } from "@/server/services/audit";
import { parseInput } from "@/server/services/validation";
import { TAGS } from "@/server/cache/tags";
import {
  assertGroupExists,
  componentAuditSelect,
  componentFieldsSchema,
  nextComponentPosition,
} from "@/server/services/components/component-shared";
import { COMPONENT_STATUSES } from "@/lib/status";

export const createComponentSchema = componentFieldsSchema.extend({
  status: z.enum(COMPONENT_STATUSES, { error: "Choose a status." }).default("operational"),
});

export async function createComponent({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.input<typeof createComponentSchema>;
}) {
  authorize(ctx.actor, "responder");
  const data = parseInput(createComponentSchema, input);
  return inTransaction(ctx, async (tx) => {
    await assertGroupExists(tx, data.groupId);
    const groupId = data.groupId ?? null;
    const component = await tx.component.create({
      data: {
        name: data.name,
        description: data.description ?? null,
        groupId,
        showcase: data.showcase,
        onlyShowIfDegraded: data.onlyShowIfDegraded,
        startDate: data.startDate ?? null,
        status: data.status,
        position: await nextComponentPosition(tx, groupId),
      },
      select: componentAuditSelect,
    });
    const startedAt = data.startDate && data.startDate.getTime() < Date.now() ? data.startDate : new Date();
    await tx.componentStatusChange.create({
      data: { componentId: component.id, toStatus: data.status, changedAt: startedAt, actorId: actorUserId(ctx.actor) },
    });
    await writeAudit(tx, ctx.actor, {
      action: "component.create",
      entityType: "component",
      entityId: component.id,
      after: component,
    });
    return { component, tags: [TAGS.components, TAGS.componentHistory] };
  });
}
