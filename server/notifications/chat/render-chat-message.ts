import "server-only";
import type { ChatPlatform } from "@/lib/integrations";
import type { ChatMessage } from "@/server/notifications/chat/chat-message";
import { renderSlack } from "@/server/notifications/chat/render-slack";
import { renderMattermost } from "@/server/notifications/chat/render-mattermost";
import { renderDiscord } from "@/server/notifications/chat/render-discord";
import { renderTeams } from "@/server/notifications/chat/render-teams";
import { renderGoogleChat } from "@/server/notifications/chat/render-google-chat";

/** The JSON body a platform's incoming webhook takes for this message. */
export function renderChatMessage(platform: ChatPlatform, message: ChatMessage): unknown {
  switch (platform) {
    case "slack":
      return renderSlack(message);
    case "mattermost":
      return renderMattermost(message);
    case "discord":
      return renderDiscord(message);
    case "teams":
      return renderTeams(message);
    case "google_chat":
      return renderGoogleChat(message);
  }
}
