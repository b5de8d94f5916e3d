import { handlePublic, jsonResponse, preflightResponse } from "@/server/api/json-response";
import { scheduledMaintenancesJson } from "@/server/api/public-data";

export function GET(request: Request) {
  return handlePublic(async () => jsonResponse(request, await scheduledMaintenancesJson(request, "active")));
}

export const OPTIONS = preflightResponse;
