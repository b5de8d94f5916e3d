import "server-only";
import { describeAuditEntities } from "@/server/queries/audit-entities";
import { getDb } from "@/server/db/client";
import { authorize, type ActorContext } from "@/server/auth/actor";
import type { Prisma } from "@/server/db/generated/client";
import { pageSettingsFields } from "@/server/db/base-selects";

export async function getAdminPageSettings({ ctx }: { ctx: ActorContext }) {
  authorize(ctx.actor, "owner");
  return getDb().pageSettings.findFirst({
    select: { ...pageSettingsFields, version: true },
  });
}

export async function listAdminUsers({ ctx }: { ctx: ActorContext }) {
  authorize(ctx.actor, "owner");
  return getDb().user.findMany({
    orderBy: [{ deactivatedAt: { sort: "asc", nulls: "first" } }, { createdAt: "asc" }],
    select: { id: true, email: true, name: true, role: true, deactivatedAt: true, lastSignInAt: true, createdAt: true },
  });
}

export async function listAdminTemplates({ ctx }: { ctx: ActorContext }) {
  authorize(ctx.actor, "viewer");
  return getDb().messageTemplate.findMany({
    orderBy: { name: "asc" },
    select: { id: true, name: true, title: true, status: true, body: true },
  });
}

export type AuditFilters = {
  action?: string;
  entityType?: string;
  actor?: string;
  entityId?: string;
  from?: Date;
  to?: Date;
  before?: bigint;
};

const PAGE_SIZE = 50;

/** Newest first, filtered, paged by id (the `before` cursor). */
export async function listAuditLog({ ctx, filters }: { ctx: ActorContext; filters: AuditFilters }) {
  authorize(ctx.actor, "owner");
  const where: Prisma.AuditLogWhereInput = {
    ...(filters.action ? { action: { startsWith: filters.action } } : {}),
    ...(filters.entityType ? { entityType: filters.entityType } : {}),
    ...(filters.entityId ? { entityId: filters.entityId } : {}),
    ...(filters.actor ? { actorLabel: { contains: filters.actor, mode: "insensitive" } } : {}),
    ...(filters.from || filters.to
      ? { createdAt: { ...(filters.from ? { gte: filters.from } : {}), ...(filters.to ? { lt: filters.to } : {}) } }
      : {}),
    ...(filters.before ? { id: { lt: filters.before } } : {}),
  };
  const rows = await getDb().auditLog.findMany({
    where,
    orderBy: { id: "desc" },
    take: PAGE_SIZE + 1,
    select: {
      id: true,
      actorLabel: true,
      action: true,
      entityType: true,
      entityId: true,
      before: true,
      after: true,
      createdAt: true,
    },
  });
  const page = rows.slice(0, PAGE_SIZE);
  const entities = await describeAuditEntities(page);
  return {
    entries: page.map((r, index) => ({ ...r, id: r.id.toString(), entity: entities[index] })),
    nextBefore: rows.length > PAGE_SIZE ? page.at(-1)!.id.toString() : null,
  };
}

export async function listAuditFacets({ ctx }: { ctx: ActorContext }) {
  authorize(ctx.actor, "owner");
  const [actions, types] = await Promise.all([
    getDb().auditLog.findMany({ distinct: ["action"], select: { action: true }, orderBy: { action: "asc" } }),
    getDb().auditLog.findMany({
      distinct: ["entityType"],
      select: { entityType: true },
      orderBy: { entityType: "asc" },
    }),
  ]);
  return { actions: actions.map((a) => a.action), entityTypes: types.map((t) => t.entityType) };
}
