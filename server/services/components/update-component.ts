import "server-only";
import type { z } from "zod";
import { authorize, inTransaction, type ServiceContext } from "@/server/services/context";
import { writeAudit } from "@/server/services/audit";
import { id, parseInput, version } from "@/server/services/validation";
import { TAGS } from "@/server/cache/tags";
import { AppError } from "@/server/errors";
import { STALE_MESSAGE } from "@/server/services/incidents/edit-incident-update";
import {
  assertGroupExists,
  componentAuditSelect,
  componentFieldsSchema,
  nextComponentPosition,
} from "@/server/services/components/component-shared";

export const updateComponentSchema = componentFieldsSchema.extend({ componentId: id("Component"), version });

/** Edits a component's name, description, group and display options; a stale `version` is a conflict. */
export async function updateComponent({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.input<typeof updateComponentSchema>;
}) {
  authorize(ctx.actor, "responder");
  const data = parseInput(updateComponentSchema, input);
  return inTransaction(ctx, async (tx) => {
    const before = await tx.component.findUnique({ where: { id: data.componentId }, select: componentAuditSelect });
    if (!before) throw new AppError("NOT_FOUND", "That component no longer exists.");
    await assertGroupExists(tx, data.groupId);
    const groupId = data.groupId ?? null;
    const changed = await tx.component.updateMany({
      where: { id: data.componentId, version: data.version },
      data: {
        name: data.name,
        description: data.description ?? null,
        groupId,
        showcase: data.showcase,
        onlyShowIfDegraded: data.onlyShowIfDegraded,
        startDate: data.startDate ?? null,
        version: { increment: 1 },
        ...(groupId !== before.groupId ? { position: await nextComponentPosition(tx, groupId) } : {}),
      },
    });
    if (changed.count === 0) throw new AppError("CONFLICT", STALE_MESSAGE);
    const component = await tx.component.findUniqueOrThrow({
      where: { id: data.componentId },
      select: componentAuditSelect,
    });
    await writeAudit(tx, ctx.actor, {
      action: "component.edit",
      entityType: "component",
      entityId: component.id,
      before,
      after: component,
    });
    const startChanged = (before.startDate?.getTime() ?? null) !== (component.startDate?.getTime() ?? null);
    return { component, tags: [TAGS.components, ...(startChanged ? [TAGS.componentHistory] : [])] };
  });
}
