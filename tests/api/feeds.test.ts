import { beforeAll, describe, expect, it } from "vitest";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { getDb } from "@/server/db/client";
import { invalidateTags } from "@/server/cache/tagged-cache";
import { TAGS } from "@/server/cache/tags";
import type { IncidentUpdateDto } from "@/lib/dto";
import { buildFeedModel, type FeedIncident } from "@/server/feeds/feed-model";
import { renderRss } from "@/server/feeds/rss";
import { renderAtom } from "@/server/feeds/atom";
import { renderJsonFeed } from "@/server/feeds/json-feed";
import { stripIllegalXmlChars, xmlText } from "@/server/feeds/xml";
import { createComponent, unique } from "@/tests/support/factories";
import { ensurePageOnce } from "@/tests/api/support";
import * as rssRoute from "@/app/history.rss/route";
import * as atomRoute from "@/app/history.atom/route";
import * as jsonRoute from "@/app/history.json/route";
import * as componentRssRoute from "@/app/components/[componentId]/history.rss/route";
import * as componentAtomRoute from "@/app/components/[componentId]/history.atom/route";
import * as componentJsonRoute from "@/app/components/[componentId]/history.json/route";

const HOSTILE = `Fix & deploy <script>alert("x")</script> 'quoted' 💥 \u0000 \u0008 \uFFFE \uFFFF \uD800 ]]> done`;
// PostgreSQL text cannot hold NUL or lone surrogates, so stored rows carry every other hostile character.
const STORABLE_HOSTILE = HOSTILE.replace(/\u0000|\uD800/g, "");
const ILLEGAL = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@" });
const asArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

function update(overrides: Partial<IncidentUpdateDto>): IncidentUpdateDto {
  const at = overrides.displayAt ?? new Date("2026-03-15T01:59:00Z");
  return {
    id: unique("u"),
    incidentId: "inc1",
    status: "investigating",
    body: "Looking.",
    displayAt: at,
    createdAt: at,
    updatedAt: at,
    deliverNotifications: true,
    affectedComponents: [],
    ...overrides,
  };
}

function incident(overrides: Partial<FeedIncident> = {}): FeedIncident {
  const started = new Date("2026-03-15T01:59:00Z");
  return {
    id: "inc1",
    kind: "incident",
    name: "API errors",
    status: "resolved",
    impact: "major",
    createdAt: started,
    updatedAt: new Date("2026-03-15T04:00:00Z"),
    startedAt: started,
    monitoringAt: null,
    resolvedAt: new Date("2026-03-15T03:00:00Z"),
    scheduledFor: null,
    scheduledUntil: null,
    componentIds: ["c1", "c2"],
    autoTransitionToMaintenanceState: false,
    autoTransitionToOperationalState: false,
    postmortem: null,
    updates: [
      update({ status: "resolved", body: "All **good** now.", displayAt: new Date("2026-03-15T03:00:00Z") }),
      update({ status: "investigating", body: "Still looking.", displayAt: new Date("2026-03-15T02:30:00Z") }),
      update({ status: "investigating", body: "Looking.", displayAt: started }),
    ],
    ...overrides,
  };
}

const baseInput = {
  pageName: "Acme & Sons",
  baseUrl: "https://status.acme.test",
  pageUpdatedAt: new Date("2026-03-01T00:00:00Z"),
  componentNames: new Map([
    ["c1", "API"],
    ["c2", "Web <App>"],
  ]),
};

