import "server-only";
import type { ChatMessage } from "@/server/notifications/chat/chat-message";
import { TONE_HEX } from "@/server/notifications/chat/chat-colors";
import {
  MATTERMOST_MARKDOWN,
  convertMarkdown,
  convertPlain,
  defuseAtMentions,
  truncate,
} from "@/server/notifications/chat/chat-text";
import { selectShownComponents } from "@/server/notifications/chat/chat-components";
import { COMPONENT_STATUS_LABELS } from "@/lib/status";

// Mattermost's Slack-compatible incoming webhooks take `text` (≤ 16383 characters per post) and Slack-style
// `attachments`; their combined attachment text is limited (7900 characters on older servers), so stay below it.
export const MATTERMOST_LIMITS = {
  text: 16383,
  attachmentsTotal: 7900,
  attachmentText: 4000,
  title: 256,
  fieldValue: 500,
} as const;

export type MattermostAttachment = {
  fallback: string;
  color: string;
  pretext?: string;
  author_name: string;
  author_link: string;
  title: string;
  title_link: string;
  text: string;
  fields: { title: string; value: string; short: boolean }[];
  footer: string;
};

export type MattermostPayload = { text: string; attachments: MattermostAttachment[] };

export function renderMattermost(message: ChatMessage): MattermostPayload {
  const md = MATTERMOST_MARKDOWN;
  const title = truncate(convertPlain(message.title, md), MATTERMOST_LIMITS.title);
  const readMore = `…\n\n[Read the full update](${message.url})`;
  const { shown, more } = selectShownComponents(message.components);
  const fields = [
    ...message.facts.map((f) => ({
      title: f.label,
      value: truncate(convertPlain(f.value, md), MATTERMOST_LIMITS.fieldValue),
      short: true,
    })),
    ...shown.map((c) => ({
      title: truncate(convertPlain(c.name, md), 100),
      value: COMPONENT_STATUS_LABELS[c.status],
      short: true,
    })),
    ...(more
      ? [{ title: "", value: `${more}: ${md.link(md.text(message.linkLabel), message.url)}`, short: false }]
      : []),
  ];
  return {
    text: truncate(`**${message.headline}:** ${title}`, 1000),
    attachments: [
      {
        fallback: truncate(
          `${message.headline}: ${defuseAtMentions(message.title).replace(/</g, "‹")} ${message.url}`,
          500,
        ),
        color: TONE_HEX[message.tone],
        author_name: truncate(convertPlain(message.pageName, md), 100),
        author_link: message.pageUrl,
        title,
        title_link: message.url,
        text: truncate(convertMarkdown(message.body, md), MATTERMOST_LIMITS.attachmentText, readMore),
        fields,
        footer: message.timestamp.replace("T", " ").slice(0, 16) + " UTC",
      },
    ],
  };
}
