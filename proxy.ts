import { NextResponse, type NextRequest } from "next/server";
import { securityHeaders } from "@/lib/security-headers";
import { screenPagePost } from "@/lib/page-post-guard";
import { stripApiFormatSuffix } from "@/lib/api-format-suffix";
import { readConfig } from "@/server/config";

const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];
const { PUBLIC_URL, NEXTAUTH_URL } = readConfig();
const HTTPS = (PUBLIC_URL ?? NEXTAUTH_URL ?? "").startsWith("https://");

function hasSessionCookie(request: NextRequest): boolean {
  return SESSION_COOKIES.some(
    (name) => request.cookies.has(name) || request.cookies.getAll().some((c) => c.name.startsWith(`${name}.`)),
  );
}

function isConsolePath(pathname: string): boolean {
  return pathname === "/admin" || pathname.startsWith("/admin/");
}

function isBuildFile(pathname: string): boolean {
  return pathname.startsWith("/_next/static/") || pathname.startsWith("/_next/image");
}

function withHeaders(response: NextResponse, headers: Record<string, string>): NextResponse {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

/**
 * Runs for every request, build files included, so every response carries the security headers. Refuses the
 * server-action POSTs Next would answer with a bare 500, does the cheap redirect to sign-in (the admin layout,
 * actions and services check the session and role themselves), and gives each page render a fresh CSP nonce
 * (Next reads it from the request's policy and stamps its scripts).
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (isBuildFile(pathname)) return withHeaders(NextResponse.next(), securityHeaders({ pathname, https: HTTPS }));
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const headers = securityHeaders({ pathname, nonce, https: HTTPS });
  const refusal = screenPagePost({ method: request.method, pathname, headers: request.headers });
  if (refusal) {
    const response = new NextResponse(refusal.message, {
      status: refusal.status,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
    return withHeaders(response, headers);
  }
  if (isConsolePath(pathname) && pathname !== "/admin/setup" && !hasSessionCookie(request)) {
    const login = new URL("/login", request.url);
    login.searchParams.set("redirectTo", `${pathname}${search}`);
    return withHeaders(NextResponse.redirect(login), headers);
  }
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", headers["Content-Security-Policy"]);
  const apiPath = stripApiFormatSuffix(pathname);
  const onward = apiPath
    ? NextResponse.rewrite(new URL(`${apiPath}${search}`, request.url), { request: { headers: requestHeaders } })
    : NextResponse.next({ request: { headers: requestHeaders } });
  return withHeaders(onward, headers);
}

// Every path, build files included: a response without these headers is the gap this closes.
export const config = { matcher: ["/:path*"] };
