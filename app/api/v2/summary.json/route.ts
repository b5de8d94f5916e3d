import { handlePublic, jsonResponse, preflightResponse } from "@/server/api/json-response";
import { summaryJson } from "@/server/api/public-data";

export function GET(request: Request) {
  return handlePublic(async () => jsonResponse(request, await summaryJson(request)));
}

export const OPTIONS = preflightResponse;
