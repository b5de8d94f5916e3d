import "server-only";
import { getDb } from "@/server/db/client";
import { authorize, type ActorContext } from "@/server/auth/actor";
import type { Prisma } from "@/server/db/generated/client";
import {
  isValidId,
  UNFINISHED_MAINTENANCE_STATUSES,
  UNRESOLVED_INCIDENT_STATUSES,
  type AnyImpact,
  type AnyIncidentStatus,
  type IncidentKind,
} from "@/lib/status";

const OPEN_STATUSES = [...UNRESOLVED_INCIDENT_STATUSES, ...UNFINISHED_MAINTENANCE_STATUSES];

export type AdminIncidentRow = {
  id: string;
  kind: IncidentKind;
  name: string;
  status: AnyIncidentStatus;
  impact: AnyImpact;
  startedAt: Date;
  resolvedAt: Date | null;
  scheduledFor: Date | null;
  scheduledUntil: Date | null;
  updatedAt: Date;
  updateCount: number;
};

const rowSelect = {
  id: true,
  kind: true,
  name: true,
  status: true,
  impact: true,
  startedAt: true,
  resolvedAt: true,
  scheduledFor: true,
  scheduledUntil: true,
  updatedAt: true,
  _count: { select: { updates: true } },
} satisfies Prisma.IncidentSelect;

function toRow(row: Prisma.IncidentGetPayload<{ select: typeof rowSelect }>): AdminIncidentRow {
  const { _count, ...rest } = row;
  return { ...rest, updateCount: _count.updates };
}

/** Open ones first (newest first), then the most recent closed ones; `query` searches names and update text. */
export async function listAdminIncidents({
  ctx,
  kind,
  query,
  limit = 50,
}: {
  ctx: ActorContext;
  kind: IncidentKind;
  query?: string;
  limit?: number;
}) {
  authorize(ctx.actor, "viewer");
  const db = getDb();
  const q = query?.trim().slice(0, 200);
  const search: Prisma.IncidentWhereInput = q
    ? {
        OR: [
          { name: { contains: q, mode: "insensitive" } },
          { updates: { some: { body: { contains: q, mode: "insensitive" } } } },
          { id: q },
        ],
      }
    : {};
  const openOrder: Prisma.IncidentOrderByWithRelationInput[] =
    kind === "maintenance" ? [{ scheduledFor: "asc" }] : [{ startedAt: "desc" }];
  const [open, closed] = await Promise.all([
    db.incident.findMany({
      where: { kind, status: { in: [...OPEN_STATUSES] }, ...search },
      orderBy: openOrder,
      select: rowSelect,
      take: 200,
    }),
    db.incident.findMany({
      where: { kind, status: { notIn: [...OPEN_STATUSES] }, ...search },
      orderBy: [{ startedAt: "desc" }, { id: "asc" }],
      select: rowSelect,
      take: limit,
    }),
  ]);
  return { open: open.map(toRow), closed: closed.map(toRow) };
}

/** Everything the console's incident page shows, drafts included. */
export async function getAdminIncident({ ctx, incidentId }: { ctx: ActorContext; incidentId: string }) {
  authorize(ctx.actor, "viewer");
  if (!isValidId(incidentId)) return null;
  const incident = await getDb().incident.findUnique({
    where: { id: incidentId },
    select: {
      id: true,
      kind: true,
      name: true,
      status: true,
      impact: true,
      version: true,
      startedAt: true,
      monitoringAt: true,
      resolvedAt: true,
      scheduledFor: true,
      scheduledUntil: true,
      autoTransitionToMaintenanceState: true,
      createdAt: true,
      createdBy: { select: { name: true } },
      components: { select: { component: { select: { id: true, name: true, status: true } } } },
      updates: {
        orderBy: [{ displayAt: "desc" }, { createdAt: "desc" }],
        select: {
          id: true,
          status: true,
          body: true,
          displayAt: true,
          version: true,
          deliverNotifications: true,
          createdAt: true,
          author: { select: { name: true } },
          affectedComponents: { select: { componentName: true, oldStatus: true, newStatus: true } },
        },
      },
      postmortem: {
        select: {
          body: true,
          draft: true,
          publishedAt: true,
          version: true,
          draftUpdatedAt: true,
          bodyUpdatedAt: true,
        },
      },
      relatedTo: { select: { to: { select: { id: true, name: true, status: true, startedAt: true } } } },
      relatedFrom: { select: { from: { select: { id: true, name: true, status: true, startedAt: true } } } },
    },
  });
  if (!incident) return null;
  const { relatedTo, relatedFrom, components, ...rest } = incident;
  return {
    ...rest,
    components: components.map((c) => c.component),
    related: [...relatedTo.map((r) => r.to), ...relatedFrom.map((r) => r.from)].sort(
      (a, b) => a.startedAt.getTime() - b.startedAt.getTime(),
    ),
  };
}

/** Recent incidents to offer as related ones. */
export async function listRelatableIncidents({ ctx, excludeId }: { ctx: ActorContext; excludeId: string }) {
  authorize(ctx.actor, "viewer");
  return getDb().incident.findMany({
    where: { kind: "incident", id: { not: excludeId } },
    orderBy: { startedAt: "desc" },
    take: 100,
    select: { id: true, name: true, startedAt: true },
  });
}
