import "server-only";
import type { Tx } from "@/server/db/client";
import { enqueueNotifications, type IncidentEvent } from "@/server/notifications/enqueue";
import { enqueueChatNotifications } from "@/server/notifications/chat/enqueue-chat";

/**
 * Called by services inside the transaction that made the change, so the subscriber and chat outboxes commit or roll
 * back with it.
 */
export async function recordIncidentEvent(tx: Tx, event: IncidentEvent): Promise<void> {
  await enqueueNotifications(tx, event);
  await enqueueChatNotifications(tx, event);
}
