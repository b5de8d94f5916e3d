import "server-only";
import type { Db, Tx } from "@/server/db/client";
import type { TargetPolicy } from "@/server/notifications/target-guard";
import type { ChatMessage } from "@/server/notifications/chat/chat-message";
import { renderChatMessage } from "@/server/notifications/chat/render-chat-message";
import { postChatWebhook, type ChatSendResult } from "@/server/notifications/chat/chat-sender";

export type ClaimedChatDelivery = {
  lane: "chat";
  id: string;
  messageId: string;
  channelId: string;
  attempts: number;
  createdAt: Date;
  claimToken: string;
};

export type ChatLaneSettings = {
  db: () => Db;
  policy: () => TargetPolicy;
  retryDelayMs: (attempt: number) => number;
  maxAgeMs: number;
  disableAfterFailures: number;
  disableAfterMs: number;
  timeoutMs?: number;
};

type Outcome = ChatSendResult & { skip?: string };

function clip(value: string, max = 500): string {
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}

/**
 * Chat deliveries ride the same outbox and worker as subscriber deliveries, with the same lease-and-fence
 * guarantees: claimed with SKIP LOCKED, recorded only by the claim that still holds the lease.
 */
export function createChatLane(settings: ChatLaneSettings) {
  const db = settings.db;

  async function claim(limit: number, claimToken: string, leaseMs: number): Promise<ClaimedChatDelivery[]> {
    if (limit <= 0) return [];
    const rows = await db().$queryRaw<
      { id: string; message_id: string; channel_id: string; attempts: number; created_at: Date }[]
    >`
      UPDATE chat_deliveries AS d
      SET status = 'sending', locked_by = ${claimToken}, locked_until = now() + make_interval(secs => ${leaseMs / 1000}),
          attempts = d.attempts + 1, updated_at = now()
      WHERE d.id IN (
        SELECT id FROM chat_deliveries
        WHERE (status IN ('pending', 'failed') AND next_attempt_at <= now())
           OR (status = 'sending' AND locked_until < now())
        ORDER BY next_attempt_at
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      )
      RETURNING d.id, d.message_id, d.channel_id, d.attempts, d.created_at`;
    return rows.map((row) => ({
      lane: "chat" as const,
      id: row.id,
      messageId: row.message_id,
      channelId: row.channel_id,
      attempts: row.attempts,
      createdAt: row.created_at,
      claimToken,
    }));
  }

  async function attempt(claimed: ClaimedChatDelivery): Promise<Outcome> {
    const [channel, message] = await Promise.all([
      db().chatChannel.findUnique({
        where: { id: claimed.channelId },
        select: { platform: true, webhookUrl: true, disabledAt: true },
      }),
      db().outboxMessage.findUnique({ where: { id: claimed.messageId }, select: { payload: true } }),
    ]);
    if (!channel || !message) return { ok: false, skip: "The channel or message no longer exists." };
    if (channel.disabledAt) return { ok: false, skip: "The channel is disabled." };
    const body = JSON.stringify(renderChatMessage(channel.platform, message.payload as unknown as ChatMessage));
    try {
      return await postChatWebhook({
        url: channel.webhookUrl,
        body,
        policy: settings.policy(),
        deliveryId: claimed.id,
        timeoutMs: settings.timeoutMs,
      });
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  }

  async function disableChannel(tx: Tx, channelId: string, reason: string) {
    await tx.chatChannel.update({
      where: { id: channelId },
      data: { disabledAt: new Date(), disabledReason: clip(reason, 1000) },
    });
    await tx.chatDelivery.updateMany({
      where: { channelId, status: { in: ["pending", "failed"] } },
      data: { status: "dead", lastError: `Not sent: ${clip(reason)}`, lockedBy: null, lockedUntil: null },
    });
  }

  async function record(claimed: ClaimedChatDelivery, result: Outcome): Promise<boolean> {
    return db().$transaction(async (tx) => {
      const now = new Date();
      const mine = { id: claimed.id, lockedBy: claimed.claimToken, status: "sending" as const };
      if (result.skip) {
        const { count } = await tx.chatDelivery.updateMany({
          where: mine,
          data: { status: "dead", lastError: result.skip, lockedBy: null, lockedUntil: null },
        });
        return count === 1;
      }
      if (result.ok) {
        const { count } = await tx.chatDelivery.updateMany({
          where: mine,
          data: {
            status: "delivered",
            deliveredAt: now,
            lastAttemptAt: now,
            lastStatusCode: result.statusCode ?? null,
            lastError: null,
            lockedBy: null,
            lockedUntil: null,
          },
        });
        if (count === 1)
          await tx.chatChannel.update({
            where: { id: claimed.channelId },
            data: { consecutiveFailures: 0, lastDeliveredAt: now },
          });
        return count === 1;
      }
      const age = now.getTime() - claimed.createdAt.getTime();
      const delay = result.retryAfterMs ?? settings.retryDelayMs(claimed.attempts);
      const error = clip(result.error ?? "Delivery failed.");
      const dead =
        Boolean(result.permanent) ||
        age + delay > settings.maxAgeMs ||
        (result.statusCode === 400 && claimed.attempts >= 3);
      const { count } = await tx.chatDelivery.updateMany({
        where: mine,
        data: {
          status: dead ? "dead" : "failed",
          lastError: error,
          lastStatusCode: result.statusCode ?? null,
          lastAttemptAt: now,
          nextAttemptAt: new Date(now.getTime() + delay),
          lockedBy: null,
          lockedUntil: null,
        },
      });
      if (count === 0) return false;
      // A rate limit is the platform working as designed, not the channel failing.
      if (result.statusCode === 429) return true;
      const channel = await tx.chatChannel.update({
        where: { id: claimed.channelId },
        data: { consecutiveFailures: { increment: 1 } },
        select: { consecutiveFailures: true, disabledAt: true },
      });
      if (!channel.disabledAt) {
        if (result.permanent) await disableChannel(tx, claimed.channelId, `Disabled automatically: ${error}`);
        else if (channel.consecutiveFailures >= settings.disableAfterFailures && age >= settings.disableAfterMs) {
          await disableChannel(
            tx,
            claimed.channelId,
            `Disabled automatically after ${channel.consecutiveFailures} consecutive failed deliveries; last error: ${error}`,
          );
        }
      }
      return true;
    });
  }

  return { claim, attempt, record };
}

export type ChatLane = ReturnType<typeof createChatLane>;
