import "server-only";
import { AppError } from "@/server/errors";
import { worstComponentStatus } from "@/lib/status";
import { cacheableResponse, handlePublic } from "@/server/api/json-response";
import { getComponentTree, listOpenMaintenances, listUnresolvedIncidents } from "@/server/queries/public-status";
import { pageIndicator } from "@/server/api/statuspage-serializers";
import { INDICATOR_BADGE, SVG_CONTENT_TYPE, componentBadge, renderBadge } from "@/server/api/badge";

function labelFrom(request: Request, fallback: string): string {
  const label = new URL(request.url).searchParams.get("label")?.trim();
  return label ? label : fallback;
}

/** The page's badge, or a component's (or group's) when an id is given. */
export function badgeResponse(request: Request, componentId?: string): Promise<Response> {
  return handlePublic(async () => {
    const tree = await getComponentTree();
    if (componentId === undefined) {
      const [unresolved, maintenances] = await Promise.all([listUnresolvedIncidents(), listOpenMaintenances()]);
      const badge = INDICATOR_BADGE[pageIndicator(tree, unresolved, maintenances)];
      return cacheableResponse(
        request,
        renderBadge({ label: labelFrom(request, "status"), ...badge }),
        SVG_CONTENT_TYPE,
      );
    }
    const component = tree.components.find((c) => c.id === componentId);
    const group = tree.groups.find((g) => g.id === componentId);
    if (!component && !group) throw new AppError("NOT_FOUND", "There is no component with that id.");
    const status = component
      ? component.status
      : worstComponentStatus(tree.components.filter((c) => c.groupId === group!.id).map((c) => c.status));
    const badge = componentBadge(status);
    return cacheableResponse(
      request,
      renderBadge({ label: labelFrom(request, component?.name ?? group!.name), ...badge }),
      SVG_CONTENT_TYPE,
    );
  });
}
