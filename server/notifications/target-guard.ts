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

const loopback = new BlockList();
loopback.addSubnet("127.0.0.0", 8, "ipv4");
loopback.addAddress("::1", "ipv6");

const nonPublic = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["169.254.0.0", 16], ["172.16.0.0", 12],
  ["192.0.0.0", 24], ["192.0.2.0", 24], ["192.88.99.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15],
  ["198.51.100.0", 24], ["203.0.113.0", 24], ["224.0.0.0", 4], ["240.0.0.0", 4],
] as const) {
  nonPublic.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 128], ["fc00::", 7], ["fe80::", 10], ["ff00::", 8], ["2001:db8::", 32], ["64:ff9b::", 96], ["100::", 64],
] as const) {
  nonPublic.addSubnet(network, prefix, "ipv6");
}

export type AddressClass = "public" | "loopback" | "private";

/** Loopback, private, link-local, shared, documentation, multicast and reserved ranges are all "not public". */
export function classifyAddress(address: string): AddressClass {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  const ip = mapped ? mapped[1] : address;
  const family = isIP(ip) === 6 ? "ipv6" : "ipv4";
  if (loopback.check(ip, family)) return "loopback";
  if (nonPublic.check(ip, family)) return "private";
  return "public";
}

function checkAddresses(host: string, addresses: string[], protocol: string, policy: TargetPolicy): void {
  if (addresses.length === 0) throw new WebhookTargetError(`${host} does not resolve to any address.`);
  const classes = addresses.map(classifyAddress);
  const allLoopback = classes.every((value) => value === "loopback");
  for (const [index, value] of classes.entries()) {
    if (value === "public" || policy.allowPrivateTargets) continue;
    if (value === "loopback" && allLoopback && policy.allowLoopbackHttp) continue;
    const subject = host === addresses[index] ? host : `${host} resolves to ${addresses[index]}, which`;
    throw new WebhookTargetError(`${subject} is a ${value} network address; webhooks may only reach public addresses.`);
  }
  if (protocol === "http:" && !policy.allowPrivateTargets && !(allLoopback && policy.allowLoopbackHttp)) {
    throw new WebhookTargetError("Webhook URLs must use https://.");
  }
}

export function parseWebhookUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookTargetError("Enter a full URL such as https://example.com/hooks/status.");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new WebhookTargetError("Webhook URLs must use https://.");
  if (url.username || url.password) throw new WebhookTargetError("Webhook URLs may not contain a user name or password.");
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
        checkAddresses(hostname, addresses.map((entry) => entry.address), protocol, policy);
      } catch (refusal) {
        return callback(refusal as NodeJS.ErrnoException, []);
      }
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}
