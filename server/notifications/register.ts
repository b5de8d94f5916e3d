import "server-only";
import { onIncidentEvent } from "@/server/services/incidents/incident-events";
import { enqueueNotifications } from "@/server/notifications/enqueue";

const globalForRegistration = globalThis as unknown as { statuspageNotificationsRegistered?: boolean };

// Module copies in separate bundles share globalThis, so this registers the outbox handler once per process.
if (!globalForRegistration.statuspageNotificationsRegistered) {
  globalForRegistration.statuspageNotificationsRegistered = true;
  onIncidentEvent(async (tx, event) => {
    await enqueueNotifications(tx, event);
  });
}

export {};
