import { describe, expect, it, vi } from "vitest";
import { getDb } from "@/server/db/client";
import { SIGN_IN_BUSY, SIGN_IN_FAILED, SIGN_IN_THROTTLED, verifySignIn } from "@/server/auth/sign-in";
import {
  ACCOUNT_CEILING,
  ACCOUNT_CEILING_FAILURES_PER_ADDRESS,
  delayAfterFailures,
  FREE_FAILURES_PER_ACCOUNT_AND_ADDRESS,
  FREE_FAILURES_PER_ADDRESS,
  signInWait,
} from "@/server/auth/throttle";
import { passwordCheckCounts } from "@/server/auth/password";
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

/** The tries one address may make within `ms` of its first: the free ones, then one after each doubling delay. */
function allowedWithin(ms: number, free: number): number {
  let allowed = free;
  for (let spent = delayAfterFailures(allowed, free); spent <= ms; spent += delayAfterFailures(allowed, free))
    allowed++;
  return allowed;
}

/** Fires every try at once; reports the passwords actually hashed meanwhile, the outcomes, and how long it took. */
async function burst(tries: Array<() => Promise<unknown>>) {
  const before = passwordCheckCounts().started;
  const startedAt = Date.now();
  const outcomes = await Promise.allSettled(tries.map((attempt) => attempt()));
  return {
    checked: passwordCheckCounts().started - before,
    elapsedMs: Date.now() - startedAt,
    refused: tally(outcomes.flatMap((outcome) => (outcome.status === "rejected" ? [outcome.reason] : []))),
    outcomes,
  };
}

function tally(errors: unknown[]) {
  const messages = errors.map((error) => (error instanceof Error ? error.message : String(error)));
  const refused = {
    failed: messages.filter((message) => message === SIGN_IN_FAILED).length,
    throttled: messages.filter((message) => message.startsWith(SIGN_IN_THROTTLED)).length,
    busy: messages.filter((message) => message === SIGN_IN_BUSY).length,
  };
  expect(refused.failed + refused.throttled + refused.busy, messages.join("\n")).toBe(messages.length);
  return { ...refused, messages };
}

