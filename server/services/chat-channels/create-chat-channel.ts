import "server-only";
import { z } from "zod";
import { authorize, inTransaction, type ServiceContext } from "@/server/services/context";
import { writeAudit } from "@/server/services/audit";
import { parseInput } from "@/server/services/validation";
import {
  assertChatTarget,
  assertComponentsExist,
  chatChannelAuditSelect,
  chatChannelFields,
  requireComponentsChoice,
  webhookUrlField,
} from "@/server/services/chat-channels/chat-channel-shared";
import { webhookUrlHint } from "@/lib/webhook-url-hint";

export const createChatChannelSchema = z.object({ ...chatChannelFields, webhookUrl: webhookUrlField });

/** Adds a chat channel; its webhook URL passes the SSRF guard first and is never shown in full again. */
export async function createChatChannel({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.input<typeof createChatChannelSchema>;
}) {
  authorize(ctx.actor, "responder");
  const data = parseInput(createChatChannelSchema, input);
  requireComponentsChoice(data);
  await assertChatTarget(data.webhookUrl);
  return inTransaction(ctx, async (tx) => {
    const componentIds = data.allComponents ? [] : [...new Set(data.componentIds)];
    await assertComponentsExist(tx, componentIds);
    const channel = await tx.chatChannel.create({
      data: {
        name: data.name,
        platform: data.platform,
        webhookUrl: data.webhookUrl,
        events: [...new Set(data.events)],
        allComponents: data.allComponents,
        components: { create: componentIds.map((componentId) => ({ componentId })) },
      },
      select: chatChannelAuditSelect,
    });
    await writeAudit(tx, ctx.actor, {
      action: "chat-channel.create",
      entityType: "chat-channel",
      entityId: channel.id,
      after: { ...channel, componentIds, webhook: webhookUrlHint(data.webhookUrl) },
    });
    return { channel, tags: [] as string[] };
  });
}
