import { describe, expect, it } from "vitest";
import { clientAddressOf, parseTrustProxy } from "@/server/http/client-address";

describe("client address", () => {
  it("ignores X-Forwarded-For unless TRUST_PROXY says a proxy writes it", () => {
    expect(clientAddressOf("127.0.0.9", "203.0.113.7", parseTrustProxy(undefined))).toBe("127.0.0.9");
    expect(clientAddressOf("::ffff:127.0.0.9", "203.0.113.7", parseTrustProxy("0"))).toBe("127.0.0.9");
  });

  it("walks back as many hops as configured, never further", () => {
    const trust = parseTrustProxy("1");
    expect(clientAddressOf("127.0.0.2", "198.51.100.1, 203.0.113.7", trust)).toBe("203.0.113.7");
    expect(clientAddressOf("127.0.0.2", "198.51.100.1, 203.0.113.7", parseTrustProxy("2"))).toBe("198.51.100.1");
    expect(clientAddressOf("127.0.0.2", undefined, trust)).toBe("127.0.0.2");
  });

  it("trusts only listed proxy addresses", () => {
    const trust = parseTrustProxy("127.0.0.2, ::1");
    expect(clientAddressOf("127.0.0.2", "203.0.113.7", trust)).toBe("203.0.113.7");
    expect(clientAddressOf("127.0.0.3", "203.0.113.7", trust)).toBe("127.0.0.3");
    expect(clientAddressOf("::1", "127.0.0.2, 203.0.113.9", trust)).toBe("203.0.113.9");
  });

  it("stops at an entry that is not an address", () => {
    expect(clientAddressOf("127.0.0.2", "203.0.113.7, not-an-ip", parseTrustProxy("2"))).toBe("127.0.0.2");
  });
});
