import { describe, expect, it } from "vitest";
import { assertAllowedTarget, classifyAddress } from "@/server/notifications/target-guard";
import { sendWebhook } from "@/server/notifications/webhook-sender";

const strict = { allowPrivateTargets: false, allowLoopbackHttp: false };

// One address inside each special-purpose range; none is ever connected to.
const SPECIAL: Array<[string, string, "loopback" | "private"]> = [
  ["IPv4 loopback", "127.0.0.1", "loopback"],
  ["IPv6 loopback", "::1", "loopback"],
  ["unspecified", "::", "private"],
  ["this network", "0.1.2.3", "private"],
  ["RFC 1918 10/8", "10.1.2.3", "private"],
  ["RFC 1918 172.16/12", "172.31.0.1", "private"],
  ["RFC 1918 192.168/16", "192.168.0.1", "private"],
  ["shared CGNAT", "100.64.0.1", "private"],
  ["IPv4 link-local / cloud metadata", "169.254.169.254", "private"],
  ["IETF protocol assignments", "192.0.0.8", "private"],
  ["TEST-NET-1", "192.0.2.1", "private"],
  ["TEST-NET-2", "198.51.100.1", "private"],
  ["TEST-NET-3", "203.0.113.1", "private"],
  ["benchmarking", "198.18.0.1", "private"],
  ["6to4 relay anycast", "192.88.99.1", "private"],
  ["AS112", "192.31.196.1", "private"],
  ["IPv4 multicast", "224.0.0.1", "private"],
  ["reserved / broadcast", "255.255.255.255", "private"],
  ["IPv4-mapped loopback", "::ffff:127.0.0.1", "loopback"],
  ["IPv4-mapped loopback, hex", "::ffff:7f00:1", "loopback"],
  ["IPv4-mapped private", "::ffff:10.0.0.1", "private"],
  ["IPv4-mapped public", "::ffff:8.8.8.8", "private"],
  ["IPv4-compatible loopback", "::127.0.0.1", "private"],
  ["IPv4-compatible, hex", "::7f00:1", "private"],
  ["IPv4-translated", "::ffff:0:7f00:1", "private"],
  ["6to4 of loopback", "2002:7f00:1::", "private"],
  ["6to4 of a public address", "2002:808:808::1", "private"],
  ["NAT64 well-known", "64:ff9b::7f00:1", "private"],
  ["NAT64 local-use", "64:ff9b:1::a00:1", "private"],
  ["Teredo", "2001:0:4136:e378:8000:63bf:3fff:fdd2", "private"],
  ["benchmarking v6", "2001:2::1", "private"],
  ["ORCHIDv2", "2001:20::1", "private"],
  ["documentation v6", "2001:db8::1", "private"],
  ["documentation v6 (3fff::/20)", "3fff::1", "private"],
  ["discard-only", "100::1", "private"],
  ["unique local", "fd12:3456::1", "private"],
  ["unique local fc", "fc00::1", "private"],
  ["link-local v6", "fe80::1", "private"],
  ["site-local (deprecated)", "fec0::1", "private"],
  ["multicast v6", "ff02::1", "private"],
];

describe("webhook target ranges", () => {
  it.each(SPECIAL)("%s (%s) is %s", (_name, address, expected) => {
    expect(classifyAddress(address)).toBe(expected);
  });

  it.each(["93.184.216.34", "8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "2a00:1450:4001:80b::200e"])(
    "%s is public",
    (address) => {
      expect(classifyAddress(address)).toBe("public");
    },
  );

  it.each([
    "https://[::127.0.0.1]/",
    "https://[2002:7f00:1::]/",
    "https://[64:ff9b::7f00:1]/",
    "https://[::ffff:169.254.169.254]/",
    "https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/",
  ])("%s is refused as a webhook target, without a connection", async (url) => {
    await expect(assertAllowedTarget(url, strict)).rejects.toThrow(
      /network address; webhooks may only reach public addresses/,
    );
    const sent = await sendWebhook({ url, body: "{}", secret: "s", deliveryId: "d", policy: strict });
    expect(sent).toMatchObject({ ok: false, permanent: true });
  });
});
