import "server-only";
import { AppError } from "@/server/errors";
import { getDb } from "@/server/db/client";
import { authorize, inTransaction, type ServiceContext } from "@/server/services/context";
import { parseInput } from "@/server/services/validation";
import { writeAudit } from "@/server/services/audit";
import { getNotificationConfig } from "@/server/notifications/config";
import { pageBaseUrl } from "@/server/page-url";
import { testChatMessage } from "@/server/notifications/chat/chat-message";
import { renderChatMessage } from "@/server/notifications/chat/render-chat-message";
import { postChatWebhook } from "@/server/notifications/chat/chat-sender";
import { chatChannelIdSchema, type ChatChannelIdInput } from "@/server/services/chat-channels/delete-chat-channel";

/** Posts a test message now, while the person waits, and says what the platform answered. */
export async function sendTestChatMessage({ ctx, input }: { ctx: ServiceContext; input: ChatChannelIdInput }) {
  authorize(ctx.actor, "responder");
  const data = parseInput(chatChannelIdSchema, input);
  const db = ctx.db ?? getDb();
  const [channel, page] = await Promise.all([
    db.chatChannel.findUnique({
      where: { id: data.channelId },
      select: { id: true, name: true, platform: true, webhookUrl: true },
    }),
    db.pageSettings.findFirst({ select: { name: true, url: true } }),
  ]);
  if (!channel) throw new AppError("NOT_FOUND", "That chat channel no longer exists.");
  const message = testChatMessage(
    { name: page?.name ?? "Status", url: pageBaseUrl({ url: page?.url ?? "" }) },
    channel.name,
  );
  const config = getNotificationConfig();
  const result = await postChatWebhook({
    url: channel.webhookUrl,
    body: JSON.stringify(renderChatMessage(channel.platform, message)),
    policy: { allowPrivateTargets: config.allowPrivateTargets, allowLoopbackHttp: config.allowLoopbackHttp },
  });
  await inTransaction(ctx, (tx) =>
    writeAudit(tx, ctx.actor, {
      action: "chat-channel.test",
      entityType: "chat-channel",
      entityId: channel.id,
      after: { ok: result.ok, statusCode: result.statusCode ?? null, error: result.error ?? null },
    }),
  );
  if (!result.ok)
    throw new AppError("VALIDATION", `The test message was not accepted: ${result.error ?? "no answer"}.`);
  return { ok: true as const, statusCode: result.statusCode, tags: [] as string[] };
}
