import "server-only";
import { z } from "zod";
import { AppError } from "@/server/errors";
import { authorize, inTransaction, type ServiceContext } from "@/server/services/context";
import { writeAudit } from "@/server/services/audit";
import { id, parseInput } from "@/server/services/validation";
import { chatChannelAuditSelect } from "@/server/services/chat-channels/chat-channel-shared";

export const chatChannelIdSchema = z.object({ channelId: id("Chat channel") });
export type ChatChannelIdInput = z.input<typeof chatChannelIdSchema>;

/** Removes a channel; its queued deliveries go with it, so nothing more is posted there. */
export async function deleteChatChannel({ ctx, input }: { ctx: ServiceContext; input: ChatChannelIdInput }) {
  authorize(ctx.actor, "responder");
  const data = parseInput(chatChannelIdSchema, input);
  return inTransaction(ctx, async (tx) => {
    const channel = await tx.chatChannel.findUnique({ where: { id: data.channelId }, select: chatChannelAuditSelect });
    if (!channel) throw new AppError("NOT_FOUND", "That chat channel no longer exists.");
    await tx.chatChannel.delete({ where: { id: channel.id } });
    await writeAudit(tx, ctx.actor, {
      action: "chat-channel.delete",
      entityType: "chat-channel",
      entityId: channel.id,
      before: channel,
    });
    return { channelId: channel.id, tags: [] as string[] };
  });
}

/** Turns an automatically disabled channel back on once its webhook is fixed. */
export async function reenableChatChannel({ ctx, input }: { ctx: ServiceContext; input: ChatChannelIdInput }) {
  authorize(ctx.actor, "responder");
  const data = parseInput(chatChannelIdSchema, input);
  return inTransaction(ctx, async (tx) => {
    const channel = await tx.chatChannel.findUnique({
      where: { id: data.channelId },
      select: { id: true, disabledAt: true, disabledReason: true },
    });
    if (!channel) throw new AppError("NOT_FOUND", "That chat channel no longer exists.");
    if (!channel.disabledAt) return { channelId: channel.id, tags: [] as string[] };
    await tx.chatChannel.update({
      where: { id: channel.id },
      data: { disabledAt: null, disabledReason: null, consecutiveFailures: 0, version: { increment: 1 } },
    });
    await writeAudit(tx, ctx.actor, {
      action: "chat-channel.reenable",
      entityType: "chat-channel",
      entityId: channel.id,
      before: { disabledReason: channel.disabledReason },
    });
    return { channelId: channel.id, tags: [] as string[] };
  });
}
