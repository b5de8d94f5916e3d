import type { IncomingMessage } from "node:http";
import { isIP } from "node:net";

/**
 * Which forwarding headers to believe: none by default (a client could write any X-Forwarded-For), the last
 * `hops` proxies when TRUST_PROXY is a number, or only proxies whose address is listed (comma-separated).
 */
export type ProxyTrust = { hops: number } | { addresses: Set<string> };

export function parseTrustProxy(value: string | undefined): ProxyTrust {
  const text = (value ?? "").trim();
  if (!text || text === "0" || text === "false") return { hops: 0 };
  if (/^\d+$/.test(text)) return { hops: Number(text) };
  if (text === "true") return { hops: 1 };
  return { addresses: new Set(text.split(",").map((part) => normaliseAddress(part.trim())).filter(Boolean)) };
}

function normaliseAddress(address: string): string {
  const unwrapped = address.replace(/^\[|\]$/g, "");
  return unwrapped.startsWith("::ffff:") && isIP(unwrapped.slice(7)) === 4 ? unwrapped.slice(7) : unwrapped;
}

/**
 * The address of the client, walking X-Forwarded-For from the right over trusted proxies only; an entry that
 * is not an IP address ends the walk at the proxy that wrote it.
 */
export function clientAddressOf(peer: string | undefined, forwardedFor: string | string[] | undefined, trust: ProxyTrust): string {
  let address = normaliseAddress(peer ?? "");
  const chain = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map((part) => normaliseAddress(part.trim()))
    .filter(Boolean);
  let hops = 0;
  while (chain.length > 0) {
    const trusted = "hops" in trust ? hops < trust.hops : trust.addresses.has(address);
    if (!trusted) break;
    const next = chain.pop()!;
    if (isIP(next) === 0) break;
    address = next;
    hops++;
  }
  return address || "unknown";
}

let configured: ProxyTrust | undefined;

/** The client address of a Node request under this process's TRUST_PROXY setting. */
export function clientAddress(req: IncomingMessage): string {
  configured ??= parseTrustProxy(process.env.TRUST_PROXY);
  return clientAddressOf(req.socket.remoteAddress, req.headers["x-forwarded-for"], configured);
}
