// Who sent a request: the socket's peer, or, behind proxies the operator declared in TRUST_PROXY, the address
// the nearest untrusted hop reported in X-Forwarded-For. Forwarding headers from anyone else are ignored.
import net from "node:net";
import { CLIENT_ADDRESS_HEADER } from "@/lib/client-address-header";

export type TrustProxy = { kind: "none" } | { kind: "hops"; hops: number } | { kind: "list"; list: net.BlockList };

export { CLIENT_ADDRESS_HEADER };

/**
 * Parses TRUST_PROXY: unset, "" or "0" trusts no proxy; a whole number trusts that many hops in front of the app;
 * otherwise a comma-separated list of proxy addresses or CIDR ranges (IPv4 or IPv6).
 */
export function parseTrustProxy(raw: string | undefined): TrustProxy {
  const value = (raw ?? "").trim();
  if (value === "" || value === "0" || value.toLowerCase() === "false") return { kind: "none" };
  if (/^\d+$/.test(value)) return { kind: "hops", hops: Number(value) };
  const list = new net.BlockList();
  for (const entry of value
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [address, prefix] = entry.split("/");
    const family = net.isIP(normalizeAddress(address));
    const bits = prefix === undefined ? (family === 6 ? 128 : 32) : Number(prefix);
    if (!family || !Number.isInteger(bits) || bits < 0 || bits > (family === 6 ? 128 : 32)) {
      throw new Error(
        `TRUST_PROXY: "${entry}" is not an address or CIDR range. Use a number of proxy hops (e.g. 1) or addresses such as 10.0.0.0/8,::1.`,
      );
    }
    list.addSubnet(normalizeAddress(address), bits, family === 6 ? "ipv6" : "ipv4");
  }
  return { kind: "list", list };
}

/** `::ffff:1.2.3.4` is 1.2.3.4; brackets and ports that some proxies add are dropped. */
export function normalizeAddress(address: string | undefined): string {
  let value = String(address ?? "").trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1];
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(value)) value = value.replace(/:\d+$/, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(value);
  return (mapped ? mapped[1] : value).toLowerCase();
}

function contains(list: net.BlockList, address: string): boolean {
  const family = net.isIP(address);
  return family !== 0 && list.check(address, family === 6 ? "ipv6" : "ipv4");
}

/** The client's address from the socket peer and X-Forwarded-For, trusting only what `trust` allows. */
export function resolveClientAddress({
  remoteAddress,
  forwardedFor,
  trust,
}: {
  remoteAddress: string | undefined;
  forwardedFor: string | string[] | undefined;
  trust: TrustProxy;
}): string {
  const peer = normalizeAddress(remoteAddress) || "unknown";
  if (trust.kind === "none") return peer;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "");
  const chain = [...header.split(",").map(normalizeAddress).filter(Boolean), peer];
  if (trust.kind === "hops") return chain[Math.max(0, chain.length - 1 - trust.hops)];
  let index = chain.length - 1;
  while (index > 0 && contains(trust.list, chain[index])) index--;
  return chain[index];
}
