import type { FeedModel } from "@/server/feeds/feed-model";

export const JSON_FEED_CONTENT_TYPE = "application/feed+json; charset=utf-8";

/** JSON Feed 1.1 (https://jsonfeed.org/version/1.1). */
export function renderJsonFeed(feed: FeedModel): string {
  return JSON.stringify({
    version: "https://jsonfeed.org/version/1.1",
    title: feed.title,
    home_page_url: feed.homeUrl,
    feed_url: feed.feedUrls.json,
    description: feed.description,
    language: "en",
    authors: [{ name: feed.authorName }],
    items: feed.items.map((item) => ({
      id: item.id,
      url: item.url,
      title: item.title,
      content_html: item.contentHtml,
      date_published: item.published.toISOString(),
      date_modified: item.updated.toISOString(),
      tags: [item.isMaintenance ? "maintenance" : "incident"],
    })),
  });
}
