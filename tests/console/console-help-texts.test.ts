import { describe, expect, it } from "vitest";
import { assertAllowedTarget } from "@/server/notifications/target-guard";
import { startConsoleSession } from "@/server/auth/console-sessions";
import { getDocument } from "@/server/queries/docs";
import { getDb } from "@/server/db/client";
import { createUser } from "@/tests/support/factories";

const strict = { allowPrivateTargets: false, allowLoopbackHttp: false };

describe("what the console tells an owner", () => {
  it("a refused local or private webhook address names WEBHOOK_ALLOW_PRIVATE", async () => {
    await expect(assertAllowedTarget("https://127.0.0.1/hook", strict)).rejects.toThrow(
      /127\.0\.0\.1 is a loopback network address; webhooks may only reach public addresses\. Set WEBHOOK_ALLOW_PRIVATE=1/,
    );
    await expect(assertAllowedTarget("https://192.168.1.5/hook", strict)).rejects.toThrow(/WEBHOOK_ALLOW_PRIVATE=1/);
    await expect(assertAllowedTarget("http://93.184.216.34/hook", strict)).rejects.toThrow(
      /https:\/\/.*WEBHOOK_ALLOW_PRIVATE=1/,
    );
  });

  it("a signed-in browser counts as the user's last sign-in, as when set-up signs the owner in", async () => {
    const user = await createUser("owner");
    expect(user.lastSignInAt).toBeNull();
    const now = new Date();
    await startConsoleSession(user.id, getDb(), now);
    const after = await getDb().user.findUniqueOrThrow({ where: { id: user.id }, select: { lastSignInAt: true } });
    expect(after.lastSignInAt?.getTime()).toBe(now.getTime());
  });

  it("serves the installation's own guides and nothing outside docs/", async () => {
    const guide = await getDocument("integrations");
    expect(guide?.title).toMatch(/integrations/i);
    expect(guide?.html).toContain("<h2");
    expect(guide?.html).not.toMatch(/<script/i);
    expect(await getDocument("../README")).toBeNull();
    expect(await getDocument("missing-guide")).toBeNull();
  });
});
