import "server-only";
import { z } from "zod";
import type { Tx } from "@/server/db/client";
import { metricFields } from "@/server/db/base-selects";
import { AppError, invalidFields } from "@/server/errors";
import { TAGS } from "@/server/cache/tags";
import { booleanish, optionalText } from "@/server/services/validation";
import { ID_PATTERN, LIMITS } from "@/lib/status";
import { METRIC_INTERVAL_SECONDS, METRIC_LIMITS, METRIC_RANGES, METRIC_TRANSFORMS } from "@/lib/metrics";

const emptyToNull = (value: unknown) => (value === "" ? null : value);

const axisBound = z.preprocess(
  emptyToNull,
  z.coerce.number({ error: "Enter a number." }).finite("Enter a number.").nullable(),
);

/**
 * Every field of a metric a writer may set. Each is optional so that an API PATCH changes only what it names;
 * creating a metric requires `name` (see createMetricSchema).
 */
export const metricFieldsSchema = z.object({
  name: z
    .string({ error: "Name is required." })
    .trim()
    .min(1, "Name is required.")
    .max(LIMITS.nameMax, `Name must be at most ${LIMITS.nameMax} characters.`)
    .optional(),
  metricIdentifier: z
    .string()
    .trim()
    .max(METRIC_LIMITS.identifierMax, `Use at most ${METRIC_LIMITS.identifierMax} characters.`)
    .optional(),
  transform: z.enum(METRIC_TRANSFORMS, { error: "Choose average, count, max, min or sum." }).optional(),
  suffix: z
    .string()
    .trim()
    .max(METRIC_LIMITS.suffixMax, `Use at most ${METRIC_LIMITS.suffixMax} characters.`)
    .optional(),
  decimalPlaces: z.coerce
    .number({ error: "Enter a whole number." })
    .int("Enter a whole number.")
    .min(0, "Use 0 or more decimal places.")
    .max(METRIC_LIMITS.decimalPlacesMax, `Use at most ${METRIC_LIMITS.decimalPlacesMax} decimal places.`)
    .optional(),
  yAxisMin: axisBound.optional(),
  yAxisMax: axisBound.optional(),
  yAxisHidden: booleanish.optional(),
  display: booleanish.optional(),
  tooltipDescription: optionalText(LIMITS.descriptionMax).nullable(),
  defaultRange: z.enum(METRIC_RANGES, { error: "Choose day, week or month." }).optional(),
  componentId: z.preprocess(emptyToNull, z.string().regex(ID_PATTERN, "Choose a component.").nullable().optional()),
  intervalSeconds: z.coerce
    .number({ error: "Enter a number of seconds." })
    .int("Enter a whole number of seconds.")
    .min(METRIC_INTERVAL_SECONDS.min, `Poll at most every ${METRIC_INTERVAL_SECONDS.min} seconds.`)
    .max(METRIC_INTERVAL_SECONDS.max, `Poll at least every ${METRIC_INTERVAL_SECONDS.max} seconds.`)
    .optional(),
});
export type MetricFields = z.infer<typeof metricFieldsSchema>;

/** The y axis must leave room to draw: a minimum below the maximum. */
export function assertAxisOrder(min: number | null | undefined, max: number | null | undefined) {
  if (min != null && max != null && min >= max)
    throw invalidFields({ yAxisMax: ["The y-axis maximum must be greater than its minimum."] });
}

export async function assertComponentExists(tx: Tx, componentId: string | null | undefined) {
  if (!componentId) return;
  const component = await tx.component.findUnique({ where: { id: componentId }, select: { id: true } });
  if (!component) throw invalidFields({ componentId: ["That component no longer exists."] });
}

export async function nextMetricPosition(tx: Tx): Promise<number> {
  const last = await tx.metric.aggregate({ _max: { position: true } });
  return (last._max.position ?? 0) + 1;
}

/** What the audit log keeps of a metric: its definition, not its data. */
export const metricAuditSelect = {
  ...metricFields,
  position: true,
  intervalSeconds: true,
  version: true,
} as const;

/** A metric's definition shows on the page (name, unit, latest value) and in its charts. */
export function metricTags(metricId: string): string[] {
  return [TAGS.metrics, TAGS.metric(metricId)];
}

export async function findMetricOrThrow(tx: Tx, metricId: string) {
  const metric = await tx.metric.findUnique({
    where: { id: metricId },
    select: { ...metricAuditSelect, provider: { select: { id: true, type: true, disabled: true } } },
  });
  if (!metric) throw new AppError("NOT_FOUND", "That metric no longer exists.");
  return metric;
}
