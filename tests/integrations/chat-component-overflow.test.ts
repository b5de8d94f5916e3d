import { describe, expect, it } from "vitest";
import { renderChatMessage } from "@/server/notifications/chat/render-chat-message";
import { CHAT_COMPONENTS_SHOWN, selectShownComponents } from "@/server/notifications/chat/chat-components";
import type { ChatMessage } from "@/server/notifications/chat/chat-message";
import { PLATFORM_SCHEMAS } from "@/tests/integrations/chat-schemas";
import { CHAT_PLATFORMS } from "@/lib/integrations";

function messageWith(names: string[]): ChatMessage {
  return {
    event: "incident.created",
    pageName: "Forgeline",
    pageUrl: "https://status.example.test",
    headline: "New incident",
    title: "Errors in every region",
    url: "https://status.example.test/incidents/abc123",
    linkLabel: "View incident",
    tone: "major",
    facts: [
      { label: "Status", value: "Investigating" },
      { label: "Impact", value: "Major" },
    ],
    components: names.map((name) => ({ name, status: "partial_outage" as const })),
    body: "We are looking into it.",
    timestamp: "2026-01-02T03:04:05.000Z",
    componentIds: names.map((_, i) => `c${i}`),
  };
}

const regions = (count: number, pad = "") => Array.from({ length: count }, (_, i) => `Region${pad}${i + 100}`);

describe("components beyond what a chat message shows", () => {
  it("every platform names 10 of 11 components and says 'and 1 more component' with a link", () => {
    const names = regions(11);
    for (const platform of CHAT_PLATFORMS) {
      const payload = renderChatMessage(platform, messageWith(names));
      expect(PLATFORM_SCHEMAS[platform].schema.safeParse(payload).error, platform).toBeUndefined();
      const text = JSON.stringify(payload);
      expect(
        names.filter((name) => text.includes(name)),
        platform,
      ).toEqual(names.slice(0, CHAT_COMPONENTS_SHOWN));
      expect(text, platform).toContain("and 1 more component");
      expect(text, platform).not.toContain("and 1 more components");
      const moreAt = text.indexOf("and 1 more component");
      expect(text.slice(moreAt, moreAt + 200), platform).toContain("/incidents/abc123");
    }
  });

  it("names all of 10 components and adds no count", () => {
    const names = regions(10);
    for (const platform of CHAT_PLATFORMS) {
      const text = JSON.stringify(renderChatMessage(platform, messageWith(names)));
      expect(
        names.every((name) => text.includes(name)),
        platform,
      ).toBe(true);
      expect(text, platform).not.toMatch(/more component/);
    }
  });

  it("shows fewer where a platform's field is full, and the count covers every one left out", () => {
    const names = regions(11, "x".repeat(180));
    const payload = renderChatMessage("discord", messageWith(names));
    expect(PLATFORM_SCHEMAS.discord.schema.safeParse(payload).error).toBeUndefined();
    const text = JSON.stringify(payload);
    const shown = names.filter((name) => text.includes(name)).length;
    expect(shown).toBeLessThan(10);
    expect(shown).toBeGreaterThan(0);
    expect(text).toContain(`and ${names.length - shown} more components`);
  });

  it("decides the shown list and the count in one place", () => {
    const components = regions(13).map((name) => ({ name, status: "operational" as const }));
    expect(selectShownComponents(components.slice(0, 3))).toEqual({ shown: components.slice(0, 3), more: null });
    expect(selectShownComponents(components)).toEqual({
      shown: components.slice(0, 10),
      more: "and 3 more components",
    });
    expect(selectShownComponents(components, ({ shown }) => shown.length <= 4)).toEqual({
      shown: components.slice(0, 4),
      more: "and 9 more components",
    });
  });
});
