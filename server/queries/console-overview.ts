import "server-only";
import { getDb, type DbOrTx } from "@/server/db/client";
import { authorize, type ActorContext } from "@/server/auth/actor";
import { describeAuditEntities, type AuditEntity } from "@/server/queries/audit-entities";
import { getEmailDeliveryState, type EmailDeliveryProblem } from "@/server/queries/mail-settings";
import type { Prisma } from "@/server/db/generated/client";
import {
  compareComponentSeverity,
  roleAtLeast,
  type AnyImpact,
  type AnyIncidentStatus,
  type ComponentStatus,
  type SubscriberKind,
} from "@/lib/status";

/** An open incident whose last update is older than this is flagged as needing one. */
export const STALE_UPDATE_MINUTES = 30;
/** Failed and abandoned deliveries are counted over this window. */
export const DELIVERY_WINDOW_HOURS = 24;
const ACTIVITY_LIMIT = 10;
const UPCOMING_LIMIT = 5;
const FAILING_WEBHOOKS_LIMIT = 5;
const MINUTE = 60_000;

// Users, API keys, subscribers and page settings stay in the owner's audit log.
const SHARED_ACTIVITY_TYPES = ["incident", "incident_update", "postmortem", "component", "component_group", "template"];

export type OverviewComponent = { id: string; name: string; status: ComponentStatus; groupName: string | null };

export type OverviewIncident = {
  id: string;
  name: string;
  status: AnyIncidentStatus;
  impact: AnyImpact;
  startedAt: Date;
  /** When a responder last posted to it (not the update's display time, which may be backdated). */
  lastUpdateAt: Date;
  minutesSinceUpdate: number;
  stale: boolean;
  components: { id: string; name: string; status: ComponentStatus }[];
};

export type OverviewMaintenance = {
  id: string;
  name: string;
  status: AnyIncidentStatus;
  scheduledFor: Date | null;
  scheduledUntil: Date | null;
  overdue: boolean;
};

export type OverviewActivity = {
  id: string;
  at: Date;
  actorLabel: string;
  action: string;
  entityType: string;
  entity: AuditEntity;
};

export type ChannelHealth = {
  /** Pending or being sent now. */
  waiting: number;
  oldestWaitingAt: Date | null;
  /** Failed at least once and due to be tried again. */
  retrying: number;
  /** Given up after failing, within the window. */
  gaveUp: number;
  /** Email only: false while no mail server is configured (neither SMTP_URL nor the console's email settings). */
  configured?: boolean;
  /** Email only: the newest failure, a delivery's within the window or the last test email's. */
  lastFailure?: EmailDeliveryProblem | null;
};

export type FailingWebhook = {
  id: string;
  endpoint: string;
  consecutiveFailures: number;
  disabled: boolean;
  reason: string | null;
};

export type ConsoleOverview = {
  generatedAt: Date;
  components: OverviewComponent[];
  incidents: OverviewIncident[];
  maintenance: { active: OverviewMaintenance[]; upcoming: OverviewMaintenance[] };
  activity: OverviewActivity[];
  subscribers: { email: number; webhook: number; awaitingConfirmation: number };
  deliveries: { email: ChannelHealth; webhook: ChannelHealth; disabledWebhooks: number };
  /** Owners only: the webhooks that fail, to open and fix. */
  failingWebhooks: FailingWebhook[] | null;
};

const incidentSelect = {
  id: true,
  name: true,
  status: true,
  impact: true,
  startedAt: true,
  createdAt: true,
  updates: { orderBy: { createdAt: "desc" }, take: 1, select: { createdAt: true } },
  components: { select: { component: { select: { id: true, name: true, status: true, position: true } } } },
} satisfies Prisma.IncidentSelect;

export function toOverviewIncident(
  row: Prisma.IncidentGetPayload<{ select: typeof incidentSelect }>,
  now: Date,
): OverviewIncident {
  const lastUpdateAt = row.updates[0]?.createdAt ?? row.createdAt;
  const minutesSinceUpdate = Math.max(0, Math.floor((now.getTime() - lastUpdateAt.getTime()) / MINUTE));
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    impact: row.impact,
    startedAt: row.startedAt,
    lastUpdateAt,
    minutesSinceUpdate,
    stale: minutesSinceUpdate >= STALE_UPDATE_MINUTES,
    components: row.components
      .map((c) => c.component)
      .sort((a, b) => a.position - b.position)
      .map(({ id, name, status }) => ({ id, name, status })),
  };
}

const emptyChannel = (): ChannelHealth => ({ waiting: 0, oldestWaitingAt: null, retrying: 0, gaveUp: 0 });

async function channelHealth(db: DbOrTx, kind: SubscriberKind, since: Date): Promise<ChannelHealth> {
  const groups = await db.delivery.groupBy({
    by: ["status"],
    where: {
      subscriber: { kind },
      OR: [
        { status: { in: ["pending", "sending", "failed"] } },
        { status: "dead", attempts: { gt: 0 }, updatedAt: { gte: since } },
      ],
    },
    _count: { _all: true },
    _min: { createdAt: true },
  });
  const health = emptyChannel();
  for (const group of groups) {
    if (group.status === "failed") health.retrying += group._count._all;
    else if (group.status === "dead") health.gaveUp += group._count._all;
    else {
      health.waiting += group._count._all;
      const oldest = group._min.createdAt;
      if (oldest && (!health.oldestWaitingAt || oldest < health.oldestWaitingAt)) health.oldestWaitingAt = oldest;
    }
  }
  return health;
}

