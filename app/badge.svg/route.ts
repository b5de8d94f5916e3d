import { badgeResponse } from "@/server/api/badge-response";

export function GET(request: Request) {
  return badgeResponse(request);
}
