import { NextResponse, type NextRequest } from "next/server";

const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

/** Only the cheap redirect to sign-in; the admin layout, actions and services check the session and role themselves. */
export function proxy(request: NextRequest) {
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name) || request.cookies.getAll().some((c) => c.name.startsWith(`${name}.`)));
  if (hasSession) return NextResponse.next();
  const { pathname, search } = request.nextUrl;
  if (pathname === "/admin/setup") return NextResponse.next();
  const login = new URL("/login", request.url);
  login.searchParams.set("redirectTo", `${pathname}${search}`);
  return NextResponse.redirect(login);
}

export const config = { matcher: ["/admin", "/admin/:path*"] };
