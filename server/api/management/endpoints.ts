import "server-only";
import { managementDispatcher, serveApiRequest, type Endpoint } from "@/server/api/management/router";
import { AppError } from "@/server/errors";
import { incidentEndpoints } from "@/server/api/management/incidents";
import { componentEndpoints } from "@/server/api/management/components";
import { subscriberEndpoints } from "@/server/api/management/subscribers";
import { postmortemEndpoints } from "@/server/api/management/postmortems";
import { templateAndPageEndpoints } from "@/server/api/management/templates-and-page";
import { metricEndpoints } from "@/server/api/management/metrics";

export const MANAGEMENT_ENDPOINTS: Endpoint[] = [
  ...incidentEndpoints,
  ...componentEndpoints,
  ...postmortemEndpoints,
  ...subscriberEndpoints,
  ...templateAndPageEndpoints,
  ...metricEndpoints,
];

export const handleManagementRequest = managementDispatcher(MANAGEMENT_ENDPOINTS);

/** `/api/v1/<anything else>`: Statuspage's organization resources are not here (501); the rest is nowhere (404). */
export async function handleUnknownApiPath(
  request: Request,
  context: { params: Promise<{ unknownPath: string[] }> },
): Promise<Response> {
  const segments = (await context.params).unknownPath;
  return serveApiRequest(request, "statuspage", (page) => {
    if (segments[0] === "organizations") {
      throw new AppError(
        "NOT_SUPPORTED",
        "Organization users and permissions are not supported by this API: manage users in the console at /admin/users.",
      );
    }
    throw new AppError(
      "NOT_FOUND",
      `There is no resource at /api/v1/${segments.join("/")}. Statuspage's management API is under /api/v1/pages/${page.statuspagePageId ?? page.id}/….`,
    );
  });
}
