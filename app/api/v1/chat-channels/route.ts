import { createChatChannelEndpoint, listChatChannelsEndpoint } from "@/server/api/v1/chat-channels";

export const GET = listChatChannelsEndpoint;
export const POST = createChatChannelEndpoint;
