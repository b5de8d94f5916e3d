import "server-only";
import { z } from "zod";
import { authorize, inTransaction, type ServiceContext } from "@/server/services/context";
import { writeAudit } from "@/server/services/audit";
import { id, parseInput } from "@/server/services/validation";
import { TAGS } from "@/server/cache/tags";
import { AppError } from "@/server/errors";
import { swapWithNeighbour } from "@/server/services/components/component-shared";

export const moveSchema = z.object({
  id: id("Item"),
  direction: z.enum(["up", "down"], { error: "Choose up or down." }),
});

/** Moves a component one place up or down within its group. */
export async function moveComponent({ ctx, input }: { ctx: ServiceContext; input: z.input<typeof moveSchema> }) {
  authorize(ctx.actor, "responder");
  const data = parseInput(moveSchema, input);
  return inTransaction(ctx, async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('statuspage:component-order'))`;
    const component = await tx.component.findUnique({ where: { id: data.id }, select: { groupId: true } });
    if (!component) throw new AppError("NOT_FOUND", "That component no longer exists.");
    const siblings = await tx.component.findMany({
      where: { groupId: component.groupId },
      orderBy: [{ position: "asc" }, { createdAt: "asc" }],
      select: { id: true, position: true },
    });
    const reordered = swapWithNeighbour(siblings, data.id, data.direction);
    if (reordered) {
      for (const [index, item] of reordered.entries()) {
        if (item.position !== index + 1)
          await tx.component.update({ where: { id: item.id }, data: { position: index + 1 } });
      }
      await writeAudit(tx, ctx.actor, {
        action: "component.move",
        entityType: "component",
        entityId: data.id,
        before: siblings.map((s) => s.id),
        after: reordered.map((s) => s.id),
      });
    }
    return { moved: Boolean(reordered), tags: reordered ? [TAGS.components] : [] };
  });
}

/** Moves a group one place up or down. */
export async function moveComponentGroup({ ctx, input }: { ctx: ServiceContext; input: z.input<typeof moveSchema> }) {
  authorize(ctx.actor, "responder");
  const data = parseInput(moveSchema, input);
  return inTransaction(ctx, async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('statuspage:component-order'))`;
    const groups = await tx.componentGroup.findMany({
      orderBy: [{ position: "asc" }, { createdAt: "asc" }],
      select: { id: true, position: true },
    });
    if (!groups.some((g) => g.id === data.id)) throw new AppError("NOT_FOUND", "That group no longer exists.");
    const reordered = swapWithNeighbour(groups, data.id, data.direction);
    if (reordered) {
      for (const [index, item] of reordered.entries()) {
        if (item.position !== index + 1)
          await tx.componentGroup.update({ where: { id: item.id }, data: { position: index + 1 } });
      }
      await writeAudit(tx, ctx.actor, {
        action: "component-group.move",
        entityType: "component_group",
        entityId: data.id,
        before: groups.map((g) => g.id),
        after: reordered.map((g) => g.id),
      });
    }
    return { moved: Boolean(reordered), tags: reordered ? [TAGS.components] : [] };
  });
}
