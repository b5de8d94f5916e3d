import "server-only";
import type { ComponentStatus } from "@/lib/status";
import type { Tx } from "@/server/db/client";
import { enqueueNotifications } from "@/server/notifications/enqueue";
import { enqueueChatNotifications } from "@/server/notifications/chat/enqueue-chat";

export type IncidentEvent =
  | { type: "incident.update"; incidentId: string; updateId: string }
  | { type: "component.update"; componentId: string; oldStatus: ComponentStatus; newStatus: ComponentStatus; incidentId?: string }
  | { type: "postmortem.published"; incidentId: string };

export type IncidentEventHandler = (tx: Tx, event: IncidentEvent) => Promise<void>;

const globalForEvents = globalThis as unknown as { statuspageIncidentEventHandlers?: IncidentEventHandler[] };

function handlers(): IncidentEventHandler[] {
  globalForEvents.statuspageIncidentEventHandlers ??= [];
  return globalForEvents.statuspageIncidentEventHandlers;
}

/** Registers an extra handler run inside the transaction of every incident or component change; returns an unregister function. */
export function onIncidentEvent(handler: IncidentEventHandler): () => void {
  const list = handlers();
  if (!list.includes(handler)) list.push(handler);
  return () => {
    const index = list.indexOf(handler);
    if (index >= 0) list.splice(index, 1);
  };
}

/**
 * Called by services inside the transaction that made the change, so handlers' writes commit or roll back with it.
 * The subscriber and chat outboxes are built in rather than registered, so no process can record an event without it.
 */
export async function recordIncidentEvent(tx: Tx, event: IncidentEvent): Promise<void> {
  await enqueueNotifications(tx, event);
  await enqueueChatNotifications(tx, event);
  for (const handler of [...handlers()]) await handler(tx, event);
}
