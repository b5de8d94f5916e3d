import "server-only";
import { headers } from "next/headers";

/** The origin the visitor used, for pages that show absolute URLs when the page URL is not configured. */
export async function requestOrigin(): Promise<string | undefined> {
  const list = await headers();
  const host = list.get("x-forwarded-host") ?? list.get("host");
  if (!host) return undefined;
  return `${list.get("x-forwarded-proto") ?? "http"}://${host}`;
}
