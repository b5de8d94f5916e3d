import { beforeAll, describe, expect, it } from "vitest";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { getDb } from "@/server/db/client";
import { invalidateTags } from "@/server/cache/tagged-cache";
import { TAGS } from "@/server/cache/tags";
import { renderBadge, textWidth } from "@/server/api/badge";
import { embedScript } from "@/server/api/embed-script";
import { buildEmbedSnippets } from "@/components/embed-snippet";
import { createComponent, unique } from "@/tests/support/factories";
import * as pageBadgeRoute from "@/app/badge.svg/route";
import * as componentBadgeRoute from "@/app/components/[componentId]/badge.svg/route";
import * as embedScriptRoute from "@/app/embed/status.js/route";

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@" });
const request = (path: string, headers: Record<string, string> = {}) =>
  new Request(`http://badge.test${path}`, { headers });
const params = (componentId: string) => ({ params: Promise.resolve({ componentId }) });

describe("badge", () => {
  it("draws a shields-style SVG whose halves fit their text", () => {
    const svg = renderBadge({ label: "status", message: "operational", color: "#3fb950" });
    expect(XMLValidator.validate(svg)).toBe(true);
    const root = parser.parse(svg).svg;
    expect(root["@aria-label"]).toBe("status: operational");
    expect(Number(root["@width"])).toBe(textWidth("status") + 12 + textWidth("operational") + 12);
    expect(svg).toContain('fill="#3fb950"');
  });

  it("escapes hostile labels", () => {
    const svg = renderBadge({ label: `<b>&"'💥\u0000`, message: "operational", color: "#3fb950" });
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).not.toContain("<b>");
    expect(parser.parse(svg).svg.title).toBe(`<b>&"'💥: operational`);
  });

  let componentId: string;
  let groupId: string;
  beforeAll(async () => {
    const group = await getDb().componentGroup.create({ data: { name: unique("Badge group"), position: 99 } });
    const component = await createComponent({ name: "Badge & API", groupId: group.id });
    await getDb().component.update({ where: { id: component.id }, data: { status: "partial_outage" } });
    invalidateTags([TAGS.components]);
    componentId = component.id;
    groupId = group.id;
  });

  it("serves the page badge as cacheable SVG with 304 on a matching ETag", async () => {
    const response = await pageBadgeRoute.GET(request("/badge.svg"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/svg+xml; charset=utf-8");
    expect(response.headers.get("cache-control")).toContain("s-maxage=10");
    const svg = await response.text();
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(parser.parse(svg).svg["@aria-label"]).toMatch(
      /^status: (operational|minor outage|partial outage|major outage|maintenance)$/,
    );
    const again = await pageBadgeRoute.GET(request("/badge.svg", { "If-None-Match": response.headers.get("etag")! }));
    expect(again.status).toBe(304);
  });

  it("serves a component's and a group's badge, labelled with its name or ?label=", async () => {
    const component = await (
      await componentBadgeRoute.GET(request(`/components/${componentId}/badge.svg`), params(componentId))
    ).text();
    expect(parser.parse(component).svg["@aria-label"]).toBe("Badge & API: partial outage");
    const group = await (
      await componentBadgeRoute.GET(request(`/components/${groupId}/badge.svg?label=jobs`), params(groupId))
    ).text();
    expect(parser.parse(group).svg["@aria-label"]).toBe("jobs: partial outage");
    const missing = await componentBadgeRoute.GET(request("/components/nope/badge.svg"), params("nope"));
    expect(missing.status).toBe(404);
  });
});

describe("embed", () => {
  it("builds snippets with absolute URLs from the page URL", () => {
    const snippets = buildEmbedSnippets("https://status.acme.test/");
    expect(snippets.widget).toContain(
      '<script src="https://status.acme.test/embed/status.js" data-target="#status-widget" async></script>',
    );
    expect(snippets.badge).toContain('src="https://status.acme.test/badge.svg"');
    expect(snippets.fetchExample).toContain('fetch("https://status.acme.test/api/v2/status.json")');
  });

  it("serves the widget script as cacheable JavaScript that parses", async () => {
    const response = embedScriptRoute.GET(request("/embed/status.js"));
    expect(response.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(response.headers.get("etag")).toBeTruthy();
    const source = await response.text();
    expect(source).toBe(embedScript());
    expect(() => new Function(source)).not.toThrow();
    expect(source).toContain("/api/v2/status.json");
  });
});
