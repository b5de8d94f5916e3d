import { getLiveState } from "@/server/queries/live-version";
import { isServingStaleData } from "@/server/cache/tagged-cache";
import { ID_PATTERN } from "@/lib/status";

export const dynamic = "force-dynamic";

/**
 * What public pages poll when they cannot stream: a version string that changes whenever public data changes.
 * `no-cache` lets the response cache keep it until the next change while browsers and CDNs always ask. `incident`
 * echoes an incident id that exists, and is null for one that does not (whose version is then the home page's).
 */
export async function GET(request: Request) {
  const incidentId = new URL(request.url).searchParams.get("incident");
  try {
    const asked = incidentId && ID_PATTERN.test(incidentId) ? incidentId : undefined;
    const { version, incidentFound } = await getLiveState(asked);
    const incident = asked === undefined ? {} : { incident: incidentFound ? asked : null };
    return Response.json(
      { version, ...incident, stale: isServingStaleData() },
      { headers: { "Cache-Control": "no-cache" } },
    );
  } catch (error) {
    console.error("Could not compute the live version", error);
    return Response.json(
      { error: "The status data is unavailable right now." },
      { status: 503, headers: { "Cache-Control": "no-store" } },
    );
  }
}