describe("feed builders", () => {
  it("strips characters XML 1.0 forbids and escapes markup, keeping emoji", () => {
    expect(stripIllegalXmlChars("a\u0000b\u0008c\uFFFEd\uD800e\tf\ng💥")).toBe("abcde\tf\ng💥");
    expect(xmlText(`& < > " '`)).toBe("&amp; &lt; &gt; &quot; &apos;");
  });

  it("renders well-formed RSS 2.0 with every update as '<label> - <body>' and its UTC time", () => {
    const rss = renderRss(buildFeedModel({ ...baseInput, incidents: [incident()] }));
    expect(XMLValidator.validate(rss)).toBe(true);
    const channel = parser.parse(rss).rss.channel;
    expect(channel.title).toBe("Acme & Sons Status - Incident History");
    expect(channel.link).toBe("https://status.acme.test/");
    expect(channel["atom:link"]["@href"]).toBe("https://status.acme.test/history.rss");
    const item = asArray(channel.item)[0];
    expect(item.link).toBe("https://status.acme.test/incidents/inc1");
    expect(item.guid).toEqual({ "#text": "https://status.acme.test/incidents/inc1", "@isPermaLink": "true" });
    expect(item.pubDate).toBe("Sun, 15 Mar 2026 01:59:00 GMT");
    const html: string = item.description;
    expect(html).toContain("<small>Mar 15, 2026 - 03:00 UTC</small>");
    expect(html).toContain("<p><strong>Resolved</strong> - All <strong>good</strong> now.</p>");
    expect(html).toContain("<p><strong>Update</strong> - Still looking.</p>");
    expect(html).toContain("<p><strong>Investigating</strong> - Looking.</p>");
    expect(html.indexOf("Resolved")).toBeLessThan(html.indexOf("Investigating"));
    expect(html).toContain("This incident affected: API and Web &lt;App&gt;.");
  });

  it("renders well-formed Atom 1.0 with ids, published and updated times", () => {
    const atom = renderAtom(buildFeedModel({ ...baseInput, incidents: [incident()] }));
    expect(XMLValidator.validate(atom)).toBe(true);
    const feed = parser.parse(atom).feed;
    expect(feed["@xmlns"]).toBe("http://www.w3.org/2005/Atom");
    expect(feed.id).toBe("https://status.acme.test/history.atom");
    expect(feed.updated).toBe("2026-03-15T04:00:00.000Z");
    expect(feed.author.name).toBe("Acme & Sons");
    const entry = asArray(feed.entry)[0];
    expect(entry).toMatchObject({
      id: "https://status.acme.test/incidents/inc1",
      title: "API errors",
      published: "2026-03-15T01:59:00.000Z",
      updated: "2026-03-15T04:00:00.000Z",
    });
    expect(entry.link["@href"]).toBe("https://status.acme.test/incidents/inc1");
    expect(entry.content["@type"]).toBe("html");
    expect(entry.content["#text"]).toContain("<strong>Resolved</strong> - All <strong>good</strong> now.");
  });

  it("puts a published postmortem and a maintenance window in the content", () => {
    const withPostmortem = incident({
      status: "postmortem",
      postmortem: {
        body: "## What happened\nA *bad* deploy.",
        publishedAt: new Date("2026-03-20T10:00:00Z"),
        updatedAt: new Date("2026-03-21T10:00:00Z"),
      },
    });
    const maintenance = incident({
      id: "m1",
      kind: "maintenance",
      name: "DB upgrade",
      status: "scheduled",
      impact: "maintenance",
      scheduledFor: new Date("2026-04-01T02:00:00Z"),
      scheduledUntil: new Date("2026-04-01T04:00:00Z"),
      updates: [update({ status: "scheduled", body: "We will upgrade." })],
    });
    const model = buildFeedModel({ ...baseInput, incidents: [maintenance, withPostmortem] });
    expect(model.items[1].contentHtml).toContain("<h3>Postmortem</h3>");
    expect(model.items[1].contentHtml).toContain("<h2>What happened</h2>");
    expect(model.items[1].updated.toISOString()).toBe("2026-03-21T10:00:00.000Z");
    expect(model.items[0].contentHtml).toContain("Scheduled for Apr 1, 2026 - 02:00 UTC to Apr 1, 2026 - 04:00 UTC");
    expect(model.items[0].contentHtml).toContain("This scheduled maintenance affected");
  });

  it("stays well-formed and lossless for hostile text in every field", () => {
    const hostile = incident({
      name: HOSTILE,
      updates: [update({ body: HOSTILE })],
      postmortem: { body: HOSTILE, publishedAt: new Date(), updatedAt: new Date() },
    });
    const model = buildFeedModel({
      ...baseInput,
      pageName: HOSTILE,
      componentNames: new Map([["c1", HOSTILE]]),
      incidents: [hostile],
    });
    for (const xml of [renderRss(model), renderAtom(model)]) {
      expect(XMLValidator.validate(xml)).toBe(true);
      expect(ILLEGAL.test(xml)).toBe(false);
      expect(xml).not.toContain("<script>");
      expect(xml).toContain("💥");
      const parsed = parser.parse(xml);
      const title = parsed.rss ? asArray(parsed.rss.channel.item)[0].title : asArray(parsed.feed.entry)[0].title;
      expect(title).toBe(`Fix & deploy <script>alert("x")</script> 'quoted' 💥      ]]> done`);
      const html: string = parsed.rss
        ? asArray(parsed.rss.channel.item)[0].description
        : asArray(parsed.feed.entry)[0].content["#text"];
      expect(html).not.toMatch(/<script/i);
      expect(html).toContain("💥");
    }
    const json = JSON.parse(renderJsonFeed(model));
    expect(json.items[0].title).toContain("💥");
    expect(json.items[0].content_html).not.toMatch(/<script/i);
  });

  it("renders JSON Feed 1.1", () => {
    const json = JSON.parse(
      renderJsonFeed(buildFeedModel({ ...baseInput, incidents: [incident()], component: { id: "c1", name: "API" } })),
    );
    expect(json).toMatchObject({
      version: "https://jsonfeed.org/version/1.1",
      title: "Acme & Sons Status - API Incident History",
      home_page_url: "https://status.acme.test/",
      feed_url: "https://status.acme.test/components/c1/history.json",
    });
    expect(Object.keys(json.items[0]).sort()).toEqual([
      "content_html",
      "date_modified",
      "date_published",
      "id",
      "tags",
      "title",
      "url",
    ]);
    expect(json.items[0].date_published).toBe("2026-03-15T01:59:00.000Z");
  });
});

