import { describe, expect, it } from "vitest";
import { findAddressMismatch } from "@/lib/address-mismatch";

describe("page address mismatch", () => {
  it("names both addresses when the console is reached by IP while the page address says localhost", () => {
    expect(findAddressMismatch({ pageUrl: "http://localhost:3000", host: "192.168.1.20:3000" })).toEqual({
      configured: "http://localhost:3000",
      inUse: "http://192.168.1.20:3000",
    });
  });

  it("believes the first forwarded host and protocol over Host", () => {
    expect(
      findAddressMismatch({
        pageUrl: "https://status.example.com/",
        host: "app:3000",
        forwardedHost: "status.example.com, proxy.internal",
        forwardedProto: "https",
      }),
    ).toBeNull();
    expect(
      findAddressMismatch({
        pageUrl: "https://status.example.com",
        host: "app:3000",
        forwardedHost: "status.example.org",
        forwardedProto: "https",
      }),
    ).toEqual({ configured: "https://status.example.com", inUse: "https://status.example.org" });
  });

  it("stays quiet when the hosts agree (default ports and case included) or either is unknown", () => {
    expect(findAddressMismatch({ pageUrl: "https://Status.Example.com", host: "status.example.com" })).toBeNull();
    expect(findAddressMismatch({ pageUrl: "https://status.example.com", host: "status.example.com:443" })).toBeNull();
    expect(findAddressMismatch({ pageUrl: "http://localhost:3000", host: null })).toBeNull();
    expect(findAddressMismatch({ pageUrl: "not a url", host: "localhost:3000" })).toBeNull();
  });
});
