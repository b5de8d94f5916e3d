import { describe, expect, it } from "vitest";
import { assertAllowedTarget, classifyAddress } from "@/server/notifications/target-guard";
import { sendWebhook } from "@/server/notifications/webhook-sender";
import { signWebhookBody, verifyWebhookSignature } from "@/server/notifications/signature";
import { createHmac } from "node:crypto";

const strict = { allowPrivateTargets: false, allowLoopbackHttp: false };

describe("webhook targets (SSRF guard)", () => {
  it("classifies loopback, private, link-local, mapped and public addresses", () => {
    expect(classifyAddress("127.0.0.1")).toBe("loopback");
    expect(classifyAddress("::1")).toBe("loopback");
    for (const ip of [
      "10.0.0.1",
      "172.20.1.1",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "fe80::1",
      "fd00::1",
      "::ffff:10.0.0.1",
      "224.0.0.1",
    ]) {
      expect(classifyAddress(ip), ip).toBe("private");
    }
    expect(classifyAddress("::ffff:127.0.0.1")).toBe("loopback");
    for (const ip of ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111"])
      expect(classifyAddress(ip), ip).toBe("public");
  });

  it("refuses private, loopback and link-local targets, names that resolve to them, and plain http", async () => {
    await expect(assertAllowedTarget("https://10.0.0.5/hook", strict)).rejects.toThrow(/private network address/);
    await expect(assertAllowedTarget("https://169.254.169.254/latest/meta-data", strict)).rejects.toThrow(
      /private network address/,
    );
    await expect(assertAllowedTarget("https://[::1]/hook", strict)).rejects.toThrow(/loopback/);
    await expect(assertAllowedTarget("https://localhost/hook", strict)).rejects.toThrow(
      /localhost resolves to .*, which is a loopback network address/,
    );
    await expect(assertAllowedTarget("http://93.184.216.34/hook", strict)).rejects.toThrow(/https/);
    await expect(assertAllowedTarget("https://user:pw@93.184.216.34/hook", strict)).rejects.toThrow(/user name/);
    await expect(assertAllowedTarget("not a url", strict)).rejects.toThrow(/full URL/);
    await expect(assertAllowedTarget("https://93.184.216.34/hook", strict)).resolves.toBeInstanceOf(URL);
  });

  it("allows loopback http in development and private targets when WEBHOOK_ALLOW_PRIVATE is set", async () => {
    await expect(
      assertAllowedTarget("http://127.0.0.1:8080/hook", { allowPrivateTargets: false, allowLoopbackHttp: true }),
    ).resolves.toBeInstanceOf(URL);
    await expect(
      assertAllowedTarget("http://10.0.0.5/hook", { allowPrivateTargets: false, allowLoopbackHttp: true }),
    ).rejects.toThrow(/private/);
    await expect(
      assertAllowedTarget("http://10.0.0.5/hook", { allowPrivateTargets: true, allowLoopbackHttp: false }),
    ).resolves.toBeInstanceOf(URL);
  });

  it("the sender refuses before connecting and reports a permanent failure", async () => {
    const result = await sendWebhook({
      url: "https://169.254.169.254/x",
      body: "{}",
      secret: "s",
      deliveryId: "d",
      policy: strict,
    });
    expect(result).toMatchObject({ ok: false, permanent: true });
    expect(result.error).toMatch(/169\.254\.169\.254/);
  });
});

describe("webhook signature", () => {
  it("is HMAC-SHA256 over '<t>.<body>' in the documented header format", () => {
    const body = '{"hello":"world"}';
    const header = signWebhookBody("whsec_test", body, 1_700_000_000);
    const expected = createHmac("sha256", "whsec_test").update(`1700000000.${body}`).digest("hex");
    expect(header).toBe(`t=1700000000,v1=${expected}`);
    expect(verifyWebhookSignature({ secret: "whsec_test", body, header, now: new Date(1_700_000_100_000) })).toBe(true);
    expect(verifyWebhookSignature({ secret: "whsec_test", body, header, now: new Date(1_700_001_000_000) })).toBe(
      false,
    );
    expect(
      verifyWebhookSignature({ secret: "whsec_test", body, header: "garbage", now: new Date(1_700_000_000_000) }),
    ).toBe(false);
  });
});
