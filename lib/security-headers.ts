export const CSP_REPORT_PATH = "/api/csp-report";

/** Paths other sites may frame: the embed page and the badge and widget assets it offers. */
const EMBEDDABLE = [/^\/embed(\/|$)/, /^\/badge\.svg$/, /^\/components\/[^/]+\/badge\.svg$/];

export function isEmbeddablePath(pathname: string): boolean {
  return EMBEDDABLE.some((pattern) => pattern.test(pathname));
}

/**
 * The page's Content-Security-Policy: scripts only from this origin or carrying this response's nonce (Next adds
 * it to its own inline scripts), no plugins, no foreign forms, and framing only where embedding is the point.
 * Style attributes stay allowed: React renders some (brand colour, bar positions) and they cannot run code.
 */
export function contentSecurityPolicy({
  nonce,
  embeddable,
  https,
}: {
  nonce?: string;
  embeddable: boolean;
  https: boolean;
}): string {
  return [
    "default-src 'self'",
    nonce ? `script-src 'self' 'nonce-${nonce}'` : "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${embeddable ? "*" : "'none'"}`,
    ...(https ? ["upgrade-insecure-requests"] : []),
    `report-uri ${CSP_REPORT_PATH}`,
  ].join("; ");
}

export const HSTS = "max-age=63072000; includeSubDomains";

/**
 * The headers every response carries, pages, redirects, refusals and build files alike: the policy (with the
 * render's nonce where a page may render), no framing outside the embeddable paths, and HSTS under https.
 */
export function securityHeaders({
  pathname,
  nonce,
  https,
}: {
  pathname: string;
  nonce?: string;
  https: boolean;
}): Record<string, string> {
  const embeddable = isEmbeddablePath(pathname);
  return {
    "Content-Security-Policy": contentSecurityPolicy({ nonce, embeddable, https }),
    ...(embeddable ? {} : { "X-Frame-Options": "DENY" }),
    ...(https ? { "Strict-Transport-Security": HSTS } : {}),
  };
}
