import type { FeedModel } from "@/server/feeds/feed-model";
import { xmlElement, xmlEmptyElement } from "@/server/feeds/xml";

export const ATOM_CONTENT_TYPE = "application/atom+xml; charset=utf-8";

/** Atom 1.0 (RFC 4287). */
export function renderAtom(feed: FeedModel): string {
  const entries = feed.items.map((item) =>
    [
      "<entry>",
      xmlElement("id", item.id),
      xmlElement("title", item.title),
      xmlElement("published", item.published.toISOString()),
      xmlElement("updated", item.updated.toISOString()),
      xmlEmptyElement("link", { rel: "alternate", type: "text/html", href: item.url }),
      ...(item.isMaintenance
        ? [xmlEmptyElement("category", { term: "maintenance", label: "Scheduled maintenance" })]
        : []),
      xmlElement("content", item.contentHtml, { type: "html" }),
      "</entry>",
    ].join(""),
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">',
    xmlElement("id", feed.feedUrls.atom),
    xmlElement("title", feed.title),
    xmlElement("subtitle", feed.description),
    xmlElement("updated", feed.updated.toISOString()),
    xmlEmptyElement("link", { rel: "alternate", type: "text/html", href: feed.homeUrl }),
    xmlEmptyElement("link", { rel: "self", type: "application/atom+xml", href: feed.feedUrls.atom }),
    `<author>${xmlElement("name", feed.authorName)}</author>`,
    ...entries,
    "</feed>",
    "",
  ].join("\n");
}
