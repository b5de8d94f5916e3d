import "server-only";
import { componentsInPageOrder } from "@/lib/component-order";
import { AppError } from "@/server/errors";
import { cacheableResponse, handlePublic } from "@/server/api/json-response";
import { getComponentTree, getPage } from "@/server/queries/public-status";
import { getLastChangeAt, listFeedIncidents } from "@/server/queries/machine-status";
import { pageBaseUrl } from "@/server/page-url";
import { buildFeedModel, type FeedFormat } from "@/server/feeds/feed-model";
import { ATOM_CONTENT_TYPE, renderAtom } from "@/server/feeds/atom";
import { RSS_CONTENT_TYPE, renderRss } from "@/server/feeds/rss";
import { JSON_FEED_CONTENT_TYPE, renderJsonFeed } from "@/server/feeds/json-feed";

export const FEED_LIMIT = 50;

const RENDERERS: Record<FeedFormat, { contentType: string; render: typeof renderRss }> = {
  rss: { contentType: RSS_CONTENT_TYPE, render: renderRss },
  atom: { contentType: ATOM_CONTENT_TYPE, render: renderAtom },
  json: { contentType: JSON_FEED_CONTENT_TYPE, render: renderJsonFeed },
};

/** The page's history feed, or one component's (a group's covers its children), in the given format. */
export function feedResponse(request: Request, format: FeedFormat, componentId?: string): Promise<Response> {
  return handlePublic(async () => {
    const [page, tree, lastChangeAt] = await Promise.all([getPage(), getComponentTree(), getLastChangeAt()]);
    let subject: { id: string; name: string; componentIds: string[] } | undefined;
    if (componentId) {
      const component = tree.components.find((c) => c.id === componentId);
      const group = tree.groups.find((g) => g.id === componentId);
      if (component) subject = { id: component.id, name: component.name, componentIds: [component.id] };
      else if (group) subject = { id: group.id, name: group.name, componentIds: group.componentIds };
      else throw new AppError("NOT_FOUND", "There is no component with that id.");
    }
    const incidents = await listFeedIncidents(FEED_LIMIT, subject?.componentIds);
    const model = buildFeedModel({
      pageName: page.name,
      baseUrl: pageBaseUrl(page),
      pageUpdatedAt: lastChangeAt ?? page.updatedAt,
      componentNames: new Map(componentsInPageOrder(tree).map((c) => [c.id, c.name])),
      incidents,
      component: subject ? { id: subject.id, name: subject.name } : undefined,
    });
    const { contentType, render } = RENDERERS[format];
    return cacheableResponse(request, render(model), contentType);
  });
}