const recorded = (where: { email?: string; ip?: string }) => getDb().signInAttempt.count({ where });

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

  it("a hundred simultaneous wrong passwords from one address on one account check at most the free five", async () => {
    const user = await makeUser();
    const address = ip();
    const { checked, elapsedMs, refused } = await burst(
      Array.from(
        { length: 100 },
        (_, i) => () => verifySignIn({ email: user.email, password: `wrong-${i}`, ip: address }),
      ),
    );
    expect(checked).toBeGreaterThanOrEqual(FREE_FAILURES_PER_ACCOUNT_AND_ADDRESS);
    expect(checked).toBeLessThanOrEqual(allowedWithin(elapsedMs, FREE_FAILURES_PER_ACCOUNT_AND_ADDRESS));
    expect(await recorded({ email: user.email })).toBe(checked);
    expect(refused.failed).toBe(checked);
    expect(refused.messages).toHaveLength(100);
  });

  it("two app processes trying at once still check at most the free five", async () => {
    const user = await makeUser();
    const address = ip();
    vi.resetModules();
    const other = {
      signIn: await import("@/server/auth/sign-in"),
      password: await import("@/server/auth/password"),
    };
    expect(other.signIn.verifySignIn).not.toBe(verifySignIn);
    const otherBefore = other.password.passwordCheckCounts().started;
    const { checked, elapsedMs, refused } = await burst(
      Array.from({ length: 40 }, (_, i) => () => {
        const attempt = { email: user.email, password: `wrong-${i}`, ip: address };
        return i % 2 ? verifySignIn(attempt) : other.signIn.verifySignIn(attempt);
      }),
    );
    const bothChecked = checked + other.password.passwordCheckCounts().started - otherBefore;
    expect(bothChecked).toBeGreaterThanOrEqual(FREE_FAILURES_PER_ACCOUNT_AND_ADDRESS);
    expect(bothChecked).toBeLessThanOrEqual(allowedWithin(elapsedMs, FREE_FAILURES_PER_ACCOUNT_AND_ADDRESS));
    expect(await recorded({ email: user.email })).toBe(bothChecked);
    expect(refused.messages).toHaveLength(40);
  });

  it("a hundred simultaneous tries from one address across accounts check at most the free twenty", async () => {
    const address = ip();
    const { checked, elapsedMs, refused } = await burst(
      Array.from(
        { length: 100 },
        () => () => verifySignIn({ email: `${unique("spray")}@example.test`, password: PASSWORD, ip: address }),
      ),
    );
    expect(checked).toBeGreaterThan(0);
    expect(checked).toBeLessThanOrEqual(allowedWithin(elapsedMs, FREE_FAILURES_PER_ADDRESS));
    expect(await recorded({ ip: address })).toBe(checked);
    expect(refused.failed).toBe(checked);
    expect(refused.messages).toHaveLength(100);
  });

  it("simultaneous tries from many addresses stop at the per-account ceiling", async () => {
    const user = await makeUser();
    await failures(user.email, ACCOUNT_CEILING - 2 * ACCOUNT_CEILING_FAILURES_PER_ADDRESS, ip);
    await failures(user.email, 3 * ACCOUNT_CEILING_FAILURES_PER_ADDRESS, () => "127.9.9.8");
    const { checked, refused } = await burst(
      Array.from({ length: 30 }, (_, i) => () => verifySignIn({ email: user.email, password: `wrong-${i}`, ip: ip() })),
    );
    expect(checked).toBe(ACCOUNT_CEILING_FAILURES_PER_ADDRESS);
    expect(refused).toMatchObject({ failed: checked, throttled: 30 - checked, busy: 0 });
    expect(refused.messages.filter((message) => /browser or network you have used before/.test(message))).toHaveLength(
      30 - checked,
    );
  });

  it("no more passwords are hashed at once than the sign-in slots, and a known browser keeps its own", async () => {
    const owner = await makeUser();
    await verifySignIn({ email: owner.email, password: PASSWORD, ip: ip() });
    const browser = issueTrustedBrowserToken(owner.id);
    const flood = unique("flood");
    const strangers = Array.from(
      { length: 40 },
      (_, i) => () => verifySignIn({ email: `${flood}-${i}@example.test`, password: PASSWORD, ip: ip() }),
    );
    const { checked, outcomes, refused } = await burst([
      ...strangers.slice(0, 20),
      () => verifySignIn({ email: owner.email, password: PASSWORD, ip: ip(), trustedBrowserToken: browser }),
      ...strangers.slice(20),
    ]);
    expect(outcomes[20]).toMatchObject({ status: "fulfilled", value: { id: owner.id } });
    // Two slots for unknown addresses and browsers, one for known ones (server/auth/work-gate.ts).
    expect(passwordCheckCounts().mostAtOnce).toBeLessThanOrEqual(3);
    expect(refused).toMatchObject({ failed: checked - 1, throttled: 0, busy: 40 - refused.failed });
    expect(await getDb().signInAttempt.count({ where: { email: { startsWith: flood } } })).toBe(refused.failed);
  });

  it("the owner still gets in from a new address or a known browser after 105 simultaneous failures elsewhere", async () => {
    const owner = await makeUser();
    await verifySignIn({ email: owner.email, password: PASSWORD, ip: ip() });
    const browser = issueTrustedBrowserToken(owner.id);
    const attacker = ip();
    const { outcomes } = await burst([
      ...Array.from(
        { length: 105 },
        (_, i) => () => verifySignIn({ email: owner.email, password: `wrong-${i}`, ip: attacker }),
      ),
      () => verifySignIn({ email: owner.email, password: PASSWORD, ip: ip() }),
    ]);
    expect(outcomes[105]).toMatchObject({ status: "fulfilled", value: { id: owner.id } });
    // However many failures one address piles up over time, they never count past its share of the account ceiling.
    await failures(owner.email, 3 * ACCOUNT_CEILING, () => attacker);
    await expect(verifySignIn({ email: owner.email, password: PASSWORD, ip: ip() })).resolves.toMatchObject({
      id: owner.id,
    });
    await expect(
      verifySignIn({ email: owner.email, password: PASSWORD, ip: ip(), trustedBrowserToken: browser }),
    ).resolves.toMatchObject({ id: owner.id });
    await expect(verifySignIn({ email: owner.email, password: PASSWORD, ip: attacker })).rejects.toThrow(
      SIGN_IN_THROTTLED,
    );
  });
});