/** What a responder needs at a glance: what is broken, what is stale, what is coming, what changed, whether notifications flow. */
export async function getConsoleOverview({
  ctx,
  now = new Date(),
}: {
  ctx: ActorContext;
  now?: Date;
}): Promise<ConsoleOverview> {
  authorize(ctx.actor, "viewer");
  const owner = roleAtLeast(ctx.actor.role, "owner");
  const db = ctx.db ?? getDb();
  const since = new Date(now.getTime() - DELIVERY_WINDOW_HOURS * 60 * MINUTE);
  const activeSubscriber = {
    confirmedAt: { not: null },
    unsubscribedAt: null,
    disabledAt: null,
  } satisfies Prisma.SubscriberWhereInput;

  const [
    components,
    incidents,
    active,
    upcoming,
    audit,
    subscriberCounts,
    awaitingConfirmation,
    email,
    webhook,
    disabledWebhooks,
    failingWebhooks,
  ] = await Promise.all([
    db.component.findMany({
      where: { status: { not: "operational" } },
      orderBy: [{ group: { position: "asc" } }, { position: "asc" }, { createdAt: "asc" }],
      select: { id: true, name: true, status: true, group: { select: { name: true } } },
    }),
    db.incident.findMany({
      where: { kind: "incident", status: { in: ["investigating", "identified", "monitoring"] } },
      select: incidentSelect,
      take: 100,
    }),
    db.incident.findMany({
      where: { kind: "maintenance", status: { in: ["in_progress", "verifying"] } },
      orderBy: [{ scheduledUntil: "asc" }, { id: "asc" }],
      select: { id: true, name: true, status: true, scheduledFor: true, scheduledUntil: true },
      take: 50,
    }),
    db.incident.findMany({
      where: { kind: "maintenance", status: "scheduled" },
      orderBy: [{ scheduledFor: "asc" }, { id: "asc" }],
      select: { id: true, name: true, status: true, scheduledFor: true, scheduledUntil: true },
      take: UPCOMING_LIMIT,
    }),
    db.auditLog.findMany({
      where: owner ? {} : { entityType: { in: SHARED_ACTIVITY_TYPES } },
      orderBy: { id: "desc" },
      take: ACTIVITY_LIMIT,
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
    }),
    db.subscriber.groupBy({ by: ["kind"], where: activeSubscriber, _count: { _all: true } }),
    db.subscriber.count({ where: { kind: "email", confirmedAt: null, unsubscribedAt: null, disabledAt: null } }),
    Promise.all([channelHealth(db, "email", since), getEmailDeliveryState(db, since)]).then(
      ([health, state]): ChannelHealth => ({ ...health, ...state }),
    ),
    channelHealth(db, "webhook", since),
    db.subscriber.count({ where: { kind: "webhook", disabledAt: { not: null }, unsubscribedAt: null } }),
    owner
      ? db.subscriber.findMany({
          where: {
            kind: "webhook",
            unsubscribedAt: null,
            OR: [{ disabledAt: { not: null } }, { consecutiveFailures: { gt: 0 } }],
          },
          orderBy: [{ consecutiveFailures: "desc" }, { updatedAt: "desc" }],
          take: FAILING_WEBHOOKS_LIMIT,
          select: { id: true, endpoint: true, consecutiveFailures: true, disabledAt: true, disabledReason: true },
        })
      : Promise.resolve(null),
  ]);

  const entities = await describeAuditEntities(audit, db);
  const subscribers = { email: 0, webhook: 0, awaitingConfirmation };
  for (const group of subscriberCounts) subscribers[group.kind] = group._count._all;
  const maintenance = (row: (typeof active)[number]): OverviewMaintenance => ({
    ...row,
    overdue: row.status === "scheduled" && row.scheduledFor !== null && row.scheduledFor < now,
  });

  return {
    generatedAt: now,
    components: components
      .map(({ group, ...c }) => ({ ...c, groupName: group?.name ?? null }))
      .sort((a, b) => compareComponentSeverity(b.status, a.status)),
    // Least recently updated first: the incident that most needs a word from a responder leads.
    incidents: incidents
      .map((row) => toOverviewIncident(row, now))
      .sort((a, b) => a.lastUpdateAt.getTime() - b.lastUpdateAt.getTime()),
    maintenance: { active: active.map(maintenance), upcoming: upcoming.map(maintenance) },
    activity: audit.map((row, index) => ({
      id: row.id.toString(),
      at: row.createdAt,
      actorLabel: row.actorLabel,
      action: row.action,
      entityType: row.entityType,
      entity: entities[index],
    })),
    subscribers,
    deliveries: { email, webhook, disabledWebhooks },
    failingWebhooks:
      failingWebhooks?.map((s) => ({
        id: s.id,
        endpoint: s.endpoint ?? "",
        consecutiveFailures: s.consecutiveFailures,
        disabled: s.disabledAt !== null,
        reason: s.disabledReason,
      })) ?? null,
  };
}
