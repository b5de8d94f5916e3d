import { describe, expect, it } from "vitest";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/server/db/generated/client";
import { actorFromSession } from "@/server/auth/session";
import { revokeConsoleSession, startConsoleSession } from "@/server/auth/console-sessions";
import { changeUserRole, deactivateUser } from "@/server/services/users/change-user-role";
import { postIncidentUpdate } from "@/server/services/incidents/post-incident-update";
import { SYSTEM_ACTOR } from "@/server/services/context";
import { toAppError } from "@/server/errors";
import { createUser } from "@/tests/support/factories";
import { ctxFor } from "@/tests/console/helpers";
import { safeRedirectPath } from "@/app/(auth)/login/_lib/redirect-target";

describe("sessions", () => {
  it("resolve to the current user and role, and stop working after a role change or deactivation", async () => {
    const user = await createUser("viewer");
    const sessionId = await startConsoleSession(user.id);
    const session = { userId: user.id, sessionId, sessionVersion: user.sessionVersion };
    expect(await actorFromSession(session)).toMatchObject({ kind: "user", userId: user.id, role: "viewer" });
    await changeUserRole({ ctx: { actor: SYSTEM_ACTOR }, input: { userId: user.id, role: "responder" } });
    expect(await actorFromSession(session)).toBeNull();
    expect(await actorFromSession({ ...session, sessionVersion: user.sessionVersion + 1 })).toBeNull();
    const renewed = {
      userId: user.id,
      sessionId: await startConsoleSession(user.id),
      sessionVersion: user.sessionVersion + 1,
    };
    expect(await actorFromSession(renewed)).toMatchObject({ role: "responder" });
    await deactivateUser({ ctx: { actor: SYSTEM_ACTOR }, input: { userId: user.id } });
    expect(await actorFromSession({ ...renewed, sessionVersion: user.sessionVersion + 2 })).toBeNull();
    expect(await actorFromSession(null)).toBeNull();
    expect(await actorFromSession({ userId: 42 })).toBeNull();
  });

  it("a signed-out session stays refused when its cookie is replayed; other sessions of the user keep working", async () => {
    const user = await createUser("responder");
    const laptop = {
      userId: user.id,
      sessionId: await startConsoleSession(user.id),
      sessionVersion: user.sessionVersion,
    };
    const phone = {
      userId: user.id,
      sessionId: await startConsoleSession(user.id),
      sessionVersion: user.sessionVersion,
    };
    await revokeConsoleSession(laptop.sessionId);
    expect(await actorFromSession(laptop)).toBeNull();
    expect(await actorFromSession(phone)).toMatchObject({ userId: user.id });
    expect(await actorFromSession({ userId: user.id, sessionVersion: user.sessionVersion })).toBeNull();
    const other = await createUser("owner");
    expect(await actorFromSession({ ...phone, userId: other.id, sessionVersion: other.sessionVersion })).toBeNull();
  });

  it("a session past its lifetime is refused", async () => {
    const user = await createUser("viewer");
    const sessionId = await startConsoleSession(user.id, undefined, new Date(Date.now() - 13 * 3_600_000));
    expect(await actorFromSession({ userId: user.id, sessionId, sessionVersion: user.sessionVersion })).toBeNull();
  });
});

describe("database outage", () => {
  it("posting an update while PostgreSQL is unreachable becomes a clear 'nothing was saved' error", async () => {
    const ctx = await ctxFor();
    const unreachable = new PrismaClient({
      adapter: new PrismaPg({
        connectionString: "postgresql://postgres@127.0.0.1:1/none",
        connectionTimeoutMillis: 500,
      }),
    });
    try {
      const error = await postIncidentUpdate({
        ctx: { ...ctx, db: unreachable },
        input: { incidentId: "abcdef", status: "identified", body: "Kept in the form" },
      }).catch((e: unknown) => e);
      const appError = toAppError(error);
      expect(appError.code).toBe("UNAVAILABLE");
      expect(appError.message).toMatch(/database is unavailable.*nothing was saved/i);
    } finally {
      await unreachable.$disconnect();
    }
  });
});

describe("sign-in redirect", () => {
  it.each([
    ["/admin/incidents?q=x", "/admin/incidents?q=x"],
    ["//evil.example/x", "/admin"],
    ["/\\evil.example", "/admin"],
    ["https://evil.example", "/admin"],
    ["javascript:alert(1)", "/admin"],
    [undefined, "/admin"],
    ["/..//evil.example/phish", "/admin"],
    ["/admin/../..//evil.example", "/admin"],
    ["/admin/%2e%2e/%2e%2e//evil.example", "/admin"],
    ["/admin/..\\..\\/evil.example", "/admin"],
    ["/./\\evil.example", "/admin"],
    ["/admin/../admin/incidents", "/admin/incidents"],
  ])("%s goes to %s", (input, expected) => {
    expect(safeRedirectPath(input)).toBe(expected);
  });
});
