import "server-only";
import { createHash } from "node:crypto";
import { toAppError } from "@/server/errors";
import { errorResponse } from "@/server/http/error-response";
import { PUBLIC_CACHE_CONTROL } from "@/lib/cache-control";

export const CORS_HEADERS: Record<string, string> = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Expose-Headers": "ETag",
};

const PREFLIGHT_HEADERS: Record<string, string> = {
  ...CORS_HEADERS,
  "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
  "Access-Control-Allow-Headers": "If-None-Match, Content-Type",
  "Access-Control-Max-Age": "86400",
};

export function strongEtag(body: string | Uint8Array): string {
  return `"${createHash("sha256").update(body).digest("base64url").slice(0, 32)}"`;
}

/** RFC 9110 weak comparison, as If-None-Match requires: `W/"x"` matches `"x"`, and `*` matches anything. */
export function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const wanted = etag.replace(/^W\//, "");
  return ifNoneMatch.split(",").some((candidate) => {
    const tag = candidate.trim();
    return tag === "*" || tag.replace(/^W\//, "") === wanted;
  });
}

/**
 * A cacheable public response: strong ETag over the exact body, `304` when the client already holds it,
 * CORS open to every origin and a Cache-Control that lets a CDN absorb a stampede or an outage.
 */
export function cacheableResponse(
  request: Request,
  body: string,
  contentType: string,
  extraHeaders: Record<string, string> = {},
): Response {
  const etag = strongEtag(body);
  const headers: Record<string, string> = {
    ...CORS_HEADERS,
    "Cache-Control": PUBLIC_CACHE_CONTROL,
    ETag: etag,
    ...extraHeaders,
  };
  if (etagMatches(request.headers.get("if-none-match"), etag)) {
    return new Response(null, { status: 304, headers });
  }
  headers["Content-Type"] = contentType;
  // The body goes out for HEAD too: Node drops it on the wire, and a shared cache that stores the HEAD response stays whole.
  return new Response(body, { status: 200, headers });
}

export function jsonResponse(request: Request, data: unknown): Response {
  return cacheableResponse(request, JSON.stringify(data), "application/json; charset=utf-8");
}

export function preflightResponse(): Response {
  return new Response(null, { status: 204, headers: PREFLIGHT_HEADERS });
}

/** Runs a public read and turns any failure into a JSON error; unknown errors are logged, never shown. */
export async function handlePublic(build: () => Promise<Response>): Promise<Response> {
  try {
    return await build();
  } catch (error) {
    const appError = toAppError(error);
    const retry: Record<string, string> = appError.code === "UNAVAILABLE" ? { "Retry-After": "5" } : {};
    return errorResponse(appError, "ours", { ...CORS_HEADERS, ...retry });
  }
}
