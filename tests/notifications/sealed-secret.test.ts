import { describe, expect, it } from "vitest";
import { sealSecret, unsealSecret } from "@/server/notifications/sealed-secret";

const SECRET = "first-secret-first-secret-first";
const PURPOSE = "mail-settings:smtp-password";

describe("sealed secrets", () => {
  it("opens with the same secret and purpose, and never shows the plain text", () => {
    const plain = "p@ss:wörd/with spaces";
    const sealed = sealSecret(plain, SECRET, PURPOSE);
    expect(sealed).not.toContain(plain);
    expect(sealed.startsWith("v1.")).toBe(true);
    expect(unsealSecret(sealed, SECRET, PURPOSE)).toBe(plain);
    expect(sealSecret(plain, SECRET, PURPOSE)).not.toBe(sealed);
  });

  it("cannot be opened once AUTH_SECRET changed, for another purpose, or after tampering", () => {
    const sealed = sealSecret("hunter2", SECRET, PURPOSE);
    expect(unsealSecret(sealed, "second-secret-second-secret-2nd", PURPOSE)).toBeNull();
    expect(unsealSecret(sealed, SECRET, "another-purpose")).toBeNull();
    const [version, iv, tag, body] = sealed.split(".");
    const flipped = Buffer.from(body, "base64url");
    flipped[0] ^= 1;
    expect(unsealSecret([version, iv, tag, flipped.toString("base64url")].join("."), SECRET, PURPOSE)).toBeNull();
    expect(unsealSecret("v2.a.b.c", SECRET, PURPOSE)).toBeNull();
    expect(unsealSecret("not sealed at all", SECRET, PURPOSE)).toBeNull();
  });
});
