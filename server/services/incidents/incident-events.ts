import "server-only";
import type { Tx } from "@/server/db/client";
import { enqueueNotifications, type IncidentEvent } from "@/server/notifications/enqueue";

/** Called by services inside the transaction that made the change, so the outbox commits or rolls back with it. */
export async function recordIncidentEvent(tx: Tx, event: IncidentEvent): Promise<void> {
  await enqueueNotifications(tx, event);
}
