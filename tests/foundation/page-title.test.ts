import { describe, expect, it } from "vitest";
import { ofPage, pageLabel, pageTitle } from "@/lib/page-title";
import { statusHeadline } from "@/lib/status-headline";
import { pageMetadata } from "@/app/(public)/_components/branding";
import { buildFeedModel } from "@/server/feeds/feed-model";
import { renderConfirmationEmail } from "@/server/notifications/email-templates";
import { testChatMessage } from "@/server/notifications/chat/chat-message";
import type { PageDto } from "@/lib/dto";

const page = (name: string): PageDto => ({
  id: "page1",
  name,
  url: "https://status.example.test",
  timeZone: "Etc/UTC",
  logoUrl: null,
  faviconUrl: null,
  brandColor: "#2563eb",
  companyUrl: null,
  supportUrl: null,
  contactEmail: null,
  twitter: null,
  privacyUrl: null,
  footerText: null,
  description: null,
  updatedAt: new Date("2026-01-01T00:00:00Z"),
});

const feedTitle = (pageName: string) =>
  buildFeedModel({
    pageName,
    baseUrl: "https://status.example.test",
    pageUpdatedAt: new Date("2026-01-01T00:00:00Z"),
    componentNames: new Map(),
    incidents: [],
  }).title;

describe("page title", () => {
  it("adds Status to a name, says just Status without one, and never doubles it", () => {
    expect(pageTitle("Acme")).toBe("Acme Status");
    expect(pageTitle("  Acme  ")).toBe("Acme Status");
    expect(pageTitle("")).toBe("Status");
    expect(pageTitle("   ")).toBe("Status");
    expect(pageTitle(null)).toBe("Status");
    expect(pageTitle("Status")).toBe("Status");
    expect(pageTitle("Acme Status")).toBe("Acme Status");
    expect(pageTitle("Acme status")).toBe("Acme status");
    // Only a whole word: "Statusfy" is a name, not a title.
    expect(pageTitle("Statusfy")).toBe("Statusfy Status");
    expect(pageLabel("")).toBe("Status");
    expect(pageLabel("Acme")).toBe("Acme");
    expect(ofPage("")).toBe("");
    expect(ofPage("Acme")).toBe(" of Acme");
  });

  it("an unnamed page is never titled Status Status: metadata, Open Graph, feeds and emails", () => {
    for (const name of ["", "Status", "Acme Status"]) {
      const metadata = pageMetadata(page(name), { path: "/" });
      const title = (metadata.title as { absolute: string }).absolute;
      expect(title).not.toMatch(/Status Status/);
      expect(metadata.openGraph?.siteName).toBe(title);
      expect(String(metadata.description)).not.toMatch(/ of \./);
      expect(feedTitle(name)).not.toMatch(/Status Status|^ /);
    }
    expect((pageMetadata(page(""), { path: "/" }).title as { absolute: string }).absolute).toBe("Status");
    expect(
      (pageMetadata(page("Acme"), { title: "History", path: "/history" }).title as { absolute: string }).absolute,
    ).toBe("History | Acme Status");
    expect(feedTitle("")).toBe("Status - Incident History");
    expect(feedTitle("Acme & Sons")).toBe("Acme & Sons Status - Incident History");
    const mail = renderConfirmationEmail({
      pageName: "",
      to: "a@example.test",
      confirmUrl: "https://x.test/c",
      scope: "all updates",
    });
    expect(mail.subject).toBe("[Status] Confirm your subscription");
    const chat = testChatMessage({ name: "", url: "https://x.test" }, "#ops");
    expect(chat.pageName).toBe("Status");
    expect(chat.title).toBe("Status is connected to #ops");
  });
});

describe("public status headline", () => {
  it("a page without components says it is being set up, with its name when it has one", () => {
    expect(statusHeadline({ indicator: "none", componentCount: 0, pageName: "" })).toEqual({
      text: "This status page is being set up",
      settingUp: true,
    });
    expect(statusHeadline({ indicator: "none", componentCount: 0, pageName: "Acme" }).text).toBe(
      "The Acme status page is being set up",
    );
  });

  it("a page with components, or with something open, says its status as before", () => {
    expect(statusHeadline({ indicator: "none", componentCount: 3, pageName: "Acme" })).toEqual({
      text: "All Systems Operational",
      settingUp: false,
    });
    expect(statusHeadline({ indicator: "major", componentCount: 0, pageName: "" }).settingUp).toBe(false);
  });
});
