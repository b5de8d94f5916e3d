import "server-only";
import { getNotificationConfig } from "@/server/notifications/config";
import { createNotificationWorker, type NotificationWorker } from "@/server/notifications/worker";

const globalForWorker = globalThis as unknown as { statuspageWorker?: NotificationWorker };

/** Starts the delivery worker inside this process unless STATUSPAGE_DISABLE_WORKER=1; safe to call twice. */
export function startInProcessWorker(): NotificationWorker | null {
  if (getNotificationConfig().workerDisabled) return null;
  if (!globalForWorker.statuspageWorker) {
    globalForWorker.statuspageWorker = createNotificationWorker();
    globalForWorker.statuspageWorker.start();
  }
  return globalForWorker.statuspageWorker;
}
