import { describe, expect, it, inject } from "vitest";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/server/db/generated/client";
import { getDb } from "@/server/db/client";
import { hashPassword, verifyPassword } from "@/server/auth/password";
import { SIGN_IN_FAILED, SIGN_IN_THROTTLED, verifySignIn } from "@/server/auth/sign-in";
import { createUserWithPassword } from "@/server/services/users/create-user-with-password";
import { changeUserRole, deactivateUser } from "@/server/services/users/change-user-role";
import { setUpOwner } from "@/server/services/users/set-up-owner";
import { SYSTEM_ACTOR } from "@/server/services/context";
import { unique, untypedInput } from "@/tests/support/factories";
import { ctxFor, expectAppError } from "@/tests/console/helpers";
import { applyMigrations } from "@/scripts/lib/schema-engine";

const ip = () =>
  `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

describe("passwords", () => {
  it("hashes with scrypt in a self-describing format and verifies", async () => {
    const hash = await hashPassword("correct horse battery staple");
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await verifyPassword("correct horse battery staple", hash)).toBe(true);
    expect(await verifyPassword("correct horse battery stable", hash)).toBe(false);
    expect(await hashPassword("same")).not.toBe(await hashPassword("same"));
  });
});

describe("sign-in", () => {
  async function makeUser(role: "owner" | "responder" | "viewer" = "responder") {
    const email = `${unique("signin")}@example.test`;
    const { user } = await createUserWithPassword({
      ctx: { actor: SYSTEM_ACTOR },
      input: { email, name: "Sign In", role, password: "a-long-password-1" },
    });
    return user;
  }

  it("accepts the right password and gives the same error for a wrong password or unknown email", async () => {
    const user = await makeUser();
    const address = ip();
    const signedIn = await verifySignIn({
      email: user.email.toUpperCase(),
      password: "a-long-password-1",
      ip: address,
    });
    expect(signedIn.id).toBe(user.id);
    await expect(verifySignIn({ email: user.email, password: "wrong-password", ip: address })).rejects.toThrow(
      SIGN_IN_FAILED,
    );
    await expect(
      verifySignIn({ email: `${unique("nobody")}@example.test`, password: "a-long-password-1", ip: address }),
    ).rejects.toThrow(SIGN_IN_FAILED);
  });

  it("slows down an address that tries many accounts, and only that address", async () => {
    const address = ip();
    await getDb().signInAttempt.createMany({
      data: Array.from({ length: 25 }, () => ({
        email: `${unique("spray")}@example.test`,
        ip: address,
        succeeded: false,
      })),
    });
    const user = await makeUser();
    await expect(verifySignIn({ email: user.email, password: "a-long-password-1", ip: address })).rejects.toThrow(
      SIGN_IN_THROTTLED,
    );
    await expect(verifySignIn({ email: user.email, password: "a-long-password-1", ip: ip() })).resolves.toMatchObject({
      id: user.id,
    });
  });

  it("refuses a deactivated user with the generic message", async () => {
    const user = await makeUser();
    await deactivateUser({ ctx: { actor: SYSTEM_ACTOR }, input: { userId: user.id } });
    await expect(verifySignIn({ email: user.email, password: "a-long-password-1", ip: ip() })).rejects.toThrow(
      SIGN_IN_FAILED,
    );
  });
});

describe("users", () => {
  it("owner creates a user with a temporary password; the email must be unique and valid", async () => {
    const ctx = await ctxFor("owner");
    const email = `${unique("new")}@example.test`;
    const { user } = await createUserWithPassword({
      ctx,
      input: { email, name: "New Person", role: "viewer", password: "temporary-password" },
    });
    expect(user.role).toBe("viewer");
    const duplicate = await expectAppError(
      createUserWithPassword({ ctx, input: { email, name: "Again", role: "viewer", password: "temporary-password" } }),
      "VALIDATION",
    );
    expect(duplicate.fieldErrors?.email?.[0]).toMatch(/already exists/);
    const invalid = await expectAppError(
      createUserWithPassword({
        ctx,
        input: untypedInput({ email: "nope", name: "", role: "boss", password: "short" }),
      }),
      "VALIDATION",
    );
    expect(Object.keys(invalid.fieldErrors ?? {}).sort()).toEqual(["email", "name", "password", "role"]);
    const audit = await getDb().auditLog.findFirst({ where: { action: "user.create", entityId: user.id } });
    expect(audit?.actorId).toBe(ctx.actor.kind === "user" ? ctx.actor.userId : null);
  });

  it("a responder cannot create users or change roles", async () => {
    const ctx = await ctxFor("responder");
    await expectAppError(
      createUserWithPassword({
        ctx,
        input: { email: `${unique("x")}@example.test`, name: "X", role: "owner", password: "temporary-password" },
      }),
      "FORBIDDEN",
    );
    await expectAppError(changeUserRole({ ctx, input: { userId: "abc", role: "owner" } }), "FORBIDDEN");
  });

  it("changing a role or deactivating bumps the session version so old sessions stop working", async () => {
    const ctx = await ctxFor("owner");
    const { user } = await createUserWithPassword({
      ctx,
      input: { email: `${unique("role")}@example.test`, name: "R", role: "viewer", password: "temporary-password" },
    });
    const changed = await changeUserRole({ ctx, input: { userId: user.id, role: "responder" } });
    expect(changed.user.role).toBe("responder");
    expect(changed.user.sessionVersion).toBe(user.sessionVersion + 1);
    const deactivated = await deactivateUser({ ctx, input: { userId: user.id } });
    expect(deactivated.user.deactivatedAt).not.toBeNull();
    expect(deactivated.user.sessionVersion).toBe(user.sessionVersion + 2);
  });
});

describe("first-run owner setup", () => {
  it("creates the owner on an empty database and refuses once a user exists", async () => {
    const serverUrl = inject("serverUrl");
    const name = `statuspage_setup_${Date.now().toString(36)}_${process.pid}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url.toString() }) });
    try {
      await applyMigrations(url.toString());
      const input = { email: "Owner@Example.test", name: "Olive Owner", password: "first-run-password" };
      const invalid = await expectAppError(
        setUpOwner({ ctx: { actor: SYSTEM_ACTOR, db }, input: { ...input, password: "short" } }),
        "VALIDATION",
      );
      expect(invalid.fieldErrors?.password).toBeDefined();
      const everyRule = await expectAppError(
        setUpOwner({
          ctx: { actor: SYSTEM_ACTOR, db },
          input: { ...input, password: "OliveOwner", confirmPassword: "other" },
        }),
        "VALIDATION",
      );
      expect(everyRule.fieldErrors).toEqual({
        password: ["Use at least 12 characters.", "Do not use your name or email address in the password."],
        confirmPassword: ["The passwords do not match."],
      });
      const { user } = await setUpOwner({ ctx: { actor: SYSTEM_ACTOR, db }, input });
      expect(user).toMatchObject({ email: "owner@example.test", role: "owner" });
      await expectAppError(
        setUpOwner({ ctx: { actor: SYSTEM_ACTOR, db }, input: { ...input, email: "second@example.test" } }),
        "FORBIDDEN",
      );
      expect(await db.user.count()).toBe(1);
      const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } });
      expect(await verifyPassword("first-run-password", stored.passwordHash)).toBe(true);
    } finally {
      await db.$disconnect();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    }
  });
});
