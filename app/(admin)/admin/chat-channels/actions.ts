"use server";

import { perform } from "@/app/(admin)/admin/_lib/perform";
import { text } from "@/app/(admin)/admin/_lib/form-input";
import type { ActionState } from "@/app/(admin)/admin/_lib/action-state";
import { createChatChannel } from "@/server/services/chat-channels/create-chat-channel";
import { updateChatChannel } from "@/server/services/chat-channels/update-chat-channel";
import { deleteChatChannel, reenableChatChannel } from "@/server/services/chat-channels/delete-chat-channel";
import { sendTestChatMessage } from "@/server/services/chat-channels/send-test-chat-message";

function channelInput(formData: FormData) {
  return {
    name: text(formData, "name"),
    platform: text(formData, "platform"),
    webhookUrl: text(formData, "webhookUrl"),
    events: formData.getAll("events"),
    allComponents: text(formData, "scope") !== "some",
    componentIds: formData.getAll("componentIds"),
  };
}

export async function saveChatChannelAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  const channelId = text(formData, "channelId");
  if (channelId) {
    return perform(
      "responder",
      formData,
      (actor) =>
        updateChatChannel({
          ctx: { actor },
          input: { ...channelInput(formData), channelId, version: text(formData, "version") },
        }),
      "Channel saved.",
    );
  }
  return perform(
    "responder",
    formData,
    (actor) => createChatChannel({ ctx: { actor }, input: channelInput(formData) }),
    "Channel added. Send a test message to check it.",
  );
}

export async function deleteChatChannelAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  return perform(
    "responder",
    formData,
    (actor) => deleteChatChannel({ ctx: { actor }, input: { channelId: text(formData, "channelId") } }),
    "Channel removed.",
  );
}

export async function reenableChatChannelAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  return perform(
    "responder",
    formData,
    (actor) => reenableChatChannel({ ctx: { actor }, input: { channelId: text(formData, "channelId") } }),
    "Channel re-enabled.",
  );
}

export async function sendTestChatMessageAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  return perform(
    "responder",
    formData,
    (actor) => sendTestChatMessage({ ctx: { actor }, input: { channelId: text(formData, "channelId") } }),
    (result) => `Test message accepted (HTTP ${result.statusCode}).`,
  );
}
