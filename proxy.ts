import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, isEmbeddablePath } from "@/lib/security-headers";
import { ACTION_BODY_LIMIT_BYTES, ACTION_BODY_TOO_LARGE } from "@/lib/request-limits";

const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];
const HTTPS = (process.env.PUBLIC_URL ?? process.env.NEXTAUTH_URL ?? "").startsWith("https://");

function hasSessionCookie(request: NextRequest): boolean {
  return SESSION_COOKIES.some(
    (name) => request.cookies.has(name) || request.cookies.getAll().some((c) => c.name.startsWith(`${name}.`)),
  );
}

function isConsolePath(pathname: string): boolean {
  return pathname === "/admin" || pathname.startsWith("/admin/");
}

/**
 * Gives every response a fresh CSP nonce (Next reads it from the request's policy and stamps its scripts), and
 * does the cheap redirect to sign-in; the admin layout, actions and services check the session and role themselves.
 */
/** Next answers an oversized server-action body with a bare 500; say what is wrong instead. Route handlers keep their own limits. */
function oversizedForm(request: NextRequest, pathname: string): boolean {
  if (request.method !== "POST" || pathname.startsWith("/api/")) return false;
  return Number(request.headers.get("content-length") ?? "0") > ACTION_BODY_LIMIT_BYTES;
}

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (oversizedForm(request, pathname)) {
    return new NextResponse(ACTION_BODY_TOO_LARGE, {
      status: 413,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  if (isConsolePath(pathname) && pathname !== "/admin/setup" && !hasSessionCookie(request)) {
    const login = new URL("/login", request.url);
    login.searchParams.set("redirectTo", `${pathname}${search}`);
    return NextResponse.redirect(login);
  }
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const embeddable = isEmbeddablePath(pathname);
  const policy = contentSecurityPolicy({ nonce, embeddable, https: HTTPS });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  if (!embeddable) response.headers.set("X-Frame-Options", "DENY");
  if (HTTPS) response.headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  return response;
}

export const config = { matcher: ["/((?!_next/static|_next/image|favicon\\.ico).*)"] };
