import "server-only";
import type { ChatMessage } from "@/server/notifications/chat/chat-message";
import { TONE_EMOJI } from "@/server/notifications/chat/chat-colors";
import {
  SLACK_MRKDWN,
  convertMarkdown,
  convertPlain,
  defuseAtMentions,
  truncate,
} from "@/server/notifications/chat/chat-text";
import { selectShownComponents } from "@/server/notifications/chat/chat-components";
import { COMPONENT_STATUS_LABELS } from "@/lib/status";

// docs.slack.dev/reference/block-kit: header text ≤ 150, section text ≤ 3000, section fields ≤ 10 of ≤ 2000,
// context elements ≤ 10, blocks ≤ 50 per message; the top-level `text` is the notification and screen-reader fallback.
export const SLACK_LIMITS = {
  header: 150,
  sectionText: 3000,
  fields: 10,
  fieldText: 2000,
  contextElements: 10,
  blocks: 50,
  fallbackText: 3000,
} as const;

type SlackText = { type: "mrkdwn" | "plain_text"; text: string; emoji?: boolean };
type SlackBlock =
  | { type: "header"; text: SlackText }
  | { type: "section"; text?: SlackText; fields?: SlackText[] }
  | { type: "context"; elements: SlackText[] }
  | { type: "divider" };

export type SlackPayload = { text: string; blocks: SlackBlock[]; unfurl_links: false; unfurl_media: false };

/** plain_text is not parsed for mentions, but a copied header must not carry <!here> either. */
function plainHeader(value: string): string {
  return defuseAtMentions(value.replace(/</g, "‹").replace(/>/g, "›"));
}

/** The link to the full text, added when the body had to be cut. */
function readMore(url: string): string {
  return `…\n<${url}|Read the full update>`;
}

export function renderSlack(message: ChatMessage): SlackPayload {
  const mrkdwn = SLACK_MRKDWN;
  const link = mrkdwn.link(mrkdwn.text(message.linkLabel), message.url);
  const blocks: SlackBlock[] = [
    {
      type: "header",
      text: {
        type: "plain_text",
        text: truncate(plainHeader(`${TONE_EMOJI[message.tone]} ${message.title}`), SLACK_LIMITS.header),
        emoji: true,
      },
    },
    {
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text: truncate(
            `*${message.headline}* · ${message.facts.map((f) => `${f.label}: ${convertPlain(f.value, mrkdwn)}`).join(" · ")}`,
            SLACK_LIMITS.sectionText,
          ),
        },
        {
          type: "mrkdwn",
          text: truncate(`${convertPlain(message.pageName, mrkdwn)} · ${link}`, SLACK_LIMITS.sectionText),
        },
      ],
    },
  ];
  const body = convertMarkdown(message.body, mrkdwn);
  if (body.trim())
    blocks.push({
      type: "section",
      text: { type: "mrkdwn", text: truncate(body, SLACK_LIMITS.sectionText, readMore(message.url)) },
    });
  const { shown, more } = selectShownComponents(message.components);
  if (shown.length) {
    blocks.push({
      type: "section",
      fields: shown.map((c) => ({
        type: "mrkdwn" as const,
        text: truncate(
          `*${convertPlain(c.name, mrkdwn)}*\n${COMPONENT_STATUS_LABELS[c.status]}`,
          SLACK_LIMITS.fieldText,
        ),
      })),
    });
  }
  if (more) blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: `${more}: ${link}` }] });
  const fallback = `${message.headline}: ${convertPlain(message.title, mrkdwn)} (${message.facts.map((f) => convertPlain(f.value, mrkdwn)).join(", ")}) ${message.url}`;
  return { text: truncate(fallback, SLACK_LIMITS.fallbackText), blocks, unfurl_links: false, unfurl_media: false };
}
