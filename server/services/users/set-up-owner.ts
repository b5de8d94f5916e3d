import "server-only";
import { z } from "zod";
import { inTransaction, SYSTEM_ACTOR, type ServiceContext } from "@/server/services/context";
import { writeAudit } from "@/server/services/audit";
import { parseInput } from "@/server/services/validation";
import { hashPassword } from "@/server/auth/password";
import { unauthenticatedHashing } from "@/server/auth/work-gate";
import { AppError } from "@/server/errors";
import { getDb } from "@/server/db/client";
import { readConfig, type Config } from "@/server/config";
import { hasAnyUser } from "@/server/queries/users";
import { emailSchema, passwordSchema, userAuditSelect, userNameSchema } from "@/server/services/users/user-schemas";

export const setUpOwnerSchema = z.object({
  email: emailSchema,
  name: userNameSchema,
  password: passwordSchema,
  confirmPassword: z.string().optional(),
});

const ALREADY_SET_UP = "The console is already set up. Sign in instead.";

type SetUpOwnerInput = z.input<typeof setUpOwnerSchema>;

/** The rules a set-up form breaks beyond each field's own shape; reported with them, not after them. */
function crossFieldErrors(input: SetUpOwnerInput): Record<string, string[]> {
  const squash = (value: string) => value.toLowerCase().replace(/\s+/g, "");
  const password = squash(input.password);
  const personal = [squash(input.email), squash(input.email.split("@")[0]), squash(input.name)].filter(
    (part) => part.length >= 4,
  );
  const errors: Record<string, string[]> = {};
  if (password && personal.some((part) => password.includes(part)))
    errors.password = ["Do not use your name or email address in the password."];
  if (input.confirmPassword !== undefined && input.confirmPassword !== input.password)
    errors.confirmPassword = ["The passwords do not match."];
  return errors;
}

function parseSetUp(input: SetUpOwnerInput) {
  const extra = crossFieldErrors(input);
  try {
    const data = parseInput(setUpOwnerSchema, input);
    if (Object.keys(extra).length) throw new AppError("VALIDATION", "Some fields need attention.", extra);
    return data;
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "VALIDATION") throw error;
    const merged: Record<string, string[]> = { ...error.fieldErrors };
    for (const [key, messages] of Object.entries(extra))
      merged[key] = [...new Set([...(merged[key] ?? []), ...messages])];
    throw new AppError("VALIDATION", "Some fields need attention.", merged);
  }
}

/**
 * First run: creates the owner account. Refused as soon as any user exists; an advisory lock makes two
 * simultaneous setups create one owner, not two.
 */
export async function setUpOwner({
  ctx = { actor: SYSTEM_ACTOR },
  input,
}: {
  ctx?: ServiceContext;
  input: SetUpOwnerInput;
}) {
  if (await hasAnyUser(ctx.db ?? getDb())) throw new AppError("FORBIDDEN", ALREADY_SET_UP);
  const data = parseSetUp(input);
  const passwordHash = await unauthenticatedHashing.run(() => hashPassword(data.password));
  return inTransaction(ctx, async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('statuspage:owner-setup'))`;
    if (await hasAnyUser(tx)) throw new AppError("FORBIDDEN", ALREADY_SET_UP);
    const user = await tx.user.create({
      data: { email: data.email, name: data.name, role: "owner", passwordHash },
      select: userAuditSelect,
    });
    await writeAudit(
      tx,
      { ...SYSTEM_ACTOR, label: "setup" },
      { action: "user.setup-owner", entityType: "user", entityId: user.id, after: user },
    );
    return { user, tags: [] as string[] };
  });
}

/** Unattended installs: creates the owner from OWNER_EMAIL / OWNER_PASSWORD (/ OWNER_NAME) when no user exists yet. */
export async function setUpOwnerFromEnv(
  config: Pick<Config, "OWNER_EMAIL" | "OWNER_PASSWORD" | "OWNER_NAME"> = readConfig(),
): Promise<"created" | "skipped" | "not-configured"> {
  const { OWNER_EMAIL: email, OWNER_PASSWORD: password } = config;
  if (!email || !password) return "not-configured";
  if (await hasAnyUser()) return "skipped";
  try {
    await setUpOwner({ input: { email, password, name: config.OWNER_NAME } });
    return "created";
  } catch (error) {
    if (error instanceof AppError && error.code === "FORBIDDEN") return "skipped";
    if (error instanceof AppError && error.fieldErrors) {
      const detail = Object.entries(error.fieldErrors).map(
        ([field, messages]) => `OWNER_${field.toUpperCase()}: ${messages.join(" ")}`,
      );
      throw new Error(`Invalid owner configuration:\n  ${detail.join("\n  ")}`);
    }
    throw error;
  }
}
