import "server-only";
import { authorize, inTransaction, type ServiceContext } from "@/server/services/context";
import { writeAudit } from "@/server/services/audit";
import {
  fingerprintOf,
  isUnchanged,
  parseSource,
  recordImport,
  type ImportOutcome,
} from "@/server/services/imports/import-shared";
import { sourceComponentSchema, sourceGroupSchema } from "@/server/services/imports/source-schemas";

/** Creates or updates a component group under its Statuspage id. */
export async function importComponentGroup({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: unknown;
}): Promise<ImportOutcome> {
  authorize(ctx.actor, "owner");
  const group = parseSource(sourceGroupSchema, input);
  const fingerprint = fingerprintOf(group);
  return inTransaction(ctx, async (tx) => {
    const existing = await tx.componentGroup.findUnique({ where: { id: group.id }, select: { id: true } });
    if (await isUnchanged(tx, "component_group", group.id, fingerprint, Boolean(existing)))
      return { outcome: "unchanged" };
    const values = { name: group.name.slice(0, 200), description: group.description, position: group.position };
    await tx.componentGroup.upsert({
      where: { id: group.id },
      create: { id: group.id, ...values, ...(group.created_at ? { createdAt: group.created_at } : {}) },
      update: values,
    });
    await writeAudit(tx, ctx.actor, {
      action: "import.component_group",
      entityType: "component_group",
      entityId: group.id,
      after: values,
    });
    await recordImport(tx, "component_group", group.id, group.id, fingerprint);
    return { outcome: existing ? "updated" : "created" };
  });
}

/**
 * Creates or updates a component under its Statuspage id, with its current status. A new component's history starts
 * operational at its start date (or creation); incidents' updates then add the changes they recorded.
 */
export async function importComponent({ ctx, input }: { ctx: ServiceContext; input: unknown }): Promise<ImportOutcome> {
  authorize(ctx.actor, "owner");
  const component = parseSource(sourceComponentSchema, input);
  const fingerprint = fingerprintOf(component);
  return inTransaction(ctx, async (tx) => {
    const existing = await tx.component.findUnique({ where: { id: component.id }, select: { id: true } });
    if (await isUnchanged(tx, "component", component.id, fingerprint, Boolean(existing)))
      return { outcome: "unchanged" };
    const groupId =
      component.group_id &&
      (await tx.componentGroup.findUnique({ where: { id: component.group_id }, select: { id: true } }))
        ? component.group_id
        : null;
    const values = {
      name: component.name.slice(0, 200),
      description: component.description,
      position: component.position,
      showcase: component.showcase,
      onlyShowIfDegraded: component.only_show_if_degraded,
      startDate: component.start_date,
      groupId,
      status: component.status,
    };
    if (existing) {
      await tx.component.update({ where: { id: component.id }, data: { ...values, version: { increment: 1 } } });
    } else {
      const createdAt = component.created_at ?? new Date();
      await tx.component.create({ data: { id: component.id, ...values, createdAt } });
      await tx.componentStatusChange.create({
        data: { componentId: component.id, toStatus: "operational", changedAt: component.start_date ?? createdAt },
      });
    }
    await writeAudit(tx, ctx.actor, {
      action: "import.component",
      entityType: "component",
      entityId: component.id,
      after: values,
    });
    await recordImport(tx, "component", component.id, component.id, fingerprint);
    return { outcome: existing ? "updated" : "created" };
  });
}

/**
 * Ends each imported component's reconstructed history in its current status: when the last recorded change
 * differs from what the source shows now, one change to the current status is recorded now.
 */
export async function settleComponentHistory({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { componentIds: string[] };
}) {
  authorize(ctx.actor, "owner");
  return inTransaction(ctx, async (tx) => {
    let settled = 0;
    for (const componentId of input.componentIds) {
      const component = await tx.component.findUnique({ where: { id: componentId }, select: { status: true } });
      if (!component) continue;
      const latest = await tx.componentStatusChange.findFirst({
        where: { componentId },
        orderBy: [{ changedAt: "desc" }, { createdAt: "desc" }],
        select: { toStatus: true },
      });
      if (latest?.toStatus === component.status) continue;
      await tx.componentStatusChange.create({
        data: { componentId, fromStatus: latest?.toStatus ?? null, toStatus: component.status, changedAt: new Date() },
      });
      settled++;
    }
    if (settled)
      await writeAudit(tx, ctx.actor, {
        action: "import.component_history",
        entityType: "component",
        after: { settled },
      });
    return { settled };
  });
}
