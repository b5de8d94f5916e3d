import { CORS_HEADERS, cacheableResponse } from "@/server/api/json-response";
import { JAVASCRIPT_CONTENT_TYPE, embedScript } from "@/server/api/embed-script";

export function GET(request: Request) {
  return cacheableResponse(request, embedScript(), JAVASCRIPT_CONTENT_TYPE, CORS_HEADERS);
}
