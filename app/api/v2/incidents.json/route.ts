import { handlePublic, jsonResponse, preflightResponse } from "@/server/api/json-response";
import { incidentsJson } from "@/server/api/public-data";

export function GET(request: Request) {
  return handlePublic(async () => jsonResponse(request, await incidentsJson(request)));
}

export const OPTIONS = preflightResponse;
