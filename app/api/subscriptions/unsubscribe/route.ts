import { NextResponse, type NextRequest } from "next/server";
import { errorResponse } from "@/server/http/error-response";
import { unsubscribe } from "@/server/services/subscribers/unsubscribe";

/** RFC 8058 one-click unsubscribe: mail clients POST `List-Unsubscribe=One-Click` to the List-Unsubscribe URL. */
export async function POST(request: NextRequest) {
  const token = request.nextUrl.searchParams.get("token") ?? "";
  try {
    const result = await unsubscribe({ ctx: {}, input: { token } });
    return NextResponse.json({ unsubscribed: true, alreadyUnsubscribed: result.alreadyUnsubscribed });
  } catch (error) {
    return errorResponse(error, "ours");
  }
}

/** A person who opens the URL gets the page with a button, so link scanners cannot unsubscribe anyone. */
export function GET(request: NextRequest) {
  const token = request.nextUrl.searchParams.get("token") ?? "";
  return NextResponse.redirect(new URL(`/subscribe/unsubscribe/${encodeURIComponent(token)}`, request.url), 303);
}
