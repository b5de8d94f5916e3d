import type { IncomingMessage, ServerResponse } from "node:http";

// The one form of a request's target that routing, cache keys and the app all see. Without it the front matched
// `/api/v2/../../admin/users` as a public API address while Next, which resolves dot segments, rendered the console.

/** `OPTIONS *` asks about the server as a whole (RFC 9110 §9.3.7); the front answers it itself. */
export const ASTERISK_FORM = "*";

// A target with none of these in its path is already in normal form: the common case takes no URL parse.
const NEEDS_PARSE = /%|\\|\/\.|^[^/]|^\/\//;

/**
 * The origin-form (`/path?query`) of a request target with dot segments (also `%2e`-encoded) resolved and
 * backslashes read as slashes, as WHATWG URL parsing (and so Next) reads them. An absolute-form target keeps only its
 * path and query, never its authority. Null when the target cannot be a path on this server: a malformed URL, a
 * scheme other than http(s), or a path segment whose percent-encoding is not UTF-8 (`%C0%AF`).
 */
export function normalizeRequestTarget(target: string): string | null {
  const queryAt = target.indexOf("?");
  const path = queryAt < 0 ? target : target.slice(0, queryAt);
  if (!NEEDS_PARSE.test(path)) return target;
  let url: URL;
  try {
    url = target.startsWith("/") ? new URL(`http://front.invalid${target}`) : new URL(target);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  if (!url.pathname.split("/").every(isDecodable)) return null;
  return `${url.pathname}${url.search}`;
}

function isDecodable(segment: string): boolean {
  if (!segment.includes("%")) return true;
  try {
    decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}

const ALLOWED_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";

/**
 * Puts `req.url` in normal form before anything routes or keys on it, and answers what is not a path here itself:
 * `OPTIONS *` with the methods the server allows, a malformed target with 400. False when it answered.
 */
export function prepareRequestTarget(req: IncomingMessage, res: ServerResponse): boolean {
  const target = req.url ?? "/";
  if (target === ASTERISK_FORM) {
    const status = req.method === "OPTIONS" ? 204 : 400;
    res.writeHead(status, { allow: ALLOWED_METHODS, "content-length": "0", "cache-control": "no-store" });
    res.end();
    return false;
  }
  const normal = normalizeRequestTarget(target);
  if (normal === null) {
    const message = "This address is not valid: its path could not be read.\n";
    res.writeHead(400, {
      "content-type": "text/plain; charset=utf-8",
      "content-length": String(Buffer.byteLength(message)),
      "cache-control": "no-store",
    });
    res.end(req.method === "HEAD" ? undefined : message);
    return false;
  }
  req.url = normal;
  return true;
}
