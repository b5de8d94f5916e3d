import { ACTION_BODY_LIMIT_BYTES, ACTION_BODY_TOO_LARGE } from "@/lib/request-limits";

export type PagePostRefusal = { status: 403 | 411 | 413; message: string };

export const FOREIGN_ORIGIN_REFUSED = "This form was sent from another site, so it was not accepted.";
export const LENGTH_REQUIRED = "Send the form with a Content-Length header (the limit is 1 MB).";

/** The host Next compares a server action's Origin with: the first X-Forwarded-Host, else Host. */
function actionHost(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  return forwarded || headers.get("host");
}

/** Like Next: no Origin (a hand-made request, no browser credentials at risk) passes; `null` or a foreign host does not. */
function isForeignOrigin(headers: Headers): boolean {
  const origin = headers.get("origin");
  if (origin === null) return false;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return true;
  }
  return originHost === "" || originHost !== actionHost(headers);
}

/**
 * A POST to a page is a server action, which Next refuses with a bare 500 when it comes from a foreign Origin or
 * its body outgrows the limit while being read. Decided here from the headers alone, before Next reads anything:
 * a foreign Origin is 403, a declared length over the limit 413, and a body of unknown length (chunked) 411.
 * Route handlers under /api keep their own rules.
 */
export function screenPagePost(request: {
  method: string;
  pathname: string;
  headers: Headers;
}): PagePostRefusal | null {
  const { method, pathname, headers } = request;
  if (method !== "POST" || pathname === "/api" || pathname.startsWith("/api/")) return null;
  if (isForeignOrigin(headers)) return { status: 403, message: FOREIGN_ORIGIN_REFUSED };
  const length = headers.get("content-length");
  if (length === null) return headers.has("transfer-encoding") ? { status: 411, message: LENGTH_REQUIRED } : null;
  return Number(length) > ACTION_BODY_LIMIT_BYTES ? { status: 413, message: ACTION_BODY_TOO_LARGE } : null;
}
