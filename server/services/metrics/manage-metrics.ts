import "server-only";
import { z } from "zod";
import { authorize, inTransaction, type ServiceContext } from "@/server/services/context";
import { writeAudit } from "@/server/services/audit";
import { id, parseInput, version } from "@/server/services/validation";
import { AppError, invalidFields } from "@/server/errors";
import { STALE_MESSAGE } from "@/server/services/incidents/edit-incident-update";
import {
  assertAxisOrder,
  assertComponentExists,
  findMetricOrThrow,
  metricAuditSelect,
  metricFieldsSchema,
  metricTags,
  nextMetricPosition,
} from "@/server/services/metrics/metric-shared";

export const createMetricSchema = metricFieldsSchema.extend({
  providerId: id("Provider"),
  name: metricFieldsSchema.shape.name.unwrap(),
});

export const updateMetricSchema = metricFieldsSchema.extend({
  metricId: id("Metric"),
  /** The console sends the version it edited; the API (Statuspage has none) leaves it out. */
  version: version.optional(),
});

/** Adds a metric to a provider. A Prometheus metric needs its PromQL expression and is polled from then on. */
export async function createMetric({ ctx, input }: { ctx: ServiceContext; input: z.input<typeof createMetricSchema> }) {
  authorize(ctx.actor, "responder");
  const data = parseInput(createMetricSchema, input);
  assertAxisOrder(data.yAxisMin, data.yAxisMax);
  return inTransaction(ctx, async (tx) => {
    const provider = await tx.metricsProvider.findUnique({
      where: { id: data.providerId },
      select: { id: true, type: true },
    });
    if (!provider) throw new AppError("NOT_FOUND", "That metrics provider no longer exists.");
    if (provider.type === "prometheus" && !data.metricIdentifier)
      throw invalidFields({ metricIdentifier: ["Enter the PromQL expression that gives this metric's value."] });
    await assertComponentExists(tx, data.componentId);
    const { providerId, ...fields } = data;
    const metric = await tx.metric.create({
      data: { ...fields, providerId, position: await nextMetricPosition(tx) },
      select: metricAuditSelect,
    });
    await writeAudit(tx, ctx.actor, {
      action: "metric.create",
      entityType: "metric",
      entityId: metric.id,
      after: metric,
    });
    return { metric, tags: metricTags(metric.id) };
  });
}

/** Changes what a metric shows or polls; only the fields given change. */
export async function updateMetric({ ctx, input }: { ctx: ServiceContext; input: z.input<typeof updateMetricSchema> }) {
  authorize(ctx.actor, "responder");
  const data = parseInput(updateMetricSchema, input);
  return inTransaction(ctx, async (tx) => {
    const before = await findMetricOrThrow(tx, data.metricId);
    const { metricId, version: expected, ...fields } = data;
    assertAxisOrder(
      fields.yAxisMin !== undefined ? fields.yAxisMin : before.yAxisMin,
      fields.yAxisMax !== undefined ? fields.yAxisMax : before.yAxisMax,
    );
    if (before.provider.type === "prometheus" && fields.metricIdentifier === "")
      throw invalidFields({ metricIdentifier: ["Enter the PromQL expression that gives this metric's value."] });
    await assertComponentExists(tx, fields.componentId);
    const queryChanged = fields.metricIdentifier !== undefined && fields.metricIdentifier !== before.metricIdentifier;
    const changed = await tx.metric.updateMany({
      where: { id: metricId, ...(expected !== undefined ? { version: expected } : {}) },
      data: {
        ...fields,
        version: { increment: 1 },
        ...(queryChanged ? { nextPollAt: null, failures: 0, lastError: null, lastErrorAt: null } : {}),
      },
    });
    if (changed.count === 0) throw new AppError("CONFLICT", STALE_MESSAGE);
    const metric = await tx.metric.findUniqueOrThrow({ where: { id: metricId }, select: metricAuditSelect });
    const { provider: _provider, ...beforeFields } = before;
    await writeAudit(tx, ctx.actor, {
      action: "metric.edit",
      entityType: "metric",
      entityId: metricId,
      before: beforeFields,
      after: metric,
    });
    return { metric, tags: metricTags(metricId) };
  });
}

/** Deletes a metric with every point and rollup it had. */
export async function deleteMetric({ ctx, input }: { ctx: ServiceContext; input: { metricId: string } }) {
  authorize(ctx.actor, "responder");
  const { metricId } = parseInput(z.object({ metricId: id("Metric") }), input);
  return inTransaction(ctx, async (tx) => {
    const before = await findMetricOrThrow(tx, metricId);
    await tx.metric.delete({ where: { id: metricId } });
    const { provider: _provider, ...beforeFields } = before;
    await writeAudit(tx, ctx.actor, {
      action: "metric.delete",
      entityType: "metric",
      entityId: metricId,
      before: beforeFields,
    });
    return { metric: before, tags: metricTags(metricId) };
  });
}
