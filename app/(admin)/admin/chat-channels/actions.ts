"use server";

import { perform } from "@/app/(admin)/admin/_lib/perform";
import { text, texts } from "@/app/(admin)/admin/_lib/form-input";
import type { ActionState } from "@/app/(admin)/admin/_lib/action-state";
import { formInput } from "@/server/services/validation";
import { createChatChannel, createChatChannelSchema } from "@/server/services/chat-channels/create-chat-channel";
import { updateChatChannel, updateChatChannelSchema } from "@/server/services/chat-channels/update-chat-channel";
import {
  chatChannelIdSchema,
  deleteChatChannel,
  reenableChatChannel,
} from "@/server/services/chat-channels/delete-chat-channel";
import { sendTestChatMessage } from "@/server/services/chat-channels/send-test-chat-message";

function channelFields(formData: FormData) {
  return {
    name: text(formData, "name"),
    platform: text(formData, "platform"),
    webhookUrl: text(formData, "webhookUrl"),
    events: texts(formData, "events"),
    allComponents: text(formData, "scope") !== "some",
    componentIds: texts(formData, "componentIds"),
  };
}

const channelId = (formData: FormData) => formInput(chatChannelIdSchema, { channelId: text(formData, "channelId") });

export async function saveChatChannelAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  if (text(formData, "channelId")) {
    return perform(
      "responder",
      formData,
      (actor) =>
        updateChatChannel({
          ctx: { actor },
          input: formInput(updateChatChannelSchema, {
            ...channelFields(formData),
            channelId: text(formData, "channelId"),
            version: text(formData, "version"),
          }),
        }),
      "Channel saved.",
    );
  }
  return perform(
    "responder",
    formData,
    (actor) =>
      createChatChannel({ ctx: { actor }, input: formInput(createChatChannelSchema, channelFields(formData)) }),
    "Channel added. Send a test message to check it.",
  );
}

export async function deleteChatChannelAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  return perform(
    "responder",
    formData,
    (actor) => deleteChatChannel({ ctx: { actor }, input: channelId(formData) }),
    "Channel removed.",
  );
}

export async function reenableChatChannelAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  return perform(
    "responder",
    formData,
    (actor) => reenableChatChannel({ ctx: { actor }, input: channelId(formData) }),
    "Channel re-enabled.",
  );
}

export async function sendTestChatMessageAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  return perform(
    "responder",
    formData,
    (actor) => sendTestChatMessage({ ctx: { actor }, input: channelId(formData) }),
    (result) => `Test message accepted (HTTP ${result.statusCode}).`,
  );
}
