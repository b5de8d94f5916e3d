import { AppError } from "@/server/errors";
import { handlePublic, jsonResponse, preflightResponse } from "@/server/api/json-response";
import { incidentJson } from "@/server/api/public-data";

type Params = { params: Promise<{ incidentId: string }> };

/** Answers /api/v2/incidents/<id>.json, as Statuspage does. */
export function GET(request: Request, { params }: Params) {
  return handlePublic(async () => {
    const { incidentId: segment } = await params;
    const incidentId = segment.endsWith(".json") ? segment.slice(0, -".json".length) : null;
    const body = incidentId ? await incidentJson(request, incidentId) : null;
    if (!body) throw new AppError("NOT_FOUND", "There is no incident with that id.");
    return jsonResponse(request, body);
  });
}

export const OPTIONS = preflightResponse;
