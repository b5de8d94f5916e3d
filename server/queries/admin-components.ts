import "server-only";
import { getDb } from "@/server/db/client";
import { authorize, type ActorContext } from "@/server/auth/actor";
import { isValidId } from "@/lib/status";
import { componentFields } from "@/server/db/base-selects";

const componentSelect = { ...componentFields, version: true } as const;

/** Groups and components in display order, for the console's lists and status selects. */
export async function getAdminComponentTree({ ctx }: { ctx: ActorContext }) {
  authorize(ctx.actor, "viewer");
  const db = getDb();
  const [groups, components] = await Promise.all([
    db.componentGroup.findMany({
      orderBy: [{ position: "asc" }, { createdAt: "asc" }],
      select: { id: true, name: true, description: true, position: true },
    }),
    db.component.findMany({ orderBy: [{ position: "asc" }, { createdAt: "asc" }], select: componentSelect }),
  ]);
  return {
    groups: groups.map((group) => ({ ...group, components: components.filter((c) => c.groupId === group.id) })),
    ungrouped: components.filter((c) => c.groupId === null),
    all: components,
  };
}

export type AdminComponentTree = Awaited<ReturnType<typeof getAdminComponentTree>>;

export async function getAdminComponent({ ctx, componentId }: { ctx: ActorContext; componentId: string }) {
  authorize(ctx.actor, "viewer");
  if (!isValidId(componentId)) return null;
  return getDb().component.findUnique({ where: { id: componentId }, select: componentSelect });
}

export async function getAdminComponentGroup({ ctx, groupId }: { ctx: ActorContext; groupId: string }) {
  authorize(ctx.actor, "viewer");
  if (!isValidId(groupId)) return null;
  return getDb().componentGroup.findUnique({
    where: { id: groupId },
    select: { id: true, name: true, description: true },
  });
}
