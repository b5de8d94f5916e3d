import "server-only";
import type { ChatMessage } from "@/server/notifications/chat/chat-message";

/** Every platform names at most this many components (Slack's and Mattermost's field limits) and counts the rest. */
export const CHAT_COMPONENTS_SHOWN = 10;

type ChatComponent = ChatMessage["components"][number];

export type ShownComponents = { shown: ChatComponent[]; more: string | null };

/**
 * The components a chat message names, and "and N more components" for those it leaves out, so none is dropped
 * silently. `fits` lets a platform with a size limit show fewer; the count then says so.
 */
export function selectShownComponents(
  components: ChatComponent[],
  fits: (choice: ShownComponents) => boolean = () => true,
): ShownComponents {
  for (let count = Math.min(components.length, CHAT_COMPONENTS_SHOWN); ; count -= 1) {
    const hidden = components.length - count;
    const choice = {
      shown: components.slice(0, count),
      more: hidden > 0 ? `and ${hidden} more ${hidden === 1 ? "component" : "components"}` : null,
    };
    if (count === 0 || fits(choice)) return choice;
  }
}
