import "server-only";
import type { DbOrTx } from "@/server/db/client";
import type { Prisma } from "@/server/db/generated/client";
import { componentFields, incidentFields, pageSettingsFields } from "@/server/db/base-selects";
import { ALL_INCIDENT_STATUSES, isValidId, UNRESOLVED_INCIDENT_STATUSES, type SubscriberKind } from "@/lib/status";

// Uncached reads for Statuspage's management API; they run inside the request's transaction when it has one.

export const managedPageSelect = {
  id: true,
  ...pageSettingsFields,
  // Statuspage's page object has no company URL.
  companyUrl: false,
  version: true,
  createdAt: true,
  updatedAt: true,
  statuspagePageId: true,
} satisfies Prisma.PageSettingsSelect;
export type ManagedPage = Prisma.PageSettingsGetPayload<{ select: typeof managedPageSelect }>;

export function readManagedPage(db: DbOrTx): Promise<ManagedPage | null> {
  return db.pageSettings.findFirst({ select: managedPageSelect });
}

export const managedComponentSelect = {
  ...componentFields,
  version: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.ComponentSelect;
export type ManagedComponent = Prisma.ComponentGetPayload<{ select: typeof managedComponentSelect }>;

export function listManagedComponents(db: DbOrTx, page: { skip: number; take: number }): Promise<ManagedComponent[]> {
  return db.component.findMany({
    select: managedComponentSelect,
    orderBy: [{ position: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    ...page,
  });
}

export async function readManagedComponent(db: DbOrTx, componentId: string): Promise<ManagedComponent | null> {
  return isValidId(componentId)
    ? db.component.findUnique({ where: { id: componentId }, select: managedComponentSelect })
    : null;
}

export const managedGroupSelect = {
  id: true,
  name: true,
  description: true,
  position: true,
  createdAt: true,
  updatedAt: true,
  components: { select: { id: true }, orderBy: [{ position: "asc" }, { createdAt: "asc" }] },
} satisfies Prisma.ComponentGroupSelect;
export type ManagedGroup = Prisma.ComponentGroupGetPayload<{ select: typeof managedGroupSelect }>;

export function listManagedGroups(db: DbOrTx, page: { skip: number; take: number }): Promise<ManagedGroup[]> {
  return db.componentGroup.findMany({
    select: managedGroupSelect,
    orderBy: [{ position: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    ...page,
  });
}

export async function listGroupMemberIds(db: DbOrTx, groupId: string): Promise<string[]> {
  return (await db.component.findMany({ where: { groupId }, select: { id: true } })).map((c) => c.id);
}

export async function readManagedGroup(db: DbOrTx, groupId: string): Promise<ManagedGroup | null> {
  return isValidId(groupId)
    ? db.componentGroup.findUnique({ where: { id: groupId }, select: managedGroupSelect })
    : null;
}

export const managedUpdateSelect = {
  id: true,
  incidentId: true,
  status: true,
  body: true,
  displayAt: true,
  createdAt: true,
  updatedAt: true,
  deliverNotifications: true,
  version: true,
  affectedComponents: { select: { componentId: true, componentName: true, oldStatus: true, newStatus: true } },
} satisfies Prisma.IncidentUpdateSelect;
export type ManagedUpdate = Prisma.IncidentUpdateGetPayload<{ select: typeof managedUpdateSelect }>;

export const managedIncidentSelect = {
  ...incidentFields,
  impactOverride: true,
  backfilled: true,
  metadata: true,
  version: true,
  scheduledRemindPrior: true,
  scheduledAutoInProgress: true,
  scheduledAutoCompleted: true,
  autoTransitionToMaintenanceState: true,
  autoTransitionToOperationalState: true,
  autoTransitionDeliverNotifications: true,
  components: { select: { component: { select: managedComponentSelect } } },
  updates: { select: managedUpdateSelect, orderBy: [{ displayAt: "desc" }, { createdAt: "desc" }] },
  postmortem: {
    select: {
      body: true,
      bodyUpdatedAt: true,
      draft: true,
      draftUpdatedAt: true,
      publishedAt: true,
      createdAt: true,
      updatedAt: true,
      version: true,
    },
  },
} satisfies Prisma.IncidentSelect;
export type ManagedIncident = Prisma.IncidentGetPayload<{ select: typeof managedIncidentSelect }>;

export async function readManagedIncident(db: DbOrTx, incidentId: string): Promise<ManagedIncident | null> {
  return isValidId(incidentId)
    ? db.incident.findUnique({ where: { id: incidentId }, select: managedIncidentSelect })
    : null;
}

/** `incidents` is every incident without maintenances, for the short form `GET /api/v1/incidents`. */
export type IncidentListFilter = "all" | "incidents" | "unresolved" | "scheduled" | "upcoming" | "active_maintenance";

function filterWhere(filter: IncidentListFilter, now: Date): Prisma.IncidentWhereInput {
  switch (filter) {
    case "incidents":
      return { kind: "incident" };
    case "unresolved":
      return { kind: "incident", status: { in: [...UNRESOLVED_INCIDENT_STATUSES] } };
    case "scheduled":
      return { kind: "maintenance", status: "scheduled" };
    case "upcoming":
      return { kind: "maintenance", status: "scheduled", scheduledFor: { gt: now } };
    case "active_maintenance":
      return { kind: "maintenance", status: { in: ["in_progress", "verifying"] } };
    case "all":
      return {};
  }
}

/** `q` searches the name, the status, the postmortem and the updates, as Statuspage's does. */
function searchWhere(q: string | undefined): Prisma.IncidentWhereInput {
  const term = q?.trim();
  if (!term) return {};
  const status = ALL_INCIDENT_STATUSES.find((s) => s === term.toLowerCase());
  return {
    OR: [
      { name: { contains: term, mode: "insensitive" } },
      ...(status ? [{ status }] : []),
      { postmortem: { is: { body: { contains: term, mode: "insensitive" }, publishedAt: { not: null } } } },
      { updates: { some: { body: { contains: term, mode: "insensitive" } } } },
    ],
  };
}

export async function listManagedIncidents(
  db: DbOrTx,
  options: { filter: IncidentListFilter; q?: string; skip: number; take: number; now?: Date },
): Promise<ManagedIncident[]> {
  const upcomingFirst =
    options.filter === "scheduled" || options.filter === "upcoming" || options.filter === "active_maintenance";
  return db.incident.findMany({
    where: { AND: [filterWhere(options.filter, options.now ?? new Date()), searchWhere(options.q)] },
    orderBy: upcomingFirst ? [{ scheduledFor: "asc" }, { id: "asc" }] : [{ startedAt: "desc" }, { id: "asc" }],
    skip: options.skip,
    take: options.take,
    select: managedIncidentSelect,
  });
}

export const managedSubscriberSelect = {
  id: true,
  kind: true,
  email: true,
  endpoint: true,
  confirmedAt: true,
  unsubscribedAt: true,
  disabledAt: true,
  allComponents: true,
  incidentId: true,
  createdAt: true,
  updatedAt: true,
  components: { select: { componentId: true } },
} satisfies Prisma.SubscriberSelect;
export type ManagedSubscriber = Prisma.SubscriberGetPayload<{ select: typeof managedSubscriberSelect }>;

export type SubscriberStateFilter = "active" | "unconfirmed" | "quarantined" | "unsubscribed" | "all";

/** Statuspage's states, each subscriber in exactly one: quarantined (deliveries disabled) wins over (un)confirmed. */
export function subscriberStateWhere(state: SubscriberStateFilter): Prisma.SubscriberWhereInput {
  switch (state) {
    case "active":
      return { confirmedAt: { not: null }, unsubscribedAt: null, disabledAt: null };
    case "unconfirmed":
      return { confirmedAt: null, unsubscribedAt: null, disabledAt: null };
    case "quarantined":
      return { disabledAt: { not: null }, unsubscribedAt: null };
    case "unsubscribed":
      return { unsubscribedAt: { not: null } };
    case "all":
      return { unsubscribedAt: null };
  }
}

export type SubscriberKindCounts = Record<SubscriberKind, number>;

/** Page subscribers (not those of one incident) in `state`, counted per kind. */
export async function countManagedSubscribers(
  db: DbOrTx,
  state: Exclude<SubscriberStateFilter, "all">,
): Promise<SubscriberKindCounts> {
  const groups = await db.subscriber.groupBy({
    by: ["kind"],
    where: { incidentId: null, ...subscriberStateWhere(state) },
    _count: { _all: true },
  });
  const counts: SubscriberKindCounts = { email: 0, webhook: 0 };
  for (const group of groups) counts[group.kind] = group._count._all;
  return counts;
}

export async function listManagedSubscribers(
  db: DbOrTx,
  options: {
    q?: string;
    kind?: SubscriberKind;
    state: SubscriberStateFilter;
    incidentId?: string;
    skip: number;
    take: number;
    sortField: "created_at" | "primary";
    descending: boolean;
  },
): Promise<ManagedSubscriber[]> {
  const q = options.q?.trim();
  const direction = options.descending ? "desc" : "asc";
  return db.subscriber.findMany({
    where: {
      ...subscriberStateWhere(options.state),
      ...(options.kind ? { kind: options.kind } : {}),
      incidentId: options.incidentId ?? null,
      ...(q
        ? { OR: [{ email: { contains: q, mode: "insensitive" } }, { endpoint: { contains: q, mode: "insensitive" } }] }
        : {}),
    },
    orderBy:
      options.sortField === "primary"
        ? [{ email: direction }, { endpoint: direction }, { id: "asc" }]
        : [{ createdAt: direction }, { id: "asc" }],
    skip: options.skip,
    take: options.take,
    select: managedSubscriberSelect,
  });
}

export async function readManagedSubscriber(db: DbOrTx, subscriberId: string): Promise<ManagedSubscriber | null> {
  return isValidId(subscriberId)
    ? db.subscriber.findUnique({ where: { id: subscriberId }, select: managedSubscriberSelect })
    : null;
}

export const managedTemplateSelect = {
  id: true,
  name: true,
  title: true,
  status: true,
  body: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.MessageTemplateSelect;
export type ManagedTemplate = Prisma.MessageTemplateGetPayload<{ select: typeof managedTemplateSelect }>;

export function listManagedTemplates(db: DbOrTx, page: { skip: number; take: number }): Promise<ManagedTemplate[]> {
  return db.messageTemplate.findMany({
    select: managedTemplateSelect,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    ...page,
  });
}

export function readManagedTemplate(db: DbOrTx, templateId: string): Promise<ManagedTemplate | null> {
  return db.messageTemplate.findUnique({ where: { id: templateId }, select: managedTemplateSelect });
}

/** A component's status changes up to `to`: the last one before `from`, then every one inside [from, to). */
export async function readComponentStatusChanges(db: DbOrTx, componentId: string, from: Date, to: Date) {
  const select = { toStatus: true, changedAt: true } as const;
  const before = await db.componentStatusChange.findFirst({
    where: { componentId, changedAt: { lt: from } },
    orderBy: [{ changedAt: "desc" }, { createdAt: "desc" }],
    select,
  });
  const inside = await db.componentStatusChange.findMany({
    where: { componentId, changedAt: { gte: from, lt: to } },
    orderBy: [{ changedAt: "asc" }, { createdAt: "asc" }],
    select,
  });
  return [...(before ? [before] : []), ...inside];
}

/** Incidents that changed the component inside [from, to), for the uptime answer's related events. */
export function listComponentIncidentIds(db: DbOrTx, componentId: string, from: Date, to: Date) {
  return db.incident.findMany({
    where: {
      kind: "incident",
      components: { some: { componentId } },
      startedAt: { lt: to },
      OR: [{ resolvedAt: null }, { resolvedAt: { gte: from } }],
    },
    orderBy: { startedAt: "asc" },
    select: { id: true, name: true },
    take: 500,
  });
}
