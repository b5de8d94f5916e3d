import "server-only";
import { randomUUID } from "node:crypto";
import type { Tx } from "@/server/db/client";
import type { Prisma } from "@/server/db/generated/client";
import type { ComponentStatus } from "@/lib/status";
import { buildComponentPayload, buildIncidentPayload, type NotificationPayload } from "@/server/notifications/payload";

/** A public change subscribers may be told about, recorded inside the transaction that made it. */
export type IncidentEvent =
  | { type: "incident.update"; incidentId: string; updateId: string }
  | {
      type: "component.update";
      componentId: string;
      oldStatus: ComponentStatus;
      newStatus: ComponentStatus;
      incidentId?: string;
    }
  | { type: "postmortem.published"; incidentId: string };

const activeSubscriber = {
  confirmedAt: { not: null },
  unsubscribedAt: null,
  disabledAt: null,
} satisfies Prisma.SubscriberWhereInput;

function componentFilter(componentIds: string[]): Prisma.SubscriberWhereInput[] {
  const filters: Prisma.SubscriberWhereInput[] = [{ incidentId: null, allComponents: true }];
  if (componentIds.length > 0) {
    filters.push({
      incidentId: null,
      allComponents: false,
      components: { some: { componentId: { in: componentIds } } },
    });
  }
  return filters;
}

async function writeMessage(
  tx: Tx,
  eventType: string,
  payload: NotificationPayload,
  incidentId: string | null,
  where: Prisma.SubscriberWhereInput,
) {
  const subscribers = await tx.subscriber.findMany({ where: { ...activeSubscriber, ...where }, select: { id: true } });
  if (subscribers.length === 0) return null;
  const message = await tx.outboxMessage.create({
    data: { eventType, incidentId, payload: payload },
    select: { id: true },
  });
  await tx.delivery.createMany({
    data: subscribers.map((s) => ({ messageId: message.id, subscriberId: s.id })),
    skipDuplicates: true,
  });
  return { messageId: message.id, deliveries: subscribers.length };
}

/** Writes the outbox message and one delivery per matching subscriber, inside the transaction of the change. */
export async function enqueueNotifications(tx: Tx, event: IncidentEvent) {
  if (event.type === "incident.update") {
    const update = await tx.incidentUpdate.findUnique({
      where: { id: event.updateId },
      select: { deliverNotifications: true },
    });
    if (!update?.deliverNotifications) return null;
    const built = await buildIncidentPayload(tx, event.incidentId, event.updateId);
    if (!built) return null;
    return writeMessage(tx, event.type, built.payload, event.incidentId, {
      OR: [{ incidentId: event.incidentId }, ...componentFilter(built.componentIds)],
    });
  }

  if (event.type !== "component.update" || event.oldStatus === event.newStatus) return null;
  if (event.incidentId) {
    const latest = await tx.incidentUpdate.findFirst({
      where: { incidentId: event.incidentId },
      orderBy: [{ createdAt: "desc" }],
      select: { deliverNotifications: true },
    });
    if (latest && !latest.deliverNotifications) return null;
  }
  const payload = await buildComponentPayload(tx, { ...event, changeId: randomUUID(), at: new Date() });
  if (!payload) return null;
  // Component changes are machine signals: only webhooks receive them; people get the incident email.
  return writeMessage(tx, event.type, payload, event.incidentId ?? null, {
    kind: "webhook",
    OR: [...(event.incidentId ? [{ incidentId: event.incidentId }] : []), ...componentFilter([event.componentId])],
  });
}
