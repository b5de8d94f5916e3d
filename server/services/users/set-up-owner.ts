import "server-only";
import { z } from "zod";
import { inTransaction, SYSTEM_ACTOR, type ServiceContext } from "@/server/services/context";
import { writeAudit } from "@/server/services/audit";
import { parseInput } from "@/server/services/validation";
import { hashPassword } from "@/server/auth/password";
import { unauthenticatedHashing } from "@/server/auth/work-gate";
import { AppError } from "@/server/errors";
import { getDb, type DbOrTx } from "@/server/db/client";
import { emailSchema, passwordSchema, userAuditSelect, userNameSchema } from "@/server/services/users/user-schemas";

export const setUpOwnerSchema = z.object({
  email: emailSchema,
  name: userNameSchema,
  password: passwordSchema,
});

const ALREADY_SET_UP = "The console is already set up. Sign in instead.";

export async function hasAnyUser(db: DbOrTx = getDb()): Promise<boolean> {
  return (await db.user.count()) > 0;
}

/**
 * First run: creates the owner account. Refused as soon as any user exists; an advisory lock makes two
 * simultaneous setups create one owner, not two.
 */
export async function setUpOwner({ ctx = { actor: SYSTEM_ACTOR }, input }: { ctx?: ServiceContext; input: unknown }) {
  if (await hasAnyUser(ctx.db ?? getDb())) throw new AppError("FORBIDDEN", ALREADY_SET_UP);
  const data = parseInput(setUpOwnerSchema, input);
  const passwordHash = await unauthenticatedHashing.run(() => hashPassword(data.password));
  return inTransaction(ctx, async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('statuspage:owner-setup'))`;
    if (await hasAnyUser(tx)) throw new AppError("FORBIDDEN", ALREADY_SET_UP);
    const user = await tx.user.create({ data: { email: data.email, name: data.name, role: "owner", passwordHash }, select: userAuditSelect });
    await writeAudit(tx, { ...SYSTEM_ACTOR, label: "setup" }, { action: "user.setup-owner", entityType: "user", entityId: user.id, after: user });
    return { user, tags: [] as string[] };
  });
}

/** Unattended installs: creates the owner from OWNER_EMAIL / OWNER_PASSWORD (/ OWNER_NAME) when no user exists yet. */
export async function setUpOwnerFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<"created" | "skipped" | "not-configured"> {
  if (!env.OWNER_EMAIL || !env.OWNER_PASSWORD) return "not-configured";
  if (await hasAnyUser()) return "skipped";
  try {
    await setUpOwner({ input: { email: env.OWNER_EMAIL, password: env.OWNER_PASSWORD, name: env.OWNER_NAME || "Owner" } });
    return "created";
  } catch (error) {
    if (error instanceof AppError && error.code === "FORBIDDEN") return "skipped";
    if (error instanceof AppError && error.fieldErrors) {
      const detail = Object.entries(error.fieldErrors).map(([field, messages]) => `OWNER_${field.toUpperCase()}: ${messages.join(" ")}`);
      throw new Error(`Invalid owner configuration:\n  ${detail.join("\n  ")}`);
    }
    throw error;
  }
}
