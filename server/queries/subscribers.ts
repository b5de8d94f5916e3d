import "server-only";
import { getDb } from "@/server/db/client";
import type { Prisma } from "@/server/db/generated/client";
import { authorize, type Actor } from "@/server/auth/actor";
import type { SubscriberKind } from "@/lib/status";

export type ManagedSubscriptionDto = {
  kind: SubscriberKind;
  address: string;
  confirmed: boolean;
  unsubscribed: boolean;
  disabledReason: string | null;
  allComponents: boolean;
  componentIds: string[];
  incident: { id: string; name: string } | null;
};

/** What the manage link shows; the token is the only credential, so nothing else identifies the subscriber. */
export async function getSubscriptionByManageToken(token: string): Promise<ManagedSubscriptionDto | null> {
  if (!token || token.length > 200) return null;
  const row = await getDb().subscriber.findUnique({
    where: { manageToken: token },
    select: {
      kind: true,
      email: true,
      endpoint: true,
      confirmedAt: true,
      unsubscribedAt: true,
      disabledReason: true,
      allComponents: true,
      components: { select: { componentId: true } },
      incident: { select: { id: true, name: true } },
    },
  });
  if (!row) return null;
  return {
    kind: row.kind,
    address: row.kind === "email" ? (row.email ?? "") : (row.endpoint ?? ""),
    confirmed: Boolean(row.confirmedAt),
    unsubscribed: Boolean(row.unsubscribedAt),
    disabledReason: row.disabledReason,
    allComponents: row.allComponents,
    componentIds: row.components.map((c) => c.componentId),
    incident: row.incident,
  };
}

export type SubscriberState = "active" | "pending" | "unsubscribed" | "disabled";

export type SubscriberRowDto = {
  id: string;
  kind: SubscriberKind;
  address: string;
  state: SubscriberState;
  disabledReason: string | null;
  scope: string;
  createdAt: Date;
  deliveredCount: number;
  failingCount: number;
};

const rowSelect = {
  id: true,
  kind: true,
  email: true,
  endpoint: true,
  confirmedAt: true,
  unsubscribedAt: true,
  disabledAt: true,
  disabledReason: true,
  allComponents: true,
  createdAt: true,
  incident: { select: { name: true } },
  components: { select: { component: { select: { name: true } } } },
} satisfies Prisma.SubscriberSelect;

type Row = Prisma.SubscriberGetPayload<{ select: typeof rowSelect }>;

function stateOf(row: Pick<Row, "confirmedAt" | "unsubscribedAt" | "disabledAt">): SubscriberState {
  if (row.unsubscribedAt) return "unsubscribed";
  if (row.disabledAt) return "disabled";
  return row.confirmedAt ? "active" : "pending";
}

function scopeOf(row: Row): string {
  if (row.incident) return `Incident: ${row.incident.name}`;
  if (row.allComponents) return "All components";
  return row.components
    .map((c) => c.component.name)
    .sort()
    .join(", ");
}

function searchWhere(search: string | undefined): Prisma.SubscriberWhereInput {
  const q = search?.trim();
  if (!q) return {};
  return {
    OR: [
      { email: { contains: q, mode: "insensitive" } },
      { endpoint: { contains: q, mode: "insensitive" } },
      { id: q },
    ],
  };
}

export const SUBSCRIBERS_PAGE_SIZE = 50;

