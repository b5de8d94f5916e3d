import "server-only";
import { z } from "zod";
import { authorize, inTransaction, type ServiceContext } from "@/server/services/context";
import { writeAudit } from "@/server/services/audit";
import { parseInput } from "@/server/services/validation";
import { hashPassword } from "@/server/auth/password";
import { AppError } from "@/server/errors";
import {
  emailSchema,
  passwordSchema,
  roleSchema,
  userAuditSelect,
  userNameSchema,
} from "@/server/services/users/user-schemas";

export const createUserSchema = z.object({
  email: emailSchema,
  name: userNameSchema,
  role: roleSchema,
  password: passwordSchema,
});

/** Creates a user who signs in with the given (temporary) password. Owners only. */
export async function createUserWithPassword({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.input<typeof createUserSchema>;
}) {
  authorize(ctx.actor, "owner");
  const data = parseInput(createUserSchema, input);
  const passwordHash = await hashPassword(data.password);
  return inTransaction(ctx, async (tx) => {
    const existing = await tx.user.findUnique({ where: { email: data.email }, select: { id: true } });
    if (existing)
      throw new AppError("VALIDATION", "Some fields need attention.", {
        email: ["A user with this email already exists."],
      });
    const user = await tx.user.create({
      data: { email: data.email, name: data.name, role: data.role, passwordHash },
      select: userAuditSelect,
    });
    await writeAudit(tx, ctx.actor, { action: "user.create", entityType: "user", entityId: user.id, after: user });
    return { user, tags: [] as string[] };
  });
}
