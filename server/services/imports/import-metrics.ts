import "server-only";
import { z } from "zod";
import { authorize, inTransaction, type ServiceContext } from "@/server/services/context";
import { writeAudit } from "@/server/services/audit";
import { AppError, toFieldErrors } from "@/server/errors";
import { metricAuditSelect, metricFieldsSchema, nextMetricPosition } from "@/server/services/metrics/metric-shared";
import {
  fingerprintOf,
  isUnchanged,
  parseSource,
  recordImport,
  type ImportOutcome,
} from "@/server/services/imports/import-shared";
import { LIMITS } from "@/lib/status";
import { METRIC_LIMITS } from "@/lib/metrics";

const sourceId = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/);

const sourceProviderSchema = z.object({
  id: sourceId,
  type: z.string(),
  disabled: z.boolean().nullish(),
});

const sourceMetricSchema = z.object({
  id: sourceId,
  metrics_provider_id: sourceId,
  name: z.string(),
  metric_identifier: z.string().nullish(),
  transform: z.string().nullish(),
  suffix: z.string().nullish(),
  y_axis_min: z.number().nullish(),
  y_axis_max: z.number().nullish(),
  y_axis_hidden: z.boolean().nullish(),
  display: z.boolean().nullish(),
  decimal_places: z.number().nullish(),
  tooltip_description: z.string().nullish(),
});

/**
 * Creates or updates a Self metrics provider under its Statuspage id. Other types (Datadog, New Relic, Pingdom,
 * Librato) pull from services this product does not poll, so they are skipped with the reason.
 */
export async function importMetricsProvider({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: unknown;
}): Promise<ImportOutcome> {
  authorize(ctx.actor, "owner");
  const provider = parseSource(sourceProviderSchema, input);
  if (provider.type.toLowerCase() !== "self")
    return {
      outcome: "skipped",
      reason: `${provider.type} providers are not imported (only Self); add a Prometheus provider in the console instead. Its metrics are skipped too.`,
    };
  const values = { type: "self" as const, disabled: provider.disabled ?? false };
  const fingerprint = fingerprintOf(values);
  return inTransaction(ctx, async (tx) => {
    const existing = await tx.metricsProvider.findUnique({ where: { id: provider.id }, select: { type: true } });
    if (existing && existing.type !== "self")
      return { outcome: "skipped", reason: `A ${existing.type} provider here already has the id ${provider.id}.` };
    if (await isUnchanged(tx, "metrics_provider", provider.id, fingerprint, Boolean(existing)))
      return { outcome: "unchanged" };
    await tx.metricsProvider.upsert({
      where: { id: provider.id },
      create: { id: provider.id, ...values, lastRevalidatedAt: new Date() },
      update: { disabled: values.disabled },
    });
    await writeAudit(tx, ctx.actor, {
      action: existing ? "metrics-provider.edit" : "metrics-provider.create",
      entityType: "metrics_provider",
      entityId: provider.id,
      after: values,
    });
    await recordImport(tx, "metrics_provider", provider.id, provider.id, fingerprint);
    return { outcome: existing ? "updated" : "created" };
  });
}

const clampedText = (value: string | null | undefined, max: number) => (value ?? "").trim().slice(0, max);

/** A source metric's definition in this product's terms, within its limits; an axis that leaves no room is dropped. */
function definitionOf(metric: z.infer<typeof sourceMetricSchema>) {
  const axisFits = metric.y_axis_min == null || metric.y_axis_max == null || metric.y_axis_min < metric.y_axis_max;
  const parsed = metricFieldsSchema.safeParse({
    name: clampedText(metric.name, LIMITS.nameMax),
    metricIdentifier: clampedText(metric.metric_identifier, METRIC_LIMITS.identifierMax),
    transform: metric.transform ?? undefined,
    suffix: clampedText(metric.suffix, METRIC_LIMITS.suffixMax),
    decimalPlaces: Math.min(METRIC_LIMITS.decimalPlacesMax, Math.max(0, Math.round(metric.decimal_places ?? 0))),
    yAxisMin: axisFits ? (metric.y_axis_min ?? null) : null,
    yAxisMax: axisFits ? (metric.y_axis_max ?? null) : null,
    yAxisHidden: metric.y_axis_hidden ?? false,
    display: metric.display ?? true,
    tooltipDescription: metric.tooltip_description ? metric.tooltip_description.slice(0, LIMITS.descriptionMax) : null,
  });
  if (parsed.success) return parsed.data;
  const fields = Object.keys(toFieldErrors(parsed.error.issues, "metric")).join(", ");
  throw new AppError("VALIDATION", `The metric's ${fields} could not be read.`);
}

/**
 * Creates or updates a metric's definition under its Statuspage id, so scripts that push to
 * `/metrics/<id>/data` keep working once pointed here. `importedProviderIds` are the Self providers this run imported.
 */
export async function importMetric({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { metric: unknown; importedProviderIds: string[] };
}): Promise<ImportOutcome> {
  authorize(ctx.actor, "owner");
  const metric = parseSource(sourceMetricSchema, input.metric);
  if (!input.importedProviderIds.includes(metric.metrics_provider_id))
    return { outcome: "skipped", reason: `Its provider ${metric.metrics_provider_id} was not imported.` };
  const definition = definitionOf(metric);
  const name = definition.name;
  if (!name) return { outcome: "skipped", reason: "The metric has no name." };
  const fingerprint = fingerprintOf({ providerId: metric.metrics_provider_id, definition });
  return inTransaction(ctx, async (tx) => {
    const existing = await tx.metric.findUnique({
      where: { id: metric.id },
      select: { ...metricAuditSelect, provider: { select: { type: true } } },
    });
    if (existing && existing.provider.type !== "self")
      return { outcome: "skipped", reason: `A polled metric here already has the id ${metric.id}.` };
    if (await isUnchanged(tx, "metric", metric.id, fingerprint, Boolean(existing))) return { outcome: "unchanged" };
    // A dry run rolled this run's provider back; the real run has it, so the metric is written as the real run would.
    await tx.metricsProvider.upsert({
      where: { id: metric.metrics_provider_id },
      create: { id: metric.metrics_provider_id, type: "self", lastRevalidatedAt: new Date() },
      update: {},
    });
    const saved = existing
      ? await tx.metric.update({
          where: { id: metric.id },
          data: { ...definition, providerId: metric.metrics_provider_id, version: { increment: 1 } },
          select: metricAuditSelect,
        })
      : await tx.metric.create({
          data: {
            id: metric.id,
            providerId: metric.metrics_provider_id,
            ...definition,
            name,
            position: await nextMetricPosition(tx),
          },
          select: metricAuditSelect,
        });
    const { provider: _provider, ...before } = existing ?? { provider: null };
    await writeAudit(tx, ctx.actor, {
      action: existing ? "metric.edit" : "metric.create",
      entityType: "metric",
      entityId: metric.id,
      ...(existing ? { before } : {}),
      after: saved,
    });
    await recordImport(tx, "metric", metric.id, metric.id, fingerprint);
    return { outcome: existing ? "updated" : "created" };
  });
}
