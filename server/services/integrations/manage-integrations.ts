import "server-only";
import { z } from "zod";
import { AppError } from "@/server/errors";
import { authorize, inTransaction, type ServiceContext } from "@/server/services/context";
import { writeAudit } from "@/server/services/audit";
import { id, parseInput, requiredText } from "@/server/services/validation";
import {
  generateIntegrationToken,
  hashIntegrationToken,
  tokenPrefix,
} from "@/server/services/integrations/integration-token";
import { ALERT_SOURCES, DAMPING_DEFAULT_SECONDS, DAMPING_MAX_SECONDS } from "@/lib/integrations";

const seconds = (label: string) =>
  z
    .number({ error: `${label} must be a number of seconds.` })
    .int(`${label} must be whole seconds.`)
    .min(0, `${label} cannot be negative.`)
    .max(DAMPING_MAX_SECONDS, `${label} must be at most ${DAMPING_MAX_SECONDS} seconds (a day).`)
    .default(DAMPING_DEFAULT_SECONDS);

export const createIntegrationSchema = z.object({
  name: requiredText("Name", 100),
  source: z.enum(ALERT_SOURCES, { error: "Choose Alertmanager, Grafana or generic JSON." }),
  fireAfterSeconds: seconds("Fire after"),
  recoverAfterSeconds: seconds("Recover after"),
});

const select = {
  id: true,
  name: true,
  source: true,
  tokenPrefix: true,
  fireAfterSeconds: true,
  recoverAfterSeconds: true,
  revokedAt: true,
  createdAt: true,
} as const;

/** Creates an integration; its token is returned only here and stored as a SHA-256 hash. */
export async function createIntegration({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.input<typeof createIntegrationSchema>;
}) {
  authorize(ctx.actor, "owner");
  const data = parseInput(createIntegrationSchema, input);
  const token = generateIntegrationToken();
  return inTransaction(ctx, async (tx) => {
    const integration = await tx.alertIntegration.create({
      data: { ...data, tokenHash: hashIntegrationToken(token), tokenPrefix: tokenPrefix(token) },
      select,
    });
    await writeAudit(tx, ctx.actor, {
      action: "integration.create",
      entityType: "integration",
      entityId: integration.id,
      after: integration,
    });
    return { integration, token, tags: [] as string[] };
  });
}

export const updateIntegrationSchema = z.object({
  integrationId: id("Integration"),
  name: requiredText("Name", 100),
  fireAfterSeconds: seconds("Fire after"),
  recoverAfterSeconds: seconds("Recover after"),
});

export async function updateIntegration({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.input<typeof updateIntegrationSchema>;
}) {
  authorize(ctx.actor, "owner");
  const data = parseInput(updateIntegrationSchema, input);
  return inTransaction(ctx, async (tx) => {
    const before = await tx.alertIntegration.findUnique({ where: { id: data.integrationId }, select });
    if (!before) throw new AppError("NOT_FOUND", "That integration no longer exists.");
    const { integrationId, ...fields } = data;
    const integration = await tx.alertIntegration.update({ where: { id: integrationId }, data: fields, select });
    await tx.componentAutomation.updateMany({
      where: { component: { alertStates: { some: { integrationId } } } },
      data: { checkAt: new Date() },
    });
    await writeAudit(tx, ctx.actor, {
      action: "integration.update",
      entityType: "integration",
      entityId: integrationId,
      before,
      after: integration,
    });
    return { integration, tags: [] as string[] };
  });
}

export const integrationIdSchema = z.object({ integrationId: id("Integration") });

/** Revokes for good: its URL answers 401 from now on, and its alerts stop holding any component. */
export async function revokeIntegration({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.input<typeof integrationIdSchema>;
}) {
  authorize(ctx.actor, "owner");
  const data = parseInput(integrationIdSchema, input);
  return inTransaction(ctx, async (tx) => {
    const before = await tx.alertIntegration.findUnique({ where: { id: data.integrationId }, select });
    if (!before) throw new AppError("NOT_FOUND", "That integration no longer exists.");
    if (before.revokedAt) throw new AppError("CONFLICT", "That integration is already revoked.");
    const integration = await tx.alertIntegration.update({
      where: { id: data.integrationId },
      data: { revokedAt: new Date() },
      select,
    });
    // Components its alerts held are evaluated again by the scheduler, without them.
    await tx.componentAutomation.updateMany({
      where: { component: { alertStates: { some: { integrationId: data.integrationId } } } },
      data: { checkAt: new Date() },
    });
    await writeAudit(tx, ctx.actor, {
      action: "integration.revoke",
      entityType: "integration",
      entityId: integration.id,
      before,
      after: integration,
    });
    return { integration, tags: [] as string[] };
  });
}
