import "server-only";
import { BlockList, isIP } from "node:net";
import { lookup as dnsLookup } from "node:dns";
import type { LookupAddress, LookupOptions } from "node:dns";

export type TargetPolicy = { allowPrivateTargets: boolean; allowLoopbackHttp: boolean };

export class WebhookTargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WebhookTargetError";
  }
}

// One list per family: Node's BlockList matches IPv4 addresses against IPv6 rules (as ::ffff:a.b.c.d) otherwise.
const loopbackV4 = new BlockList();
loopbackV4.addSubnet("127.0.0.0", 8, "ipv4");

// IANA's special-purpose registries (RFC 6890 and successors): nothing here is an ordinary public host.
const nonPublicV4 = new BlockList();
const nonPublicV6 = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.31.196.0", 24],
  ["192.52.193.0", 24],
  ["192.88.99.0", 24],
  ["192.168.0.0", 16],
  ["192.175.48.0", 24],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  nonPublicV4.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 96], // unspecified and IPv4-compatible (::a.b.c.d)
  ["::ffff:0:0", 96], // IPv4-mapped
  ["::ffff:0:0:0", 96], // IPv4-translated (SIIT)
  ["64:ff9b::", 96],
  ["64:ff9b:1::", 48], // NAT64
  ["100::", 64], // discard
  ["2001::", 23], // IETF protocol assignments: Teredo 2001::/32, benchmarking, ORCHID…
  ["2001:db8::", 32],
  ["3fff::", 20], // documentation
  ["2002::", 16], // 6to4
  ["5f00::", 16], // SRv6 SIDs
  ["fc00::", 7], // unique local
  ["fe80::", 10],
  ["fec0::", 10], // link-local, old site-local
  ["ff00::", 8], // multicast
] as const) {
  nonPublicV6.addSubnet(network, prefix, "ipv6");
}

export type AddressClass = "public" | "loopback" | "private";

/** The IPv4 address carried in the last 32 bits of an IPv6 address, in dotted form. */
function embeddedIpv4(address: string): string | null {
  const dotted = /:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (dotted) return dotted[1];
  const groups = /:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (!groups) return null;
  const high = parseInt(groups[1], 16);
  const low = parseInt(groups[2], 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join(".");
}

/**
 * Only ordinary unicast addresses are "public". Loopback, private, shared, link-local, documentation, multicast and
 * reserved ranges are not, and neither is any IPv6 form that tunnels or translates to IPv4 (mapped, compatible,
 * 6to4, NAT64, Teredo): the embedded address could be anything, including this machine.
 */
export function classifyAddress(address: string): AddressClass {
  const ip = address.replace(/^\[(.*)\]$/, "$1").replace(/%.*$/, "");
  const family = isIP(ip);
  if (family === 0) return "private";
  if (family === 4)
    return loopbackV4.check(ip, "ipv4") ? "loopback" : nonPublicV4.check(ip, "ipv4") ? "private" : "public";
  if (/^(0{0,4}:){2,7}0{0,3}1$/.test(ip) || ip === "::1") return "loopback";
  if (!nonPublicV6.check(ip, "ipv6")) return "public";
  const v4 = /^::ffff:[0-9a-f.]+(:[0-9a-f]+)?$/i.test(ip) && !/^::ffff:0:/i.test(ip) ? embeddedIpv4(ip) : null;
  return v4 && isIP(v4) === 4 && loopbackV4.check(v4, "ipv4") ? "loopback" : "private";
}

/** Where the refusal of a local address is read (a console form, a delivery log), it says how to allow one. */
export const ALLOW_PRIVATE_HINT =
  "Set WEBHOOK_ALLOW_PRIVATE=1 to allow local and private addresses (for testing or an intranet).";

export function privateTargetRefusal(subject: string, addressClass: Exclude<AddressClass, "public">): string {
  return `${subject} is a ${addressClass} network address; webhooks may only reach public addresses. ${ALLOW_PRIVATE_HINT}`;
}

function checkAddresses(host: string, addresses: string[], protocol: string, policy: TargetPolicy): void {
  if (addresses.length === 0) throw new WebhookTargetError(`${host} does not resolve to any address.`);
  const classes = addresses.map(classifyAddress);
  const allLoopback = classes.every((value) => value === "loopback");
  for (const [index, value] of classes.entries()) {
    if (value === "public" || policy.allowPrivateTargets) continue;
    if (value === "loopback" && allLoopback && policy.allowLoopbackHttp) continue;
    const subject = host === addresses[index] ? host : `${host} resolves to ${addresses[index]}, which`;
    throw new WebhookTargetError(privateTargetRefusal(subject, value));
  }
  if (protocol === "http:" && !policy.allowPrivateTargets && !(allLoopback && policy.allowLoopbackHttp)) {
    throw new WebhookTargetError("Webhook URLs must use https:// (WEBHOOK_ALLOW_PRIVATE=1 also allows plain http).");
  }
}

export function parseWebhookUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookTargetError("Enter a full URL such as https://example.com/hooks/status.");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new WebhookTargetError("Webhook URLs must use https://.");
  if (url.username || url.password)
    throw new WebhookTargetError("Webhook URLs may not contain a user name or password.");
  return url;
}

function bareHost(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, "$1");
}

function resolveAll(host: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    dnsLookup(host, { all: true, verbatim: true }, (error, addresses) => {
      if (error) reject(new WebhookTargetError(`${host} could not be resolved (${error.code ?? error.message}).`));
      else resolve(addresses.map((entry) => entry.address));
    });
  });
}

/** Resolves the URL's host and refuses it unless every address it resolves to is allowed by the policy. */
export async function assertAllowedTarget(raw: string, policy: TargetPolicy): Promise<URL> {
  const url = parseWebhookUrl(raw);
  const host = bareHost(url);
  const addresses = isIP(host) ? [host] : await resolveAll(host);
  checkAddresses(host, addresses, url.protocol, policy);
  return url;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http.request that checks the addresses it actually connects to, so a host that
 * re-resolves to a private address between the check and the connection (DNS rebinding) is still refused.
 */
export function guardedLookup(protocol: string, policy: TargetPolicy) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      try {
        checkAddresses(
          hostname,
          addresses.map((entry) => entry.address),
          protocol,
          policy,
        );
      } catch (refusal) {
        return callback(refusal as NodeJS.ErrnoException, []);
      }
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}
