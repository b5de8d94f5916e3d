import "server-only";
import type { ChatMessage } from "@/server/notifications/chat/chat-message";
import { TONE_EMOJI } from "@/server/notifications/chat/chat-colors";
import { GOOGLE_CHAT_HTML, convertMarkdown, defuseAtMentions, truncate } from "@/server/notifications/chat/chat-text";
import { selectShownComponents } from "@/server/notifications/chat/chat-components";
import { COMPONENT_STATUS_LABELS } from "@/lib/status";

// developers.google.com/workspace/chat: a message (text and cards) is at most 32,000 bytes, `text` at most 4,096
// characters, a card at most 100 widgets. Card text takes a small HTML subset; `text` takes Chat's own markup,
// where <users/all> would mention everyone, so "<" never reaches it.
export const GOOGLE_CHAT_LIMITS = {
  messageBytes: 32_000,
  text: 4096,
  widgets: 100,
  paragraph: 4000,
  header: 200,
} as const;

type Widget =
  | { decoratedText: { topLabel: string; text: string; wrapText: true } }
  | { textParagraph: { text: string } }
  | { buttonList: { buttons: { text: string; onClick: { openLink: { url: string } } }[] } };

export type GoogleChatPayload = {
  text: string;
  cardsV2: {
    cardId: string;
    card: { header: { title: string; subtitle: string }; sections: { widgets: Widget[] }[] };
  }[];
};

const plainText = (value: string) => defuseAtMentions(value.replace(/</g, "‹").replace(/>/g, "›"));

function build(message: ChatMessage, paragraph: string): GoogleChatPayload {
  const html = GOOGLE_CHAT_HTML;
  const { shown, more } = selectShownComponents(message.components);
  const widgets: Widget[] = [
    ...message.facts.map((f) => ({
      decoratedText: { topLabel: f.label, text: truncate(html.text(f.value), 500), wrapText: true as const },
    })),
    ...shown.map((c) => ({
      decoratedText: {
        topLabel: truncate(html.text(c.name), 200),
        text: COMPONENT_STATUS_LABELS[c.status],
        wrapText: true as const,
      },
    })),
  ];
  if (more)
    widgets.push({ textParagraph: { text: `${more}: ${html.link(html.text(message.linkLabel), message.url)}` } });
  if (paragraph.trim()) widgets.push({ textParagraph: { text: paragraph } });
  widgets.push({ buttonList: { buttons: [{ text: message.linkLabel, onClick: { openLink: { url: message.url } } }] } });
  return {
    text: truncate(plainText(`${TONE_EMOJI[message.tone]} ${message.headline}: ${message.title}`), 1000),
    cardsV2: [
      {
        cardId: `statuspage-${message.event.replace(/\./g, "-")}`,
        card: {
          header: {
            title: truncate(plainText(message.title), GOOGLE_CHAT_LIMITS.header),
            subtitle: truncate(plainText(`${message.pageName} · ${message.headline}`), GOOGLE_CHAT_LIMITS.header),
          },
          sections: [{ widgets: widgets.slice(0, GOOGLE_CHAT_LIMITS.widgets) }],
        },
      },
    ],
  };
}

export function renderGoogleChat(message: ChatMessage): GoogleChatPayload {
  const more = `…<br><a href="${GOOGLE_CHAT_HTML.text(message.url)}">Read the full update</a>`;
  const body = convertMarkdown(message.body, GOOGLE_CHAT_HTML);
  let limit: number = GOOGLE_CHAT_LIMITS.paragraph;
  let payload = build(message, truncate(body, limit, more));
  while (Buffer.byteLength(JSON.stringify(payload)) > GOOGLE_CHAT_LIMITS.messageBytes && limit > 200) {
    limit = Math.floor(limit * 0.7);
    payload = build(message, truncate(body, limit, more));
  }
  return payload;
}
