import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { SIGN_IN_FAILED, SIGN_IN_THROTTLED, verifySignIn } from "@/server/auth/sign-in";
import {
  ACCOUNT_CEILING,
  delayAfterFailures,
  FREE_FAILURES_PER_ACCOUNT_AND_ADDRESS,
  signInWait,
} from "@/server/auth/throttle";
import { issueTrustedBrowserToken } from "@/server/auth/trusted-browser";
import { createUserWithPassword } from "@/server/services/users/create-user-with-password";
import { SYSTEM_ACTOR } from "@/server/services/context";
import { unique } from "@/tests/support/factories";

const PASSWORD = "a-long-password-1";
let next = 0;
const ip = () => `127.${(process.pid % 200) + 1}.${Math.floor(next / 250) % 250}.${(next++ % 250) + 1}`;

async function makeUser() {
  const email = `${unique("throttle")}@example.test`;
  return (
    await createUserWithPassword({
      ctx: { actor: SYSTEM_ACTOR },
      input: { email, name: "Throttled", role: "responder", password: PASSWORD },
    })
  ).user;
}

async function failures(email: string, count: number, address: () => string, at = new Date()) {
  await getDb().signInAttempt.createMany({
    data: Array.from({ length: count }, () => ({ email, ip: address(), succeeded: false, createdAt: at })),
  });
}

// Each sign-in runs scrypt; on a busy two-core machine a dozen of them can take longer than the default 30 s.
describe("sign-in throttling", { timeout: 90_000 }, () => {
  it("wrong passwords from strangers do not lock the real user out", async () => {
    const user = await makeUser();
    for (let i = 0; i < 6; i++) {
      await expect(verifySignIn({ email: user.email, password: `wrong-${i}`, ip: ip() })).rejects.toThrow(
        SIGN_IN_FAILED,
      );
    }
    await failures(user.email, 30, () => "127.9.9.9");
    await expect(verifySignIn({ email: user.email, password: PASSWORD, ip: ip() })).resolves.toMatchObject({
      id: user.id,
    });
    await expect(verifySignIn({ email: user.email, password: PASSWORD, ip: "127.9.9.9" })).rejects.toThrow(
      SIGN_IN_THROTTLED,
    );
  });

  it("slows one address on one account with growing delays", async () => {
    const user = await makeUser();
    const address = ip();
    const at = new Date();
    await failures(user.email, FREE_FAILURES_PER_ACCOUNT_AND_ADDRESS - 1, () => address, at);
    expect(await signInWait(getDb(), { email: user.email, ip: address, trustedBrowser: false, now: at })).toBeNull();
    await failures(user.email, 1, () => address, at);
    expect(await signInWait(getDb(), { email: user.email, ip: address, trustedBrowser: false, now: at })).toEqual({
      waitMs: 1000,
      reason: "address",
    });
    expect(
      await signInWait(getDb(), {
        email: user.email,
        ip: address,
        trustedBrowser: false,
        now: new Date(at.getTime() + 1000),
      }),
    ).toBeNull();
    await failures(user.email, 3, () => address, at);
    expect(await signInWait(getDb(), { email: user.email, ip: address, trustedBrowser: false, now: at })).toEqual({
      waitMs: 8000,
      reason: "address",
    });
    expect([4, 5, 6, 10, 30].map((n) => delayAfterFailures(n, 5))).toEqual([0, 1000, 2000, 32000, 15 * 60_000]);
  });

  it("past the per-account ceiling only a known address or browser gets in with the right password", async () => {
    const user = await makeUser();
    const home = ip();
    await verifySignIn({ email: user.email, password: PASSWORD, ip: home });
    const browser = issueTrustedBrowserToken(user.id);
    await failures(user.email, ACCOUNT_CEILING, ip);
    await expect(verifySignIn({ email: user.email, password: PASSWORD, ip: ip() })).rejects.toThrow(
      /browser or network you have used before/,
    );
    await expect(verifySignIn({ email: user.email, password: PASSWORD, ip: home })).resolves.toMatchObject({
      id: user.id,
    });
    await expect(
      verifySignIn({ email: user.email, password: PASSWORD, ip: ip(), trustedBrowserToken: browser }),
    ).resolves.toMatchObject({ id: user.id });
    const forged = `${user.id}.${Date.now().toString(36)}.AAAA`;
    await expect(
      verifySignIn({ email: user.email, password: PASSWORD, ip: ip(), trustedBrowserToken: forged }),
    ).rejects.toThrow(SIGN_IN_THROTTLED);
    const otherUsers = issueTrustedBrowserToken("someone-else");
    await expect(
      verifySignIn({ email: user.email, password: PASSWORD, ip: ip(), trustedBrowserToken: otherUsers }),
    ).rejects.toThrow(SIGN_IN_THROTTLED);
  });
});
