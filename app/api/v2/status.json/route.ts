import { handlePublic, jsonResponse, preflightResponse } from "@/server/api/json-response";
import { statusJson } from "@/server/api/public-data";

export function GET(request: Request) {
  return handlePublic(async () => jsonResponse(request, await statusJson(request)));
}

export const OPTIONS = preflightResponse;
