import { describe, expect, it } from "vitest";
import { IncomingMessage } from "node:http";
import { Socket } from "node:net";
import { CLIENT_ADDRESS_HEADER, parseTrustProxy, resolveClientAddress } from "@/server/front/resolve-client-address";
import { stampClientAddress } from "@/server/front/stamp-client-address";
import { clientAddress } from "@/server/http/client-address";

function requestFrom(remoteAddress: string, headers: Record<string, string>): IncomingMessage {
  const socket = new Socket();
  Object.defineProperty(socket, "remoteAddress", { value: remoteAddress });
  const req = new IncomingMessage(socket);
  req.headers = { ...headers };
  return req;
}

describe("client address", () => {
  it("ignores X-Forwarded-For unless TRUST_PROXY says a proxy is in front", () => {
    const none = parseTrustProxy(undefined);
    const seen = new Set(
      Array.from({ length: 30 }, (_, i) =>
        resolveClientAddress({ remoteAddress: "::ffff:127.0.0.1", forwardedFor: `10.0.0.${i}`, trust: none }),
      ),
    );
    expect([...seen]).toEqual(["127.0.0.1"]);
  });

  it.each([
    ["1", "203.0.113.9, 10.0.0.1", "10.0.0.2", "10.0.0.1"],
    ["2", "203.0.113.9, 10.0.0.1", "10.0.0.2", "203.0.113.9"],
    ["2", "spoofed, 203.0.113.9, 10.0.0.1", "10.0.0.2", "203.0.113.9"],
    ["5", "203.0.113.9", "10.0.0.2", "203.0.113.9"],
    ["10.0.0.0/8", "spoofed, 203.0.113.9, 10.0.0.1", "10.0.0.2", "203.0.113.9"],
    ["10.0.0.2", "203.0.113.9, 10.0.0.1", "10.0.0.2", "10.0.0.1"],
    ["10.0.0.0/8", "203.0.113.9", "198.51.100.7", "198.51.100.7"],
    ["::1, 127.0.0.1", "[2001:db8::5]:4711", "::1", "2001:db8::5"],
  ])("TRUST_PROXY=%s, X-Forwarded-For %s via %s is %s", (trust, forwardedFor, remoteAddress, expected) => {
    expect(resolveClientAddress({ remoteAddress, forwardedFor, trust: parseTrustProxy(trust) })).toBe(expected);
  });

  it("refuses a TRUST_PROXY that is neither a hop count nor addresses, naming the variable", () => {
    expect(() => parseTrustProxy("yes")).toThrow(/TRUST_PROXY/);
    expect(() => parseTrustProxy("10.0.0.0/99")).toThrow(/TRUST_PROXY/);
  });

  it("the server stamps the resolved address over any the client sent, and drops untrusted forwarding headers", () => {
    const req = requestFrom("127.0.0.1", {
      [CLIENT_ADDRESS_HEADER]: "1.2.3.4",
      "x-forwarded-for": "5.6.7.8",
      "x-forwarded-host": "evil.example",
    });
    stampClientAddress(req, parseTrustProxy(""));
    expect(req.headers[CLIENT_ADDRESS_HEADER]).toBe("127.0.0.1");
    expect(req.headers["x-forwarded-for"]).toBeUndefined();
    expect(req.headers["x-forwarded-host"]).toBeUndefined();
    expect(clientAddress(req.headers)).toBe("127.0.0.1");
    expect(clientAddress(new Headers({ "x-forwarded-for": "9.9.9.9" }))).toBe("unknown");
  });
});
