import "server-only";
import type { Tx } from "@/server/db/client";
import type { IncidentEvent } from "@/server/notifications/enqueue";
import {
  buildComponentChatMessage,
  buildIncidentChatMessage,
  buildPostmortemChatMessage,
  type ChatMessage,
} from "@/server/notifications/chat/chat-message";

export const CHAT_EVENT_TYPE = "chat.message";

async function messageFor(tx: Tx, event: IncidentEvent): Promise<ChatMessage | null> {
  if (event.type === "incident.update") {
    const update = await tx.incidentUpdate.findUnique({
      where: { id: event.updateId },
      select: { deliverNotifications: true },
    });
    if (!update?.deliverNotifications) return null;
    return buildIncidentChatMessage(tx, event.incidentId, event.updateId);
  }
  if (event.type === "postmortem.published") return buildPostmortemChatMessage(tx, event.incidentId);
  if (event.oldStatus === event.newStatus) return null;
  if (event.incidentId) {
    const latest = await tx.incidentUpdate.findFirst({
      where: { incidentId: event.incidentId },
      orderBy: [{ createdAt: "desc" }],
      select: { deliverNotifications: true },
    });
    if (latest && !latest.deliverNotifications) return null;
  }
  return buildComponentChatMessage(tx, event);
}

/** Writes one outbox message and one delivery per chat channel that chose this event, in the change's transaction. */
export async function enqueueChatNotifications(tx: Tx, event: IncidentEvent) {
  const anyChannel = await tx.chatChannel.findFirst({ where: { disabledAt: null }, select: { id: true } });
  if (!anyChannel) return null;
  const message = await messageFor(tx, event);
  if (!message) return null;
  const channels = await tx.chatChannel.findMany({
    where: {
      disabledAt: null,
      events: { has: message.event },
      OR: [
        { allComponents: true },
        ...(message.componentIds.length
          ? [{ components: { some: { componentId: { in: message.componentIds } } } }]
          : []),
      ],
    },
    select: { id: true },
  });
  if (channels.length === 0) return null;
  const outbox = await tx.outboxMessage.create({
    data: {
      eventType: CHAT_EVENT_TYPE,
      incidentId: "incidentId" in event ? (event.incidentId ?? null) : null,
      payload: message,
    },
    select: { id: true },
  });
  await tx.chatDelivery.createMany({
    data: channels.map((c) => ({ messageId: outbox.id, channelId: c.id })),
    skipDuplicates: true,
  });
  return { messageId: outbox.id, deliveries: channels.length };
}