describe("feed routes", () => {
  let data: {
    groupId: string;
    componentId: string;
    otherComponentId: string;
    incidentId: string;
    otherIncidentId: string;
    baseUrl: string;
  };

  beforeAll(async () => {
    const db = getDb();
    const page = await ensurePageOnce();
    const group = await db.componentGroup.create({ data: { name: unique("Feed group"), position: 50 } });
    const component = await createComponent({ name: unique("Feed component"), groupId: group.id });
    const other = await createComponent({ name: unique("Other component") });
    const hostile = await db.incident.create({
      data: {
        name: STORABLE_HOSTILE,
        status: "resolved",
        impact: "minor",
        startedAt: new Date(),
        resolvedAt: new Date(),
        components: { create: [{ componentId: component.id }] },
        updates: { create: [{ status: "resolved", body: STORABLE_HOSTILE, displayAt: new Date() }] },
        postmortem: {
          create: {
            body: `Postmortem ${STORABLE_HOSTILE}`,
            draft: `Postmortem ${STORABLE_HOSTILE}`,
            publishedAt: new Date(),
          },
        },
      },
    });
    const unrelated = await db.incident.create({
      data: {
        name: unique("Elsewhere"),
        status: "investigating",
        impact: "minor",
        startedAt: new Date(Date.now() - 1000),
        components: { create: [{ componentId: other.id }] },
        updates: { create: [{ status: "investigating", body: "Elsewhere", displayAt: new Date() }] },
      },
    });
    invalidateTags([TAGS.page, TAGS.components, TAGS.incidents]);
    data = {
      groupId: group.id,
      componentId: component.id,
      otherComponentId: other.id,
      incidentId: hostile.id,
      otherIncidentId: unrelated.id,
      baseUrl: page.url.replace(/\/+$/, ""),
    };
  });

  const request = (path: string, headers: Record<string, string> = {}) =>
    new Request(`http://feeds.test${path}`, { headers });
  const params = (componentId: string) => ({ params: Promise.resolve({ componentId }) });

  it("serves the page's feeds with their content types and a hostile incident intact", async () => {
    for (const [route, type] of [
      [rssRoute, "application/rss+xml; charset=utf-8"],
      [atomRoute, "application/atom+xml; charset=utf-8"],
    ] as const) {
      const response = await route.GET(request("/history"));
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe(type);
      expect(response.headers.get("cache-control")).toContain("s-maxage=10");
      const xml = await response.text();
      expect(XMLValidator.validate(xml)).toBe(true);
      expect(ILLEGAL.test(xml)).toBe(false);
      expect(xml).toContain(`${data.baseUrl}/incidents/${data.incidentId}`);
      expect(xml).toContain("Postmortem");
    }
    const json = await jsonRoute.GET(request("/history.json"));
    expect(json.headers.get("content-type")).toBe("application/feed+json; charset=utf-8");
    const feed = await json.json();
    expect(feed.items.length).toBeLessThanOrEqual(50);
    expect(feed.items.map((i: { id: string }) => i.id)).toContain(`${data.baseUrl}/incidents/${data.incidentId}`);
  });

  it("answers 304 to a feed reader that already has the current feed", async () => {
    const first = await rssRoute.GET(request("/history.rss"));
    const etag = first.headers.get("etag")!;
    const again = await rssRoute.GET(request("/history.rss", { "If-None-Match": etag }));
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
  });

  it("serves a component's feed with only the incidents that affected it", async () => {
    const rss = await (
      await componentRssRoute.GET(request(`/components/${data.componentId}/history.rss`), params(data.componentId))
    ).text();
    expect(XMLValidator.validate(rss)).toBe(true);
    expect(rss).toContain(`/incidents/${data.incidentId}`);
    expect(rss).not.toContain(`/incidents/${data.otherIncidentId}`);
    expect(rss).toContain(`${data.baseUrl}/components/${data.componentId}/history.rss`);
    const atom = await (
      await componentAtomRoute.GET(request(`/components/${data.componentId}/history.atom`), params(data.componentId))
    ).text();
    expect(XMLValidator.validate(atom)).toBe(true);
    const json = await (
      await componentJsonRoute.GET(
        request(`/components/${data.otherComponentId}/history.json`),
        params(data.otherComponentId),
      )
    ).json();
    expect(json.items.map((i: { id: string }) => i.id)).toEqual([`${data.baseUrl}/incidents/${data.otherIncidentId}`]);
  });

  it("serves a group's feed with the incidents of its children", async () => {
    const response = await componentAtomRoute.GET(
      request(`/components/${data.groupId}/history.atom`),
      params(data.groupId),
    );
    const atom = await response.text();
    expect(XMLValidator.validate(atom)).toBe(true);
    expect(atom).toContain(`/incidents/${data.incidentId}`);
    expect(atom).not.toContain(`/incidents/${data.otherIncidentId}`);
  });

  it("answers 404 for an unknown component", async () => {
    const response = await componentRssRoute.GET(request("/components/nope/history.rss"), params("nope"));
    expect(response.status).toBe(404);
  });
});
