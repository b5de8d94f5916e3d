import "server-only";
import { headers } from "next/headers";
import { CLIENT_ADDRESS_HEADER } from "@/lib/client-address-header";

type HeaderSource = Record<string, unknown> | Headers | undefined;

/**
 * The requester's address as the production server resolved it from the connection and TRUST_PROXY
 * (server/front/resolve-client-address.ts). Forwarding headers are never read here: a client could choose them.
 */
export function clientAddress(source: HeaderSource): string {
  if (!source) return "unknown";
  const value = source instanceof Headers ? source.get(CLIENT_ADDRESS_HEADER) : source[CLIENT_ADDRESS_HEADER];
  const address = Array.isArray(value) ? value[0] : value;
  return typeof address === "string" && address.trim() !== "" ? address.trim().slice(0, 100) : "unknown";
}

/** The client address of the request being served (pages, server actions, route handlers). */
export async function currentClientAddress(): Promise<string> {
  return clientAddress(await headers());
}
