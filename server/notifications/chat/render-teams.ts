import "server-only";
import type { ChatMessage, ChatTone } from "@/server/notifications/chat/chat-message";
import { TEAMS_MARKDOWN, convertMarkdown, truncate } from "@/server/notifications/chat/chat-text";
import { selectShownComponents } from "@/server/notifications/chat/chat-components";
import { COMPONENT_STATUS_LABELS } from "@/lib/status";

// learn.microsoft.com/microsoftteams/platform: a Workflows ("When a Teams webhook request is received") payload is a
// message whose attachments carry an Adaptive Card (schema 1.4 renders everywhere); messages are limited to 28 KB.
export const TEAMS_LIMITS = { messageBytes: 28 * 1024, body: 12_000, title: 500, factValue: 500 } as const;

const TEAMS_COLOR: Record<ChatTone, string> = {
  critical: "Attention",
  major: "Attention",
  minor: "Warning",
  none: "Default",
  maintenance: "Accent",
  resolved: "Good",
};

type TextBlock = {
  type: "TextBlock";
  text: string;
  wrap: true;
  size?: string;
  weight?: string;
  color?: string;
  isSubtle?: boolean;
  spacing?: string;
};
type FactSet = { type: "FactSet"; facts: { title: string; value: string }[] };

export type TeamsPayload = {
  type: "message";
  attachments: {
    contentType: "application/vnd.microsoft.card.adaptive";
    contentUrl: null;
    content: {
      $schema: "http://adaptivecards.io/schemas/adaptive-card.json";
      type: "AdaptiveCard";
      version: "1.4";
      body: (TextBlock | FactSet)[];
      actions: { type: "Action.OpenUrl"; title: string; url: string }[];
      msteams: { width: "Full" };
    };
  }[];
};

function build(message: ChatMessage, body: string): TeamsPayload {
  const md = TEAMS_MARKDOWN;
  const { shown, more } = selectShownComponents(message.components);
  const facts = [
    ...message.facts.map((f) => ({ title: f.label, value: truncate(md.text(f.value), TEAMS_LIMITS.factValue) })),
    ...shown.map((c) => ({ title: truncate(md.text(c.name), 100), value: COMPONENT_STATUS_LABELS[c.status] })),
  ];
  const blocks: (TextBlock | FactSet)[] = [
    {
      type: "TextBlock",
      text: `${md.text(message.pageName)} · ${message.headline}`,
      wrap: true,
      size: "Small",
      weight: "Bolder",
      color: TEAMS_COLOR[message.tone],
    },
    {
      type: "TextBlock",
      text: truncate(md.text(message.title), TEAMS_LIMITS.title),
      wrap: true,
      size: "Large",
      weight: "Bolder",
    },
    { type: "FactSet", facts },
  ];
  if (more)
    blocks.push({
      type: "TextBlock",
      text: `${more}: ${md.link(md.text(message.linkLabel), message.url)}`,
      wrap: true,
      isSubtle: true,
    });
  if (body.trim()) blocks.push({ type: "TextBlock", text: body, wrap: true, spacing: "Medium" });
  return {
    type: "message",
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        contentUrl: null,
        content: {
          $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
          type: "AdaptiveCard",
          version: "1.4",
          body: blocks,
          actions: [{ type: "Action.OpenUrl", title: message.linkLabel, url: message.url }],
          msteams: { width: "Full" },
        },
      },
    ],
  };
}

export function renderTeams(message: ChatMessage): TeamsPayload {
  const more = `…\n\n[Read the full update](${message.url})`;
  let limit: number = TEAMS_LIMITS.body;
  const body = convertMarkdown(message.body, TEAMS_MARKDOWN);
  let payload = build(message, truncate(body, limit, more));
  // Multi-byte text can exceed the byte limit below the character limit: shrink until it fits.
  while (Buffer.byteLength(JSON.stringify(payload)) > TEAMS_LIMITS.messageBytes && limit > 200) {
    limit = Math.floor(limit * 0.7);
    payload = build(message, truncate(body, limit, more));
  }
  return payload;
}
