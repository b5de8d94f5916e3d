import { testChatChannelEndpoint } from "@/server/api/v1/chat-channels";

export const POST = testChatChannelEndpoint;
