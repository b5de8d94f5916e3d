import "server-only";
import { z } from "zod";
import { authorize, readWith, type ServiceContext } from "@/server/services/context";
import { id, parseInput } from "@/server/services/validation";
import { invalidFields } from "@/server/errors";
import { createMetricsProviderSchema } from "@/server/services/metrics/manage-providers";
import {
  PrometheusError,
  prometheusTarget,
  queryPrometheusRange,
  type PrometheusSample,
} from "@/server/metrics/prometheus-client";
import {
  groupIntoBuckets,
  METRIC_LIMITS,
  METRIC_RANGE_SPECS,
  METRIC_RANGES,
  type MetricRange,
  type SeriesBucket,
} from "@/lib/metrics";

/** Each range's query step: a whole fraction of its drawn bucket, so buckets get about the same number of samples. */
const PREVIEW_STEP_SECONDS: Record<MetricRange, number> = { day: 60, week: 600, month: 1_800 };

export const previewPrometheusQuerySchema = z
  .object({
    /** A saved provider: its address and stored Authorization header, unless the fields below replace them. */
    providerId: id("Provider").optional(),
    /** An address not saved yet (the provider form); only an owner may point the server at one. */
    baseUrl: createMetricsProviderSchema.shape.baseUrl,
    authorization: createMetricsProviderSchema.shape.authorization,
    query: z
      .string({ error: "Enter the PromQL expression that gives this metric's value." })
      .trim()
      .min(1, "Enter the PromQL expression that gives this metric's value.")
      .max(METRIC_LIMITS.identifierMax, `Use at most ${METRIC_LIMITS.identifierMax} characters.`),
    range: z.enum(METRIC_RANGES, { error: "Choose day, week or month." }).default("day"),
  })
  .refine((input) => input.providerId || input.baseUrl, {
    message: "Choose a Prometheus provider or enter its address.",
    path: ["baseUrl"],
  });

export type PrometheusPreview = {
  from: number;
  to: number;
  buckets: SeriesBucket[];
  /** The newest finite value in the range, or null when every sample was NaN or ±Inf. */
  latest: PrometheusSample | null;
};

/**
 * Runs a PromQL expression over a chart range, for the console's live preview, and groups its samples into the range's
 * drawn buckets (renderMetricChartSvg draws them). Nothing is stored. A failure is a field error on `query` (or on
 * `baseUrl` when it is the address that fails).
 */
export async function previewPrometheusQuery({
  ctx,
  input,
  now = new Date(),
}: {
  ctx: ServiceContext;
  input: z.input<typeof previewPrometheusQuerySchema>;
  now?: Date;
}): Promise<PrometheusPreview> {
  authorize(ctx.actor, "responder");
  const data = parseInput(previewPrometheusQuerySchema, input);
  if (data.baseUrl || data.authorization) authorize(ctx.actor, "owner");
  const saved = data.providerId
    ? await readWith(ctx, (db) =>
        db.metricsProvider.findUnique({
          where: { id: data.providerId },
          select: { type: true, baseUrl: true, authorizationSealed: true },
        }),
      )
    : null;
  if (data.providerId && saved?.type !== "prometheus")
    throw invalidFields({ providerId: ["Choose a Prometheus provider."] });

  const spec = METRIC_RANGE_SPECS[data.range];
  const step = PREVIEW_STEP_SECONDS[data.range];
  const to = now.getTime();
  const from = Math.floor((to - spec.spanMs) / spec.bucketMs) * spec.bucketMs;
  try {
    const target = prometheusTarget({
      baseUrl: data.baseUrl ?? saved?.baseUrl ?? null,
      authorizationSealed: data.authorization ? null : (saved?.authorizationSealed ?? null),
    });
    if (data.authorization) target.authorization = data.authorization;
    // Counted back from now, so the newest sample is the current value.
    const end = Math.floor(to / 1000);
    const samples = await queryPrometheusRange(target, {
      query: data.query,
      start: end - Math.floor((end - from / 1000) / step) * step,
      end,
      step,
    });
    const rows = samples.map(({ timestamp, value }) => ({
      bucket: new Date(timestamp * 1000),
      count: 1,
      sum: value,
      min: value,
      max: value,
      last: value,
    }));
    return { from, to, buckets: groupIntoBuckets(rows, spec.bucketMs), latest: samples.at(-1) ?? null };
  } catch (error) {
    if (!(error instanceof PrometheusError)) throw error;
    const field = error.kind === "connection" && data.baseUrl ? "baseUrl" : "query";
    throw invalidFields({ [field]: [error.message] });
  }
}
