import "server-only";
import type { Db } from "@/server/db/client";
import { chatMessageSchema } from "@/server/notifications/chat/chat-message";
import type { TargetPolicy } from "@/server/notifications/target-guard";
import type { ClaimedDelivery } from "@/server/notifications/outbox/claim-due-deliveries";
import type { LaneStore, PreparedDelivery } from "@/server/notifications/outbox/lane";
import { parseStoredPayload } from "@/server/notifications/outbox/parse-stored-payload";
import { notSentToDisabledTarget, settledDeliveryData } from "@/server/notifications/outbox/delivery-updates";
import { sendChatNotification } from "@/server/notifications/outbox/senders/chat";

const notSent = (reason: string): PreparedDelivery => ({ outcome: { kind: "not-sent", reason } });

/** Chat channels' deliveries (`chat_deliveries`, which keep their last answer on the row) posted to a platform. */
export function createChatStore({
  db,
  policy,
  timeoutMs,
}: {
  db: () => Db;
  policy: () => TargetPolicy;
  timeoutMs?: number;
}): LaneStore {
  async function prepare(claimed: ClaimedDelivery): Promise<PreparedDelivery> {
    const [channel, message] = await Promise.all([
      db().chatChannel.findUnique({
        where: { id: claimed.targetId },
        select: { platform: true, webhookUrl: true, disabledAt: true },
      }),
      db().outboxMessage.findUnique({ where: { id: claimed.messageId }, select: { payload: true } }),
    ]);
    if (!channel || !message) return notSent("The channel or message no longer exists.");
    if (channel.disabledAt) return notSent("The channel is disabled.");
    const parsed = parseStoredPayload(chatMessageSchema, message.payload);
    if ("outcome" in parsed) return parsed;
    return {
      send: () =>
        sendChatNotification({
          platform: channel.platform,
          url: channel.webhookUrl,
          message: parsed.payload,
          deliveryId: claimed.id,
          attempt: claimed.attempts,
          policy: policy(),
          timeoutMs,
        }),
    };
  }

  return {
    lane: "chat",
    prepare,
    async settleDelivery(tx, claimed, settlement) {
      const { count } = await tx.chatDelivery.updateMany({
        where: { id: claimed.id, lockedBy: claimed.claimToken, status: "sending" },
        data: {
          ...settledDeliveryData(settlement),
          ...(settlement.attempt
            ? { lastAttemptAt: settlement.at, lastStatusCode: settlement.attempt.statusCode }
            : {}),
        },
      });
      return count === 1;
    },
    async clearFailures(tx, targetId, at) {
      await tx.chatChannel.update({ where: { id: targetId }, data: { consecutiveFailures: 0, lastDeliveredAt: at } });
    },
    async countFailure(tx, targetId) {
      const channel = await tx.chatChannel.update({
        where: { id: targetId },
        data: { consecutiveFailures: { increment: 1 } },
        select: { consecutiveFailures: true, disabledAt: true },
      });
      return { consecutiveFailures: channel.consecutiveFailures, disabled: channel.disabledAt !== null };
    },
    async disableTarget(tx, targetId, reason) {
      await tx.chatChannel.update({
        where: { id: targetId },
        data: { disabledAt: new Date(), disabledReason: reason },
      });
      await tx.chatDelivery.updateMany({
        where: { channelId: targetId, status: { in: ["pending", "failed"] } },
        data: notSentToDisabledTarget(reason),
      });
    },
  };
}
