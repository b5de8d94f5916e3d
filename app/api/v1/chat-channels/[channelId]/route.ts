import {
  deleteChatChannelEndpoint,
  getChatChannelEndpoint,
  patchChatChannelEndpoint,
} from "@/server/api/v1/chat-channels";

export const GET = getChatChannelEndpoint;
export const PATCH = patchChatChannelEndpoint;
export const DELETE = deleteChatChannelEndpoint;
