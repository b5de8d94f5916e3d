const BASE = "http://localhost";

/** Keeps a post-sign-in redirect on this site: an absolute path that still is one after the URL parser normalises it. */
export function safeRedirectPath(value: unknown, fallback = "/admin"): string {
  if (typeof value !== "string" || !isSameOriginPath(value)) return fallback;
  if (/[\u0000-\u001f\u007f]/.test(value)) return fallback;
  try {
    const url = new URL(value, BASE);
    const target = `${url.pathname}${url.search}${url.hash}`;
    // `/..//host` and `/admin/../..//host` normalise to `//host`, which a browser reads as another site.
    if (url.origin !== BASE || !isSameOriginPath(target) || new URL(target, BASE).origin !== BASE) return fallback;
    return target;
  } catch {
    return fallback;
  }
}

function isSameOriginPath(path: string): boolean {
  return path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\") && !path.includes("\\");
}
