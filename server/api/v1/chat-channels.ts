import "server-only";
import { z } from "zod";
import { AppError } from "@/server/errors";
import { OWN_RESOURCE, parseRequest, shortForm } from "@/server/api/v1/endpoints";
import type { EndpointArgs } from "@/server/api/management/router";
import { callService } from "@/server/api/management/refusals";
import { getChatChannel, listChatChannels, type ChatChannelItem } from "@/server/queries/chat-channels";
import { createChatChannel } from "@/server/services/chat-channels/create-chat-channel";
import { updateChatChannel } from "@/server/services/chat-channels/update-chat-channel";
import { deleteChatChannel, reenableChatChannel } from "@/server/services/chat-channels/delete-chat-channel";
import { sendTestChatMessage } from "@/server/services/chat-channels/send-test-chat-message";
import { CHAT_EVENTS, CHAT_PLATFORMS } from "@/lib/integrations";
import type { Actor } from "@/server/services/context";

const RENAMES = {
  webhookUrl: "webhook_url",
  allComponents: "all_components",
  componentIds: "component_ids",
  channelId: "id",
};

export function serializeChatChannel(channel: ChatChannelItem) {
  return {
    id: channel.id,
    name: channel.name,
    platform: channel.platform,
    webhook_url_hint: channel.webhookHint,
    events: channel.events,
    all_components: channel.allComponents,
    component_ids: channel.components.map((c) => c.id),
    enabled: channel.disabledAt === null,
    disabled_at: channel.disabledAt?.toISOString() ?? null,
    disabled_reason: channel.disabledReason,
    last_delivered_at: channel.lastDeliveredAt?.toISOString() ?? null,
    created_at: channel.createdAt.toISOString(),
    version: channel.version,
  };
}

async function channelOrThrow(actor: Actor, channelId: string, db: EndpointArgs["db"]) {
  const channel = await getChatChannel(actor, channelId, db);
  if (!channel) throw new AppError("NOT_FOUND", "There is no chat channel with that id.");
  return channel;
}

const fields = {
  name: z.string({ error: "name must be a string." }),
  platform: z.enum(CHAT_PLATFORMS, { error: `platform must be one of: ${CHAT_PLATFORMS.join(", ")}.` }),
  events: z.array(z.enum(CHAT_EVENTS, { error: `events must be among: ${CHAT_EVENTS.join(", ")}.` }), {
    error: "events must be an array.",
  }),
  all_components: z.boolean({ error: "all_components must be true or false." }).optional(),
  component_ids: z
    .array(z.string({ error: "component_ids must hold component ids." }), { error: "component_ids must be an array." })
    .optional(),
};
const createRequest = z.object({ ...fields, webhook_url: z.string({ error: "webhook_url is required." }) });
const patchRequest = z.object({
  ...(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.optional()])) as {
    [K in keyof typeof fields]: z.ZodOptional<(typeof fields)[K]>;
  }),
  webhook_url: z.string({ error: "webhook_url must be a string." }).optional(),
  enabled: z
    .literal(true, { error: "enabled can only be set to true (channels are disabled by failures, not by request)." })
    .optional(),
  version: z.number({ error: "version must be a number." }).int().min(1).optional(),
});

export const listChatChannelsEndpoint = shortForm({
  method: "GET",
  path: "chat-channels",
  role: "viewer",
  run: async ({ actor, db }) => ({
    status: 200,
    body: { chat_channels: (await listChatChannels(actor, db)).map(serializeChatChannel) },
  }),
  shortens: OWN_RESOURCE,
  doc: {
    status: 200,
    response: { chat_channels: ["ChatChannel"] },
    summary: "Chat channels (Slack, Teams, Discord, Google Chat, Mattermost)",
  },
});