export async function listSubscribers(actor: Actor, options: { search?: string; page?: number }) {
  authorize(actor, "owner");
  const where = searchWhere(options.search);
  const page = Math.max(1, Math.floor(options.page ?? 1));
  const db = getDb();
  const [rows, matching, counts] = await Promise.all([
    db.subscriber.findMany({
      where,
      select: rowSelect,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip: (page - 1) * SUBSCRIBERS_PAGE_SIZE,
      take: SUBSCRIBERS_PAGE_SIZE,
    }),
    db.subscriber.count({ where }),
    db.subscriber.groupBy({
      by: ["kind"],
      where: { confirmedAt: { not: null }, unsubscribedAt: null, disabledAt: null },
      _count: { _all: true },
    }),
  ]);
  const deliveryCounts = rows.length
    ? await db.delivery.groupBy({
        by: ["subscriberId", "status"],
        where: { subscriberId: { in: rows.map((r) => r.id) } },
        _count: { _all: true },
      })
    : [];
  const countFor = (id: string, statuses: string[]) =>
    deliveryCounts
      .filter((c) => c.subscriberId === id && statuses.includes(c.status))
      .reduce((sum, c) => sum + c._count._all, 0);
  const active = { email: 0, webhook: 0 };
  for (const c of counts) active[c.kind] = c._count._all;
  return {
    active,
    matching,
    page,
    pageCount: Math.max(1, Math.ceil(matching / SUBSCRIBERS_PAGE_SIZE)),
    rows: rows.map((row): SubscriberRowDto => ({
      id: row.id,
      kind: row.kind,
      address: row.kind === "email" ? (row.email ?? "") : (row.endpoint ?? ""),
      state: stateOf(row),
      disabledReason: row.disabledReason,
      scope: scopeOf(row),
      createdAt: row.createdAt,
      deliveredCount: countFor(row.id, ["delivered"]),
      failingCount: countFor(row.id, ["failed", "dead"]),
    })),
  };
}

export async function getSubscriberDetail(actor: Actor, subscriberId: string) {
  authorize(actor, "owner");
  const row = await getDb().subscriber.findUnique({
    where: { id: subscriberId },
    select: { ...rowSelect, consecutiveFailures: true },
  });
  if (!row) return null;
  const deliveries = await getDb().delivery.findMany({
    where: { subscriberId },
    orderBy: { createdAt: "desc" },
    take: 100,
    select: {
      id: true,
      status: true,
      attempts: true,
      nextAttemptAt: true,
      lastError: true,
      deliveredAt: true,
      createdAt: true,
      message: { select: { eventType: true, incidentId: true, payload: true } },
      attemptLog: {
        orderBy: { at: "asc" },
        select: { id: true, attempt: true, at: true, ok: true, statusCode: true, error: true, durationMs: true },
      },
    },
  });
  return {
    id: row.id,
    kind: row.kind,
    address: row.kind === "email" ? (row.email ?? "") : (row.endpoint ?? ""),
    state: stateOf(row),
    disabledReason: row.disabledReason,
    consecutiveFailures: row.consecutiveFailures,
    scope: scopeOf(row),
    createdAt: row.createdAt,
    deliveries: deliveries.map((d) => ({
      id: d.id,
      status: d.status,
      attempts: d.attempts,
      nextAttemptAt: d.nextAttemptAt,
      lastError: d.lastError,
      deliveredAt: d.deliveredAt,
      createdAt: d.createdAt,
      eventType: d.message.eventType,
      subject: describeMessage(d.message.payload),
      attemptLog: d.attemptLog,
    })),
  };
}

function describeMessage(payload: Prisma.JsonValue): string {
  const value = payload as {
    incident?: { name?: string; status?: string };
    component?: { name?: string };
    component_update?: { new_status?: string };
  } | null;
  if (value?.incident?.name) return `${value.incident.name} (${value.incident.status ?? ""})`;
  if (value?.component?.name) return `${value.component.name} → ${value.component_update?.new_status ?? ""}`;
  return "Notification";
}

/** Every subscriber as CSV rows, streamed in pages so a large list does not load at once. */
export async function* exportSubscribersCsv(actor: Actor): AsyncGenerator<string> {
  authorize(actor, "owner");
  yield "id,kind,address,state,scope,created_at,disabled_reason\r\n";
  let cursor: string | undefined;
  for (;;) {
    const rows = await getDb().subscriber.findMany({
      select: rowSelect,
      orderBy: { id: "asc" },
      take: 500,
      ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
    });
    if (rows.length === 0) return;
    yield (
      rows
        .map((row) =>
          [
            row.id,
            row.kind,
            row.kind === "email" ? row.email : row.endpoint,
            stateOf(row),
            scopeOf(row),
            row.createdAt.toISOString(),
            row.disabledReason ?? "",
          ]
            .map(csvCell)
            .join(","),
        )
        .join("\r\n") + "\r\n"
    );
    cursor = rows[rows.length - 1].id;
  }
}

/** Quotes a CSV cell and defuses spreadsheet formulas (cells starting with = + - @). */
export function csvCell(value: unknown): string {
  let text = value == null ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n']/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
