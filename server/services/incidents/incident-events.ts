import "server-only";
import type { ComponentStatus } from "@/lib/status";
import type { Tx } from "@/server/db/client";

export type IncidentEvent =
  | { type: "incident.update"; incidentId: string; updateId: string }
  | { type: "component.update"; componentId: string; oldStatus: ComponentStatus; newStatus: ComponentStatus; incidentId?: string };

export type IncidentEventHandler = (tx: Tx, event: IncidentEvent) => Promise<void>;

const globalForEvents = globalThis as unknown as { statuspageIncidentEventHandlers?: IncidentEventHandler[] };

function handlers(): IncidentEventHandler[] {
  globalForEvents.statuspageIncidentEventHandlers ??= [];
  return globalForEvents.statuspageIncidentEventHandlers;
}

/** Registers a handler run inside the transaction of every incident or component change; returns an unregister function. */
export function onIncidentEvent(handler: IncidentEventHandler): () => void {
  const list = handlers();
  if (!list.includes(handler)) list.push(handler);
  return () => {
    const index = list.indexOf(handler);
    if (index >= 0) list.splice(index, 1);
  };
}

/** Called by services inside the transaction that made the change, so handlers' writes commit or roll back with it. */
export async function recordIncidentEvent(tx: Tx, event: IncidentEvent): Promise<void> {
  // Loaded here as well as at start-up so no code path can record an event before the outbox handler exists.
  await import("@/server/notifications/register");
  for (const handler of [...handlers()]) await handler(tx, event);
}
