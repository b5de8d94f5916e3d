import "server-only";
import type { ChatMessage } from "@/server/notifications/chat/chat-message";
import { toneInteger } from "@/server/notifications/chat/chat-colors";
import {
  DISCORD_MARKDOWN,
  charLength,
  convertMarkdown,
  convertPlain,
  defuseAtMentions,
  truncate,
} from "@/server/notifications/chat/chat-text";
import { selectShownComponents, type ShownComponents } from "@/server/notifications/chat/chat-components";
import { COMPONENT_STATUS_LABELS } from "@/lib/status";

// discord.com/developers/docs/resources/message#embed-object-embed-limits: title 256, description 4096, ≤ 25 fields
// (name 256, value 1024), footer 2048, author name 256, and 6000 characters across all of them.
export const DISCORD_LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  total: 6000,
} as const;

export type DiscordEmbed = {
  title: string;
  url: string;
  description?: string;
  color: number;
  timestamp: string;
  author: { name: string; url: string };
  fields: { name: string; value: string; inline: boolean }[];
  footer: { text: string };
};

export type DiscordPayload = { allowed_mentions: { parse: [] }; embeds: DiscordEmbed[] };

/** Titles and author names show text as typed; mentions there never ping, but they are defused like the rest. */
function plain(value: string): string {
  return defuseAtMentions(value).replace(/</g, "<\u200b");
}

function embedLength(embed: DiscordEmbed): number {
  return (
    charLength(embed.title) +
    charLength(embed.description ?? "") +
    charLength(embed.author.name) +
    charLength(embed.footer.text) +
    embed.fields.reduce((sum, f) => sum + charLength(f.name) + charLength(f.value), 0)
  );
}

export function renderDiscord(message: ChatMessage): DiscordPayload {
  const md = DISCORD_MARKDOWN;
  const fields = [
    ...message.facts.map((f) => ({
      name: f.label,
      value: truncate(convertPlain(f.value, md), DISCORD_LIMITS.fieldValue) || "—",
      inline: true,
    })),
  ];
  if (message.components.length) {
    const componentLines = ({ shown, more }: ShownComponents) =>
      [
        ...shown.map((c) => `${convertPlain(c.name, md)}: ${COMPONENT_STATUS_LABELS[c.status]}`),
        ...(more ? [`${more}: ${md.link(md.text(message.linkLabel), message.url)}`] : []),
      ].join("\n");
    const chosen = selectShownComponents(
      message.components,
      (choice) => charLength(componentLines(choice)) <= DISCORD_LIMITS.fieldValue,
    );
    fields.push({
      name: "Components",
      value: truncate(componentLines(chosen), DISCORD_LIMITS.fieldValue),
      inline: false,
    });
  }
  const embed: DiscordEmbed = {
    title: truncate(plain(message.title), DISCORD_LIMITS.title),
    url: message.url,
    color: toneInteger(message.tone),
    timestamp: message.timestamp,
    author: {
      name: truncate(plain(`${message.pageName} · ${message.headline}`), DISCORD_LIMITS.authorName),
      url: message.pageUrl,
    },
    fields: fields.slice(0, DISCORD_LIMITS.fields),
    footer: { text: message.headline },
  };
  const body = convertMarkdown(message.body, md);
  if (body.trim()) {
    const room = Math.min(DISCORD_LIMITS.description, DISCORD_LIMITS.total - embedLength(embed));
    embed.description = truncate(body, room, `…\n[Read the full update](${message.url})`);
  }
  return { allowed_mentions: { parse: [] }, embeds: [embed] };
}