export const createChatChannelEndpoint = shortForm({
  method: "POST",
  path: "chat-channels",
  role: "responder",
  run: async ({ actor, input: body, db }) => {
    const input = parseRequest(createRequest, body);
    const componentIds = input.component_ids ?? [];
    const result = await callService(
      createChatChannel({
        ctx: { actor, db },
        input: {
          name: input.name,
          platform: input.platform,
          webhookUrl: input.webhook_url,
          events: input.events,
          allComponents: input.all_components ?? componentIds.length === 0,
          componentIds,
        },
      }),
      RENAMES,
    );
    return {
      status: 201,
      body: { chat_channel: serializeChatChannel(await channelOrThrow(actor, result.channel.id, db)) },
      tags: result.tags,
    };
  },
  shortens: OWN_RESOURCE,
  doc: {
    status: 201,
    response: { chat_channel: "ChatChannel" },
    request: { fields: createRequest },
    summary: "Add a chat channel",
  },
});

export const getChatChannelEndpoint = shortForm({
  method: "GET",
  path: "chat-channels/:channelId",
  role: "viewer",
  run: async ({ actor, params, db }) => ({
    status: 200,
    body: { chat_channel: serializeChatChannel(await channelOrThrow(actor, params.channelId, db)) },
  }),
  shortens: OWN_RESOURCE,
  doc: { status: 200, response: { chat_channel: "ChatChannel" }, summary: "A chat channel" },
});

export const patchChatChannelEndpoint = shortForm({
  method: "PATCH",
  path: "chat-channels/:channelId",
  role: "responder",
  run: async ({ actor, params, input: body, db }) => {
    const input = parseRequest(patchRequest, body);
    const current = await channelOrThrow(actor, params.channelId, db);
    const componentIds = input.component_ids ?? current.components.map((c) => c.id);
    await callService(
      updateChatChannel({
        ctx: { actor, db },
        input: {
          channelId: current.id,
          name: input.name ?? current.name,
          platform: input.platform ?? current.platform,
          webhookUrl: input.webhook_url,
          events: input.events ?? current.events,
          allComponents:
            input.all_components ?? (input.component_ids ? input.component_ids.length === 0 : current.allComponents),
          componentIds,
          version: input.version ?? current.version,
        },
      }),
      RENAMES,
    );
    if (input.enabled) await callService(reenableChatChannel({ ctx: { actor, db }, input: { channelId: current.id } }));
    return { status: 200, body: { chat_channel: serializeChatChannel(await channelOrThrow(actor, current.id, db)) } };
  },
  shortens: OWN_RESOURCE,
  doc: {
    status: 200,
    response: { chat_channel: "ChatChannel" },
    request: { fields: patchRequest },
    summary: "Change or re-enable a chat channel",
  },
});

export const deleteChatChannelEndpoint = shortForm({
  method: "DELETE",
  path: "chat-channels/:channelId",
  role: "responder",
  run: async ({ actor, params, db }) => {
    const current = await channelOrThrow(actor, params.channelId, db);
    await callService(deleteChatChannel({ ctx: { actor, db }, input: { channelId: current.id } }));
    return { status: 200, body: { chat_channel: serializeChatChannel(current) } };
  },
  shortens: OWN_RESOURCE,
  doc: { status: 200, response: { chat_channel: "ChatChannel" }, summary: "Remove a chat channel" },
});

export const testChatChannelEndpoint = shortForm({
  method: "POST",
  path: "chat-channels/:channelId/test",
  role: "responder",
  // It waits on the chat platform, which may take seconds: not inside a write transaction.
  transaction: false,
  run: async ({ actor, params, db }) => {
    const current = await channelOrThrow(actor, params.channelId, db);
    try {
      const result = await sendTestChatMessage({ ctx: { actor }, input: { channelId: current.id } });
      return { status: 200, body: { delivered: true, status_code: result.statusCode ?? null } };
    } catch (error) {
      if (error instanceof AppError && error.code === "VALIDATION")
        return {
          status: 502,
          body: { delivered: false, error: { code: "chat_platform_refused", message: error.message } },
        };
      throw error;
    }
  },
  shortens: OWN_RESOURCE,
  doc: { status: 200, response: "ChatTestResult", summary: "Send a test message to a chat channel" },
});
