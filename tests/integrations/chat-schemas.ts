// Each platform's documented incoming-webhook payload, written from its documentation rather than from our
// renderers, so a renderer that drifts from the platform fails here as the platform would refuse it.
import { z } from "zod";

const codePoints = (max: number) => z.string().refine((s) => [...s].length <= max, `must be at most ${max} characters`);
const nonEmpty = (max: number) => codePoints(max).refine((s) => s.trim().length > 0, "must not be empty");
const httpUrl = z
  .string()
  .url()
  .refine((u) => /^https?:\/\//.test(u), "must be an http(s) URL");

// docs.slack.dev/reference/block-kit/blocks and /composition-objects/text-object; messaging/webhooks.
const slackText = z
  .object({
    type: z.enum(["plain_text", "mrkdwn"]),
    text: z.string().min(1),
    emoji: z.boolean().optional(),
    verbatim: z.boolean().optional(),
  })
  .strict();
const slackBlock = z.discriminatedUnion("type", [
  z
    .object({
      type: z.literal("header"),
      text: slackText.extend({ type: z.literal("plain_text"), text: nonEmpty(150) }),
      block_id: z.string().max(255).optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal("section"),
      text: slackText.extend({ text: nonEmpty(3000) }).optional(),
      fields: z
        .array(slackText.extend({ text: nonEmpty(2000) }))
        .min(1)
        .max(10)
        .optional(),
      block_id: z.string().max(255).optional(),
    })
    .strict()
    .refine((b) => b.text || b.fields, "a section needs text or fields"),
  z
    .object({
      type: z.literal("context"),
      elements: z
        .array(slackText.extend({ text: nonEmpty(3000) }))
        .min(1)
        .max(10),
      block_id: z.string().max(255).optional(),
    })
    .strict(),
  z.object({ type: z.literal("divider"), block_id: z.string().max(255).optional() }).strict(),
]);
export const slackPayload = z
  .object({
    text: nonEmpty(40_000),
    blocks: z.array(slackBlock).min(1).max(50),
    unfurl_links: z.boolean().optional(),
    unfurl_media: z.boolean().optional(),
  })
  .strict();

// developers.mattermost.com/integrate/webhooks/incoming and reference/message-attachments.
export const mattermostPayload = z
  .object({
    text: codePoints(16_383).optional(),
    attachments: z
      .array(
        z
          .object({
            fallback: nonEmpty(16_383),
            color: z
              .string()
              .regex(/^#[0-9a-fA-F]{6}$/)
              .optional(),
            pretext: z.string().optional(),
            author_name: z.string().optional(),
            author_link: httpUrl.optional(),
            title: z.string().optional(),
            title_link: httpUrl.optional(),
            text: z.string().optional(),
            fields: z.array(z.object({ title: z.string(), value: z.string(), short: z.boolean() }).strict()).optional(),
            footer: z.string().optional(),
          })
          .strict(),
      )
      .optional(),
  })
  .strict()
  .refine((p) => p.text || p.attachments?.length, "needs text or attachments")
  .refine(
    (p) =>
      (p.attachments ?? []).reduce(
        (sum, a) =>
          sum +
          [...(a.text ?? "")].length +
          [...(a.title ?? "")].length +
          (a.fields ?? []).reduce((s, f) => s + f.title.length + f.value.length, 0),
        0,
      ) <= 7900,
    "attachments exceed 7900 characters",
  );

// discord.com/developers/docs/resources/webhook#execute-webhook and resources/message#embed-object-embed-limits.
const discordEmbed = z
  .object({
    title: nonEmpty(256).optional(),
    url: httpUrl.optional(),
    description: nonEmpty(4096).optional(),
    color: z.number().int().min(0).max(0xffffff).optional(),
    timestamp: z.iso.datetime({ offset: true }).optional(),
    author: z
      .object({ name: nonEmpty(256), url: httpUrl.optional() })
      .strict()
      .optional(),
    fields: z
      .array(z.object({ name: nonEmpty(256), value: nonEmpty(1024), inline: z.boolean().optional() }).strict())
      .max(25)
      .optional(),
    footer: z
      .object({ text: nonEmpty(2048) })
      .strict()
      .optional(),
  })
  .strict();
export const discordPayload = z
  .object({
    content: codePoints(2000).optional(),
    allowed_mentions: z
      .object({ parse: z.array(z.enum(["roles", "users", "everyone"])) })
      .strict()
      .optional(),
    embeds: z.array(discordEmbed).max(10).optional(),
  })
  .strict()
  .refine((p) => p.content || p.embeds?.length, "needs content or embeds")
  .refine((p) => {
    const total = (p.embeds ?? []).reduce(
      (sum, e) =>
        sum +
        [...(e.title ?? "")].length +
        [...(e.description ?? "")].length +
        [...(e.author?.name ?? "")].length +
        [...(e.footer?.text ?? "")].length +
        (e.fields ?? []).reduce((s, f) => s + [...f.name].length + [...f.value].length, 0),
      0,
    );
    return total <= 6000;
  }, "embeds exceed 6000 characters in total");

// learn.microsoft.com/microsoftteams/platform (Workflows webhook: a message with Adaptive Card attachments, ≤ 28 KB);
// adaptivecards.io/explorer for the elements.
const textBlock = z
  .object({
    type: z.literal("TextBlock"),
    text: z.string().min(1),
    wrap: z.boolean().optional(),
    size: z.enum(["Small", "Default", "Medium", "Large", "ExtraLarge"]).optional(),
    weight: z.enum(["Lighter", "Default", "Bolder"]).optional(),
    color: z.enum(["Default", "Dark", "Light", "Accent", "Good", "Warning", "Attention"]).optional(),
    isSubtle: z.boolean().optional(),
    spacing: z.enum(["None", "Small", "Default", "Medium", "Large", "ExtraLarge", "Padding"]).optional(),
  })
  .strict();
const factSet = z
  .object({
    type: z.literal("FactSet"),
    facts: z.array(z.object({ title: z.string(), value: z.string() }).strict()).min(1),
  })
  .strict();
export const teamsPayload = z
  .object({
    type: z.literal("message"),
    attachments: z
      .array(
        z
          .object({
            contentType: z.literal("application/vnd.microsoft.card.adaptive"),
            contentUrl: z.null().optional(),
            content: z
              .object({
                $schema: z.literal("http://adaptivecards.io/schemas/adaptive-card.json").optional(),
                type: z.literal("AdaptiveCard"),
                version: z.enum(["1.0", "1.1", "1.2", "1.3", "1.4", "1.5"]),
                body: z.array(z.union([textBlock, factSet])).min(1),
                actions: z
                  .array(
                    z.object({ type: z.literal("Action.OpenUrl"), title: z.string().min(1), url: httpUrl }).strict(),
                  )
                  .optional(),
                msteams: z
                  .object({ width: z.literal("Full").optional() })
                  .strict()
                  .optional(),
              })
              .strict(),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

// developers.google.com/workspace/chat/api/reference/rest/v1/spaces.messages and cards: text ≤ 4096 characters,
// the whole message ≤ 32,000 bytes, ≤ 100 widgets per card.
const googleWidget = z.union([
  z
    .object({
      decoratedText: z
        .object({ topLabel: z.string().optional(), text: z.string().min(1), wrapText: z.boolean().optional() })
        .strict(),
    })
    .strict(),
  z.object({ textParagraph: z.object({ text: z.string().min(1) }).strict() }).strict(),
  z
    .object({
      buttonList: z
        .object({
          buttons: z
            .array(
              z
                .object({
                  text: z.string().min(1),
                  onClick: z.object({ openLink: z.object({ url: httpUrl }).strict() }).strict(),
                })
                .strict(),
            )
            .min(1),
        })
        .strict(),
    })
    .strict(),
]);
export const googleChatPayload = z
  .object({
    text: codePoints(4096).optional(),
    cardsV2: z
      .array(
        z
          .object({
            cardId: z.string().min(1),
            card: z
              .object({
                header: z
                  .object({ title: nonEmpty(4096), subtitle: z.string().optional() })
                  .strict()
                  .optional(),
                sections: z
                  .array(z.object({ header: z.string().optional(), widgets: z.array(googleWidget).min(1) }).strict())
                  .min(1),
              })
              .strict()
              .refine(
                (c) => c.sections.reduce((n, s) => n + s.widgets.length, 0) <= 100,
                "a card holds at most 100 widgets",
              ),
          })
          .strict(),
      )
      .optional(),
  })
  .strict()
  .refine((p) => p.text || p.cardsV2?.length, "needs text or cards");

export const PLATFORM_SCHEMAS = {
  slack: { schema: slackPayload, maxBytes: Infinity },
  mattermost: { schema: mattermostPayload, maxBytes: Infinity },
  discord: { schema: discordPayload, maxBytes: Infinity },
  teams: { schema: teamsPayload, maxBytes: 28 * 1024 },
  google_chat: { schema: googleChatPayload, maxBytes: 32_000 },
} as const;
