import "server-only";
import type { Db } from "@/server/db/client";
import type { Mailer } from "@/server/notifications/mailer";
import { notificationPayloadSchema } from "@/server/notifications/payload";
import type { TargetPolicy } from "@/server/notifications/target-guard";
import type { ClaimedDelivery } from "@/server/notifications/outbox/claim-due-deliveries";
import type { LaneStore, PreparedDelivery } from "@/server/notifications/outbox/lane";
import { parseStoredPayload } from "@/server/notifications/outbox/parse-stored-payload";
import { notSentToDisabledTarget, settledDeliveryData } from "@/server/notifications/outbox/delivery-updates";
import { sendEmailNotification } from "@/server/notifications/outbox/senders/email";
import { sendWebhookNotification } from "@/server/notifications/outbox/senders/webhook";

const notSent = (reason: string): PreparedDelivery => ({ outcome: { kind: "not-sent", reason } });

/** Subscribers' deliveries (`deliveries`, with an attempt log) sent by email or signed webhook. */
export function createSubscriberStore({
  db,
  mailer,
  policy,
  timeoutMs,
}: {
  db: () => Db;
  mailer: Mailer;
  policy: () => TargetPolicy;
  timeoutMs?: number;
}): LaneStore {
  async function prepare(claimed: ClaimedDelivery): Promise<PreparedDelivery> {
    const [subscriber, message] = await Promise.all([
      db().subscriber.findUnique({
        where: { id: claimed.targetId },
        select: {
          kind: true,
          email: true,
          endpoint: true,
          signingSecret: true,
          manageToken: true,
          confirmedAt: true,
          unsubscribedAt: true,
          disabledAt: true,
        },
      }),
      db().outboxMessage.findUnique({ where: { id: claimed.messageId }, select: { payload: true } }),
    ]);
    if (!subscriber || !message) return notSent("The subscriber or message no longer exists.");
    if (subscriber.unsubscribedAt) return notSent("The subscriber unsubscribed before delivery.");
    if (subscriber.disabledAt) return notSent("The subscriber is disabled.");
    if (!subscriber.confirmedAt) return notSent("The subscription is not confirmed.");
    const parsed = parseStoredPayload(notificationPayloadSchema, message.payload);
    if ("outcome" in parsed) return parsed;
    const { payload } = parsed;
    switch (subscriber.kind) {
      case "email": {
        const to = subscriber.email;
        if (!to) return notSent("The subscriber has no email address.");
        return {
          send: () =>
            sendEmailNotification({ mailer, payload, to, manageToken: subscriber.manageToken, deliveryId: claimed.id }),
        };
      }
      case "webhook": {
        const { endpoint: url, signingSecret: secret } = subscriber;
        if (!url || !secret) return notSent("The webhook has no URL or secret.");
        return {
          send: () =>
            sendWebhookNotification({
              url,
              secret,
              manageToken: subscriber.manageToken,
              payload,
              deliveryId: claimed.id,
              policy: policy(),
              timeoutMs,
            }),
        };
      }
    }
  }

  return {
    lane: "subscribers",
    prepare,
    async settleDelivery(tx, claimed, settlement) {
      const { count } = await tx.delivery.updateMany({
        where: { id: claimed.id, lockedBy: claimed.claimToken, status: "sending" },
        data: settledDeliveryData(settlement),
      });
      if (count === 0) return false;
      if (settlement.attempt)
        await tx.deliveryAttempt.create({
          data: { deliveryId: claimed.id, attempt: claimed.attempts, at: settlement.at, ...settlement.attempt },
        });
      return true;
    },
    async clearFailures(tx, targetId) {
      await tx.subscriber.update({ where: { id: targetId }, data: { consecutiveFailures: 0 } });
    },
    async countFailure(tx, targetId) {
      const subscriber = await tx.subscriber.update({
        where: { id: targetId },
        data: { consecutiveFailures: { increment: 1 } },
        select: { consecutiveFailures: true, disabledAt: true },
      });
      return { consecutiveFailures: subscriber.consecutiveFailures, disabled: subscriber.disabledAt !== null };
    },
    async disableTarget(tx, targetId, reason) {
      await tx.subscriber.update({
        where: { id: targetId },
        data: { disabledAt: new Date(), disabledReason: reason },
      });
      await tx.delivery.updateMany({
        where: { subscriberId: targetId, status: { in: ["pending", "failed"] } },
        data: notSentToDisabledTarget(reason),
      });
    },
  };
}
