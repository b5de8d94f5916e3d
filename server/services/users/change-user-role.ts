import "server-only";
import { z } from "zod";
import { authorize, inTransaction, type ServiceContext } from "@/server/services/context";
import { writeAudit } from "@/server/services/audit";
import { id, parseInput } from "@/server/services/validation";
import { AppError } from "@/server/errors";
import type { Tx } from "@/server/db/client";
import { roleSchema, userAuditSelect } from "@/server/services/users/user-schemas";
import { revokeUserSessions } from "@/server/auth/console-sessions";

export const changeUserRoleSchema = z.object({ userId: id("User"), role: roleSchema });
export const deactivateUserSchema = z.object({ userId: id("User") });

async function assertAnotherActiveOwner(tx: Tx, userId: string) {
  const owners = await tx.user.count({ where: { role: "owner", deactivatedAt: null, id: { not: userId } } });
  if (owners === 0)
    throw new AppError("VALIDATION", "The page needs at least one active owner.", {
      role: ["The page needs at least one active owner."],
    });
}

/** Changes a user's role; their existing sessions end so the new role applies at once. */
export async function changeUserRole({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.input<typeof changeUserRoleSchema>;
}) {
  authorize(ctx.actor, "owner");
  const data = parseInput(changeUserRoleSchema, input);
  return inTransaction(ctx, async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('statuspage:owners'))`;
    const before = await tx.user.findUnique({ where: { id: data.userId }, select: userAuditSelect });
    if (!before) throw new AppError("NOT_FOUND", "That user no longer exists.");
    if (before.role === "owner" && data.role !== "owner") await assertAnotherActiveOwner(tx, before.id);
    const user = await tx.user.update({
      where: { id: before.id },
      data: { role: data.role, sessionVersion: { increment: 1 } },
      select: userAuditSelect,
    });
    await revokeUserSessions(tx, user.id);
    await writeAudit(tx, ctx.actor, {
      action: "user.change-role",
      entityType: "user",
      entityId: user.id,
      before,
      after: user,
    });
    return { user, tags: [] as string[] };
  });
}

/** Deactivates a user: they cannot sign in and their sessions end immediately. */
export async function deactivateUser({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.input<typeof deactivateUserSchema>;
}) {
  authorize(ctx.actor, "owner");
  const data = parseInput(deactivateUserSchema, input);
  return inTransaction(ctx, async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('statuspage:owners'))`;
    const before = await tx.user.findUnique({ where: { id: data.userId }, select: userAuditSelect });
    if (!before) throw new AppError("NOT_FOUND", "That user no longer exists.");
    if (before.deactivatedAt) return { user: before, tags: [] as string[] };
    if (before.role === "owner") await assertAnotherActiveOwner(tx, before.id);
    const user = await tx.user.update({
      where: { id: before.id },
      data: { deactivatedAt: new Date(), sessionVersion: { increment: 1 } },
      select: userAuditSelect,
    });
    await revokeUserSessions(tx, user.id);
    await writeAudit(tx, ctx.actor, {
      action: "user.deactivate",
      entityType: "user",
      entityId: user.id,
      before,
      after: user,
    });
    return { user, tags: [] as string[] };
  });
}

/** Lets a deactivated user sign in again. */
export async function reactivateUser({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.input<typeof deactivateUserSchema>;
}) {
  authorize(ctx.actor, "owner");
  const data = parseInput(deactivateUserSchema, input);
  return inTransaction(ctx, async (tx) => {
    const before = await tx.user.findUnique({ where: { id: data.userId }, select: userAuditSelect });
    if (!before) throw new AppError("NOT_FOUND", "That user no longer exists.");
    const user = await tx.user.update({
      where: { id: before.id },
      data: { deactivatedAt: null },
      select: userAuditSelect,
    });
    await writeAudit(tx, ctx.actor, {
      action: "user.reactivate",
      entityType: "user",
      entityId: user.id,
      before,
      after: user,
    });
    return { user, tags: [] as string[] };
  });
}
