import { handlePublic, jsonResponse, preflightResponse } from "@/server/api/json-response";
import { componentsJson } from "@/server/api/public-data";

export function GET(request: Request) {
  return handlePublic(async () => jsonResponse(request, await componentsJson(request)));
}

export const OPTIONS = preflightResponse;
