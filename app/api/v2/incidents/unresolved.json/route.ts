import { handlePublic, jsonResponse, preflightResponse } from "@/server/api/json-response";
import { unresolvedIncidentsJson } from "@/server/api/public-data";

export function GET(request: Request) {
  return handlePublic(async () => jsonResponse(request, await unresolvedIncidentsJson(request)));
}

export const OPTIONS = preflightResponse;
