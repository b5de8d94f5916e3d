import { getLiveVersion } from "@/server/queries/live-version";
import { isServingStaleData } from "@/server/cache/tagged-cache";

export const dynamic = "force-dynamic";

const INCIDENT_ID = /^[A-Za-z0-9_-]{1,40}$/;

/** What the public pages poll: a version string that changes whenever public data changes. */
export async function GET(request: Request) {
  const incidentId = new URL(request.url).searchParams.get("incident");
  try {
    const version = await getLiveVersion(incidentId && INCIDENT_ID.test(incidentId) ? incidentId : undefined);
    return Response.json(
      { version, stale: isServingStaleData() },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch (error) {
    console.error("Could not compute the live version", error);
    return Response.json({ error: "The status data is unavailable right now." }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
