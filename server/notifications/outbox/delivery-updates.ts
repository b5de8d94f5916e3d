import "server-only";
import { clip } from "@/server/notifications/outbox/send-outcome";
import type { Settlement } from "@/server/notifications/outbox/settle-rules";

/** The columns both delivery tables share, as a settle writes them: the outcome, and the lease released. */
export function settledDeliveryData(settlement: Settlement) {
  return {
    status: settlement.status,
    lastError: settlement.lastError,
    lockedBy: null,
    lockedUntil: null,
    ...(settlement.status === "delivered" ? { deliveredAt: settlement.at } : {}),
    ...(settlement.nextAttemptAt ? { nextAttemptAt: settlement.nextAttemptAt } : {}),
  };
}

/** A waiting delivery of a target that was just disabled: ended, saying why it was not sent. */
export function notSentToDisabledTarget(reason: string) {
  return { status: "dead" as const, lastError: `Not sent: ${clip(reason)}`, lockedBy: null, lockedUntil: null };
}
