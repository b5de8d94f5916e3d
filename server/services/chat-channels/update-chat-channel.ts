import "server-only";
import { z } from "zod";
import { AppError } from "@/server/errors";
import { authorize, inTransaction, type ServiceContext } from "@/server/services/context";
import { writeAudit } from "@/server/services/audit";
import { id, optionalText, parseInput, version } from "@/server/services/validation";
import {
  assertChatTarget,
  assertComponentsExist,
  chatChannelAuditSelect,
  chatChannelFields,
  requireComponentsChoice,
} from "@/server/services/chat-channels/chat-channel-shared";
import { webhookUrlHint } from "@/lib/webhook-url-hint";

export const updateChatChannelSchema = z.object({
  channelId: id("Chat channel"),
  ...chatChannelFields,
  webhookUrl: optionalText(2000),
  version,
});

/** Edits a channel; a blank webhook URL keeps the stored one. Saving a disabled channel does not re-enable it. */
export async function updateChatChannel({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.input<typeof updateChatChannelSchema>;
}) {
  authorize(ctx.actor, "responder");
  const data = parseInput(updateChatChannelSchema, input);
  requireComponentsChoice(data);
  if (data.webhookUrl) await assertChatTarget(data.webhookUrl);
  return inTransaction(ctx, async (tx) => {
    await tx.$queryRaw`SELECT id FROM chat_channels WHERE id = ${data.channelId} FOR UPDATE`;
    const before = await tx.chatChannel.findUnique({
      where: { id: data.channelId },
      select: { ...chatChannelAuditSelect, components: { select: { componentId: true } } },
    });
    if (!before) throw new AppError("NOT_FOUND", "That chat channel no longer exists.");
    if (before.version !== data.version)
      throw new AppError(
        "CONFLICT",
        "Someone else changed this channel while you were editing. Reload to see their changes.",
      );
    const componentIds = data.allComponents ? [] : [...new Set(data.componentIds)];
    await assertComponentsExist(tx, componentIds);
    await tx.chatChannelComponent.deleteMany({ where: { channelId: data.channelId } });
    const channel = await tx.chatChannel.update({
      where: { id: data.channelId },
      data: {
        name: data.name,
        platform: data.platform,
        ...(data.webhookUrl ? { webhookUrl: data.webhookUrl } : {}),
        events: [...new Set(data.events)],
        allComponents: data.allComponents,
        version: { increment: 1 },
        components: { create: componentIds.map((componentId) => ({ componentId })) },
      },
      select: chatChannelAuditSelect,
    });
    await writeAudit(tx, ctx.actor, {
      action: "chat-channel.update",
      entityType: "chat-channel",
      entityId: channel.id,
      before: { ...before, components: undefined, componentIds: before.components.map((c) => c.componentId) },
      after: { ...channel, componentIds, ...(data.webhookUrl ? { webhook: webhookUrlHint(data.webhookUrl) } : {}) },
    });
    return { channel, tags: [] as string[] };
  });
}
