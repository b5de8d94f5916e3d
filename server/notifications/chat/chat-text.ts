import "server-only";
import { Marked, type Token, type Tokens } from "marked";

const marked = new Marked({ gfm: true, breaks: true, async: false });

/** How one chat platform writes each piece of markdown; `text` escapes and defuses mentions in untrusted text. */
export type ChatDialect = {
  text: (value: string) => string;
  strong: (inner: string) => string;
  em: (inner: string) => string;
  del: (inner: string) => string;
  code: (value: string) => string;
  pre: (value: string) => string;
  link: (label: string, href: string) => string;
  heading: (inner: string) => string;
  quote: (inner: string) => string;
  lineBreak: string;
};

// U+2060 WORD JOINER: invisible, and breaks the token every platform looks for after "@".
const JOINER = "\u2060";
const ZERO_WIDTH_SPACE = "\u200b";

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };

function decodeEntities(value: string): string {
  return value.replace(/&(amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity);
}

function safeHref(href: string): string | null {
  try {
    const url = new URL(href);
    return url.protocol === "https:" || url.protocol === "http:" || url.protocol === "mailto:" ? url.toString() : null;
  } catch {
    return null;
  }
}

/** "@everyone", "@here", "@channel", "@all" and "@user" stop being mentions: a joiner sits between "@" and the word. */
export function defuseAtMentions(value: string): string {
  return value.replace(/@(?=[\p{L}\p{N}_.-])/gu, `@${JOINER}`);
}

const slackEscape = (value: string) => value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Slack mrkdwn: &, < and > escaped (so <!channel>, <!here> and <@U…> cannot form), @words defused. */
export const SLACK_MRKDWN: ChatDialect = {
  text: (value) => defuseAtMentions(slackEscape(value)),
  strong: (inner) => (inner.trim() ? `*${inner}*` : inner),
  em: (inner) => (inner.trim() ? `_${inner}_` : inner),
  del: (inner) => (inner.trim() ? `~${inner}~` : inner),
  code: (value) => `\`${slackEscape(value).replace(/`/g, "'")}\``,
  pre: (value) => `\`\`\`${slackEscape(value).replace(/```/g, "'''")}\`\`\``,
  link: (label, href) => `<${href.replace(/[|<>]/g, encodeURIComponent)}|${label.replace(/[|]/g, "¦") || href}>`,
  heading: (inner) => `*${inner}*`,
  quote: (inner) =>
    inner
      .split("\n")
      .map((line) => `> ${line}`)
      .join("\n"),
  lineBreak: "\n",
};

// encodeURIComponent leaves parentheses alone, and they would end a markdown link early.
const escapeParens = (href: string) => href.replace(/\(/g, "%28").replace(/\)/g, "%29");

const MARKDOWN_SPECIAL = /[\\`*_~|[\]()#>]/g;

/** Discord markdown: specials escaped, @everyone/@here/@user and <@…>, <#…> defused (the payload also disables mentions). */
export const DISCORD_MARKDOWN: ChatDialect = {
  text: (value) => defuseAtMentions(value.replace(MARKDOWN_SPECIAL, "\\$&")).replace(/</g, `<${ZERO_WIDTH_SPACE}`),
  strong: (inner) => (inner.trim() ? `**${inner}**` : inner),
  em: (inner) => (inner.trim() ? `*${inner}*` : inner),
  del: (inner) => (inner.trim() ? `~~${inner}~~` : inner),
  code: (value) => `\`${value.replace(/`/g, "'")}\``,
  pre: (value) => `\`\`\`\n${value.replace(/```/g, "'''")}\n\`\`\``,
  link: (label, href) => `[${label || href}](${escapeParens(href)})`,
  heading: (inner) => `**${inner}**`,
  quote: (inner) =>
    inner
      .split("\n")
      .map((line) => `> ${line}`)
      .join("\n"),
  lineBreak: "\n",
};

/** Mattermost markdown: like Discord's, with every @word defused (Mattermost notifies @all, @channel, @here and users). */
export const MATTERMOST_MARKDOWN: ChatDialect = {
  ...DISCORD_MARKDOWN,
  text: (value) => defuseAtMentions(value.replace(MARKDOWN_SPECIAL, "\\$&")).replace(/</g, "&lt;"),
  heading: (inner) => `#### ${inner}`,
};

