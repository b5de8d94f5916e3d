import "server-only";
import { z } from "zod";
import { authorize, inTransaction, type ServiceContext } from "@/server/services/context";
import { writeAudit } from "@/server/services/audit";
import { id, parseInput } from "@/server/services/validation";
import { TAGS } from "@/server/cache/tags";
import { AppError } from "@/server/errors";
import { groupFieldsSchema } from "@/server/services/components/component-shared";

const groupSelect = { id: true, name: true, description: true, position: true } as const;

export async function createComponentGroup({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.input<typeof groupFieldsSchema>;
}) {
  authorize(ctx.actor, "responder");
  const data = parseInput(groupFieldsSchema, input);
  return inTransaction(ctx, async (tx) => {
    const last = await tx.componentGroup.aggregate({ _max: { position: true } });
    const group = await tx.componentGroup.create({
      data: { name: data.name, description: data.description ?? null, position: (last._max.position ?? 0) + 1 },
      select: groupSelect,
    });
    await writeAudit(tx, ctx.actor, {
      action: "component-group.create",
      entityType: "component_group",
      entityId: group.id,
      after: group,
    });
    return { group, tags: [TAGS.components] };
  });
}

export const updateComponentGroupSchema = groupFieldsSchema.extend({ groupId: id("Group") });

export async function updateComponentGroup({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.input<typeof updateComponentGroupSchema>;
}) {
  authorize(ctx.actor, "responder");
  const data = parseInput(updateComponentGroupSchema, input);
  return inTransaction(ctx, async (tx) => {
    const before = await tx.componentGroup.findUnique({ where: { id: data.groupId }, select: groupSelect });
    if (!before) throw new AppError("NOT_FOUND", "That group no longer exists.");
    const group = await tx.componentGroup.update({
      where: { id: data.groupId },
      data: { name: data.name, description: data.description ?? null },
      select: groupSelect,
    });
    await writeAudit(tx, ctx.actor, {
      action: "component-group.edit",
      entityType: "component_group",
      entityId: group.id,
      before,
      after: group,
    });
    return { group, tags: [TAGS.components] };
  });
}

export const deleteComponentGroupSchema = z.object({ groupId: id("Group") });

/** Deletes a group; its components stay, ungrouped. */
export async function deleteComponentGroup({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.input<typeof deleteComponentGroupSchema>;
}) {
  authorize(ctx.actor, "responder");
  const data = parseInput(deleteComponentGroupSchema, input);
  return inTransaction(ctx, async (tx) => {
    const before = await tx.componentGroup.findUnique({ where: { id: data.groupId }, select: groupSelect });
    if (!before) throw new AppError("NOT_FOUND", "That group no longer exists.");
    await tx.componentGroup.delete({ where: { id: data.groupId } });
    await writeAudit(tx, ctx.actor, {
      action: "component-group.delete",
      entityType: "component_group",
      entityId: before.id,
      before,
    });
    return { tags: [TAGS.components] };
  });
}
