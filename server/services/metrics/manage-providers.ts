import "server-only";
import { z } from "zod";
import { authorize, inTransaction, type ServiceContext } from "@/server/services/context";
import { writeAudit } from "@/server/services/audit";
import { booleanish, id, parseInput } from "@/server/services/validation";
import { AppError, invalidFields } from "@/server/errors";
import { TAGS } from "@/server/cache/tags";
import { readConfig } from "@/server/config";
import { sealSecret } from "@/server/notifications/sealed-secret";
import { METRICS_PROVIDER_TYPES } from "@/lib/metrics";

export const PROMETHEUS_AUTHORIZATION_PURPOSE = "metrics-provider:authorization";

const providerAuditSelect = { id: true, type: true, baseUrl: true, disabled: true } as const;

const baseUrlSchema = z
  .string()
  .trim()
  .max(2_000, "Use at most 2,000 characters.")
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "http:" || url.protocol === "https:") && !url.username && !url.password;
    } catch {
      return false;
    }
  }, "Enter the http:// or https:// address of the Prometheus HTTP API, without a user or password.")
  .transform((value) => value.replace(/\/+$/, ""));

export const createMetricsProviderSchema = z.object({
  type: z.enum(METRICS_PROVIDER_TYPES, { error: "Choose Self or Prometheus." }),
  baseUrl: z.preprocess((v) => (v === "" || v === null ? undefined : v), baseUrlSchema.optional()),
  /** An Authorization header value (`Bearer …`, `Basic …`), stored sealed; "" clears it, absent keeps it. */
  authorization: z.string().trim().max(4_000, "Use at most 4,000 characters.").optional(),
  disabled: booleanish.default(false),
});

export const updateMetricsProviderSchema = createMetricsProviderSchema
  .omit({ type: true })
  .partial()
  .extend({ providerId: id("Provider") });

function sealAuthorization(value: string): string {
  const secret = readConfig().AUTH_SECRET;
  if (!secret) throw new AppError("UNAVAILABLE", "AUTH_SECRET is not set, so a credential cannot be stored safely.");
  return sealSecret(value, secret, PROMETHEUS_AUTHORIZATION_PURPOSE);
}

function sealedField(authorization: string | undefined): { authorizationSealed?: string | null } {
  if (authorization === undefined) return {};
  return { authorizationSealed: authorization === "" ? null : sealAuthorization(authorization) };
}

/** Links a metrics provider: "Self" takes pushed data; a Prometheus provider needs the address of its HTTP API. */
export async function createMetricsProvider({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.input<typeof createMetricsProviderSchema>;
}) {
  authorize(ctx.actor, "owner");
  const data = parseInput(createMetricsProviderSchema, input);
  if (data.type === "prometheus" && !data.baseUrl)
    throw invalidFields({ baseUrl: ["Enter the address of the Prometheus HTTP API."] });
  return inTransaction(ctx, async (tx) => {
    const provider = await tx.metricsProvider.create({
      data: {
        type: data.type,
        baseUrl: data.type === "prometheus" ? data.baseUrl : null,
        disabled: data.disabled,
        lastRevalidatedAt: new Date(),
        ...sealedField(data.type === "prometheus" ? data.authorization : undefined),
      },
      select: providerAuditSelect,
    });
    await writeAudit(tx, ctx.actor, {
      action: "metrics-provider.create",
      entityType: "metrics_provider",
      entityId: provider.id,
      after: provider,
    });
    return { provider, tags: [] as string[] };
  });
}

export async function updateMetricsProvider({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.input<typeof updateMetricsProviderSchema>;
}) {
  authorize(ctx.actor, "owner");
  const data = parseInput(updateMetricsProviderSchema, input);
  return inTransaction(ctx, async (tx) => {
    const before = await tx.metricsProvider.findUnique({ where: { id: data.providerId }, select: providerAuditSelect });
    if (!before) throw new AppError("NOT_FOUND", "That metrics provider no longer exists.");
    if (before.type === "self" && data.baseUrl)
      throw invalidFields({ baseUrl: ["A Self provider takes pushed data; it has no address to poll."] });
    const provider = await tx.metricsProvider.update({
      where: { id: data.providerId },
      data: {
        ...(data.baseUrl !== undefined ? { baseUrl: data.baseUrl } : {}),
        ...(data.disabled !== undefined ? { disabled: data.disabled } : {}),
        ...sealedField(before.type === "prometheus" ? data.authorization : undefined),
        lastRevalidatedAt: new Date(),
      },
      select: providerAuditSelect,
    });
    // A provider's metrics are polled again at once with the new address or credential.
    await tx.metric.updateMany({
      where: { providerId: provider.id },
      data: { nextPollAt: null, failures: 0 },
    });
    await writeAudit(tx, ctx.actor, {
      action: "metrics-provider.edit",
      entityType: "metrics_provider",
      entityId: provider.id,
      before,
      after: provider,
    });
    return { provider, tags: [TAGS.metrics] };
  });
}

/** Unlinks a provider and deletes its metrics with all their points. */
export async function deleteMetricsProvider({ ctx, input }: { ctx: ServiceContext; input: { providerId: string } }) {
  authorize(ctx.actor, "owner");
  const { providerId } = parseInput(z.object({ providerId: id("Provider") }), input);
  return inTransaction(ctx, async (tx) => {
    const before = await tx.metricsProvider.findUnique({
      where: { id: providerId },
      select: { ...providerAuditSelect, metrics: { select: { id: true, name: true } } },
    });
    if (!before) throw new AppError("NOT_FOUND", "That metrics provider no longer exists.");
    await tx.metricsProvider.delete({ where: { id: providerId } });
    await writeAudit(tx, ctx.actor, {
      action: "metrics-provider.delete",
      entityType: "metrics_provider",
      entityId: providerId,
      before,
    });
    const tags = [TAGS.metrics, ...before.metrics.map((m) => TAGS.metric(m.id))];
    return { provider: before, tags };
  });
}