/** The markdown subset of Adaptive Card TextBlocks in Teams; without `msteams.entities` nothing can mention anyone. */
export const TEAMS_MARKDOWN: ChatDialect = {
  text: (value) => defuseAtMentions(value.replace(/[\\`*_~[\]]/g, "\\$&")).replace(/</g, "&lt;"),
  strong: (inner) => (inner.trim() ? `**${inner}**` : inner),
  em: (inner) => (inner.trim() ? `_${inner}_` : inner),
  del: (inner) => inner,
  code: (value) => value,
  pre: (value) => value,
  link: (label, href) => `[${label || href}](${escapeParens(href)})`,
  heading: (inner) => `**${inner}**`,
  quote: (inner) => inner,
  lineBreak: "\n\n",
};

const htmlEscape = (value: string) =>
  value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The HTML subset Google Chat card text widgets accept (<b>, <i>, <s>, <a href>, <br>), everything else escaped. */
export const GOOGLE_CHAT_HTML: ChatDialect = {
  text: (value) => defuseAtMentions(htmlEscape(value)),
  strong: (inner) => `<b>${inner}</b>`,
  em: (inner) => `<i>${inner}</i>`,
  del: (inner) => `<s>${inner}</s>`,
  code: (value) => `<font color="#5f6368">${htmlEscape(value)}</font>`,
  pre: (value) => htmlEscape(value).replace(/\n/g, "<br>"),
  link: (label, href) => `<a href="${htmlEscape(href)}">${label || htmlEscape(href)}</a>`,
  heading: (inner) => `<b>${inner}</b>`,
  quote: (inner) => `<i>${inner}</i>`,
  lineBreak: "<br>",
};

function inline(tokens: Token[] | undefined, dialect: ChatDialect): string {
  if (!tokens) return "";
  return tokens.map((token) => inlineToken(token, dialect)).join("");
}

function inlineToken(token: Token, dialect: ChatDialect): string {
  switch (token.type) {
    case "text": {
      const text = token as Tokens.Text;
      return text.tokens ? inline(text.tokens, dialect) : dialect.text(decodeEntities(text.text));
    }
    case "escape":
      return dialect.text(decodeEntities((token as Tokens.Escape).text));
    case "strong":
      return dialect.strong(inline((token as Tokens.Strong).tokens, dialect));
    case "em":
      return dialect.em(inline((token as Tokens.Em).tokens, dialect));
    case "del":
      return dialect.del(inline((token as Tokens.Del).tokens, dialect));
    case "codespan":
      return dialect.code(decodeEntities((token as Tokens.Codespan).text));
    case "br":
      return dialect.lineBreak;
    case "link": {
      const link = token as Tokens.Link;
      const label = inline(link.tokens, dialect);
      const href = safeHref(link.href);
      return href ? dialect.link(label, href) : label;
    }
    case "image": {
      const image = token as Tokens.Image;
      const href = safeHref(image.href);
      const label = dialect.text(image.text || "image");
      return href ? dialect.link(label, href) : label;
    }
    case "html":
      return "";
    default:
      return "raw" in token && typeof token.raw === "string" ? dialect.text(token.raw) : "";
  }
}

function block(token: Token, dialect: ChatDialect): string {
  switch (token.type) {
    case "space":
    case "def":
      return "";
    case "heading":
      return dialect.heading(inline((token as Tokens.Heading).tokens, dialect));
    case "paragraph":
      return inline((token as Tokens.Paragraph).tokens, dialect);
    case "text": {
      const text = token as Tokens.Text;
      return text.tokens ? inline(text.tokens, dialect) : dialect.text(decodeEntities(text.text));
    }
    case "code":
      return dialect.pre((token as Tokens.Code).text);
    case "blockquote":
      return dialect.quote(blocks((token as Tokens.Blockquote).tokens, dialect));
    case "list": {
      const list = token as Tokens.List;
      const start = typeof list.start === "number" ? list.start : 1;
      return list.items
        .map(
          (item, index) =>
            `${list.ordered ? `${start + index}.` : "•"} ${blocks(item.tokens, dialect).replace(/\n/g, "\n   ")}`,
        )
        .join("\n");
    }
    case "hr":
      return "───";
    case "table": {
      const table = token as Tokens.Table;
      const row = (cells: Tokens.TableCell[]) => cells.map((cell) => inline(cell.tokens, dialect)).join(" | ");
      return [row(table.header), ...table.rows.map(row)].join("\n");
    }
    case "html":
      return dialect.text(decodeEntities((token as Tokens.HTML).text.replace(/<[^>]*>/g, "")).trim());
    default:
      return "";
  }
}

function blocks(tokens: Token[], dialect: ChatDialect): string {
  return tokens
    .map((token) => block(token, dialect))
    .filter((part) => part.trim() !== "")
    .join("\n\n");
}

/** Untrusted markdown written in a chat platform's dialect, with no way to ping anyone. */
export function convertMarkdown(markdown: string, dialect: ChatDialect): string {
  const converted = blocks(marked.lexer(markdown), dialect);
  return dialect.lineBreak === "\n" ? converted : converted.replace(/\n/g, dialect.lineBreak);
}

/** Plain untrusted text in a dialect (names of incidents and components). */
export function convertPlain(value: string, dialect: ChatDialect): string {
  return dialect.text(value);
}

/** Length in Unicode code points, which is what chat platforms count. */
export function charLength(value: string): number {
  let count = 0;
  for (const _ of value) count += 1;
  return count;
}

/**
 * Cuts text to at most `max` code points, ending with `suffix`, at a line or word break when one is near, and never
 * inside an unfinished link or tag (which would show its markup).
 */
export function truncate(value: string, max: number, suffix = "…"): string {
  if (charLength(value) <= max) return value;
  const room = Math.max(0, max - charLength(suffix));
  let cut = Array.from(value).slice(0, room).join("");
  const lastBreak = Math.max(cut.lastIndexOf("\n"), cut.lastIndexOf(" "));
  if (lastBreak > room * 0.8) cut = cut.slice(0, lastBreak);
  const open = Math.max(cut.lastIndexOf("<"), cut.lastIndexOf("["));
  const close = Math.max(cut.lastIndexOf(">"), cut.lastIndexOf(")"));
  if (open > close) cut = cut.slice(0, open);
  cut = cut.replace(/[\\\s]+$/, "");
  return `${cut}${suffix}`;
}
