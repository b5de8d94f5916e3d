import type { FeedModel } from "@/server/feeds/feed-model";
import { xmlElement, xmlEmptyElement } from "@/server/feeds/xml";

export const RSS_CONTENT_TYPE = "application/rss+xml; charset=utf-8";

/** RSS 2.0, with an atom:link to itself as the RSS Advisory Board recommends. */
export function renderRss(feed: FeedModel): string {
  const items = feed.items.map((item) =>
    [
      "<item>",
      xmlElement("title", item.title),
      xmlElement("link", item.url),
      xmlElement("guid", item.id, { isPermaLink: "true" }),
      xmlElement("pubDate", item.published.toUTCString()),
      ...(item.isMaintenance ? [xmlElement("category", "Scheduled maintenance")] : []),
      xmlElement("description", item.contentHtml),
      "</item>",
    ].join(""),
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    "<channel>",
    xmlElement("title", feed.title),
    xmlElement("link", feed.homeUrl),
    xmlElement("description", feed.description),
    xmlElement("language", "en"),
    xmlElement("lastBuildDate", feed.updated.toUTCString()),
    xmlEmptyElement("atom:link", { href: feed.feedUrls.rss, rel: "self", type: "application/rss+xml" }),
    ...items,
    "</channel>",
    "</rss>",
    "",
  ].join("\n");
}
