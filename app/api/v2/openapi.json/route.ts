import { handlePublic, jsonResponse, preflightResponse } from "@/server/api/json-response";
import { openApiDocument } from "@/server/api/openapi";
import { loadApiContext } from "@/server/api/public-data";

export function GET(request: Request) {
  return handlePublic(async () => {
    const ctx = await loadApiContext(request);
    return jsonResponse(request, openApiDocument(ctx.baseUrl));
  });
}

export const OPTIONS = preflightResponse;
