import "server-only";
import { z } from "zod";
import {
  listManagedMetrics,
  listManagedProviders,
  readManagedMetric,
  readManagedProvider,
  type ManagedMetric,
  type ManagedProvider,
} from "@/server/queries/metric-reads";
import { AppError, FIELD_ERRORS_SUMMARY, invalidFields, type FieldErrors } from "@/server/errors";
import { callService } from "@/server/api/management/refusals";
import { changeOne, getOne, readOne } from "@/server/api/management/one-record";
import { flag, pagination, parseFields } from "@/server/api/management/fields";
import { wrapped } from "@/server/api/management/request";
import { serializeMetric, serializeMetricsProvider } from "@/server/api/management/serialize-metrics";
import type { PageRef } from "@/server/api/management/serialize";
import type { Endpoint, EndpointArgs } from "@/server/api/management/router";
import {
  createMetricsProvider,
  deleteMetricsProvider,
  updateMetricsProvider,
} from "@/server/services/metrics/manage-providers";
import { createMetric, deleteMetric, updateMetric } from "@/server/services/metrics/manage-metrics";
import { recordMetricPoints, resetMetricData } from "@/server/services/metrics/record-metric-points";
import { METRIC_RANGES, METRIC_TRANSFORMS, METRICS_PROVIDER_TYPES, type MetricsProviderType } from "@/lib/metrics";

// Statuspage's metrics API (api.statuspage.io/v1/pages/{page_id}/metrics…), over the metrics services.

const FIELD_NAMES = { baseUrl: "metric_base_uri", providerId: "metrics_provider_id" };
const call = <T>(work: Promise<T>) => callService(work, FIELD_NAMES);

const provider = (p: ManagedProvider, page: PageRef) => serializeMetricsProvider(p, page.id);
const metric = (m: ManagedMetric) => serializeMetric(m);
const readProvider = (args: EndpointArgs) =>
  readOne(args, "metricsProviderId", "metrics provider", readManagedProvider);
const readMetric = (args: EndpointArgs) => readOne(args, "metricId", "metric", readManagedMetric);

const numberOrNull = (field: string) =>
  z.union([z.number(), z.string(), z.null()], { error: `${field} must be a number or null.` }).optional();
const wholeNumber = (field: string) =>
  z.union([z.number(), z.string()], { error: `${field} must be a whole number.` }).optional();
const string = (field: string) => z.string({ error: `${field} must be a string.` }).optional();
const stringOrNull = (field: string) =>
  z
    .string({ error: `${field} must be a string or null.` })
    .nullable()
    .optional();

const providerFields = z.object({
  type: string("type").describe('"Self" (data pushed through this API) or "Prometheus" (polled).'),
  metric_base_uri: stringOrNull("metric_base_uri").describe("Prometheus: the base URL of its HTTP API."),
  authorization: string("authorization").describe(
    'Prometheus: an Authorization header value sent with each query ("Bearer …"); stored sealed, never shown. "" clears it.',
  ),
  disabled: flag("disabled"),
});

const metricFields = z.object({
  name: string("name"),
  metric_identifier: string("metric_identifier").describe(
    "Prometheus: the PromQL expression (one series). Self: your own label.",
  ),
  transform: z
    .enum(METRIC_TRANSFORMS, { error: `transform must be one of: ${METRIC_TRANSFORMS.join(", ")}.` })
    .optional(),
  suffix: stringOrNull("suffix"),
  y_axis_min: numberOrNull("y_axis_min"),
  y_axis_max: numberOrNull("y_axis_max"),
  y_axis_hidden: flag("y_axis_hidden"),
  display: flag("display"),
  decimal_places: wholeNumber("decimal_places"),
  tooltip_description: stringOrNull("tooltip_description"),
  default_range: z
    .enum(METRIC_RANGES, { error: `default_range must be one of: ${METRIC_RANGES.join(", ")}.` })
    .optional()
    .describe("The chart range readers see first (this product's extension)."),
  component_id: stringOrNull("component_id").describe("The component the metric shows under (extension)."),
  interval_seconds: wholeNumber("interval_seconds").describe("Prometheus: seconds between polls (extension)."),
});

/** The API's metric fields as the services name them; absent stays absent, so a PATCH changes only what it sends. */
function metricInput(input: Record<string, unknown>) {
  const f = parseFields(metricFields, wrapped(input, "metric"));
  return {
    name: f.name,
    metricIdentifier: f.metric_identifier,
    transform: f.transform,
    suffix: f.suffix === null ? "" : f.suffix,
    yAxisMin: f.y_axis_min,
    yAxisMax: f.y_axis_max,
    yAxisHidden: f.y_axis_hidden,
    display: f.display,
    decimalPlaces: f.decimal_places,
    tooltipDescription: f.tooltip_description === "" ? null : f.tooltip_description,
    defaultRange: f.default_range,
    componentId: f.component_id,
    intervalSeconds: f.interval_seconds,
  };
}

function providerType(type: string | undefined): MetricsProviderType {
  const known = METRICS_PROVIDER_TYPES.find((t) => t === type?.trim().toLowerCase());
  if (known) return known;
  throw invalidFields({
    type: [
      type
        ? `Only "Self" (pushed data) and "Prometheus" providers are supported here, not "${type.slice(0, 40)}".`
        : 'type is required: "Self" or "Prometheus".',
    ],
  });
}

async function createProvider({ actor, db, input, page }: EndpointArgs) {
  const f = parseFields(providerFields, wrapped(input, "metrics_provider"));
  const type = providerType(f.type);
  const result = await call(
    createMetricsProvider({
      ctx: { actor, db },
      input: { type, baseUrl: f.metric_base_uri ?? undefined, authorization: f.authorization, disabled: f.disabled },
    }),
  );
  return { status: 201, body: provider((await readManagedProvider(db, result.provider.id))!, page), tags: result.tags };
}

async function updateProvider(args: EndpointArgs) {
  const { actor, db, input, page } = args;
  const f = parseFields(providerFields, wrapped(input, "metrics_provider"));
  const current = await readProvider(args);
  if (f.type !== undefined && providerType(f.type) !== current.type)
    throw invalidFields({ type: ["A provider's type cannot change; link a new provider instead."] });
  const result = await call(
    updateMetricsProvider({
      ctx: { actor, db },
      input: {
        providerId: current.id,
        baseUrl: f.metric_base_uri === null ? undefined : f.metric_base_uri,
        authorization: f.authorization,
        disabled: f.disabled,
      },
    }),
  );
  return { status: 200, body: provider(await readProvider(args), page), tags: result.tags };
}

async function createProviderMetric(args: EndpointArgs) {
  const { actor, db, input } = args;
  const current = await readProvider(args);
  const fields = metricInput(input);
  const result = await call(
    createMetric({ ctx: { actor, db }, input: { ...fields, name: fields.name ?? "", providerId: current.id } }),
  );
  return { status: 201, body: metric((await readManagedMetric(db, result.metric.id))!), tags: result.tags };
}

async function updateOneMetric(args: EndpointArgs) {
  const { actor, db, input } = args;
  const current = await readMetric(args);
  const result = await call(
    updateMetric({ ctx: { actor, db }, input: { ...metricInput(input), metricId: current.id } }),
  );
  return { status: 200, body: metric(await readMetric(args)), tags: result.tags };
}

type SentPoint = { metricId: string; timestamp: unknown; value: unknown };
const POINT_SHAPE = 'Send each point as {"timestamp": <Unix seconds>, "value": <number>}.';
const blank = (v: unknown) => v === undefined || v === null || v === "";

/** A refusal of the request's points: 400 naming each point at fault, as the request named it. */
function pointRefusal(fieldErrors: FieldErrors): AppError {
  return new AppError("INVALID_REQUEST", FIELD_ERRORS_SUMMARY, fieldErrors);
}

/** Reads one point, recording what is missing under its name (`data`, `data.<metric id>[2]`). */
function readPoint(raw: unknown, metricId: string, name: string, errors: FieldErrors): SentPoint | null {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) {
    errors[name] = [POINT_SHAPE];
    return null;
  }
  const { timestamp, value } = raw as Record<string, unknown>;
  if (blank(timestamp)) errors[`${name}.timestamp`] = ["timestamp is required: the time in Unix seconds."];
  if (blank(value)) errors[`${name}.value`] = ["value is required."];
  return blank(timestamp) || blank(value) ? null : { metricId, timestamp, value };
}

/**
 * Records the points through the service, answering its refusals in the request's terms: a point's field errors
 * under the name the request gave it (400), a metric polled from Prometheus with the service's sentence (422).
 */
async function record(args: EndpointArgs, points: SentPoint[], names: string[]) {
  try {
    return await recordMetricPoints({
      ctx: { actor: args.actor, db: args.db },
      input: { points },
    });
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "VALIDATION") throw error;
    if (!error.fieldErrors)
      throw new AppError("VALIDATION", error.message, undefined, { reason: "metric_not_pushable" });
    const renamed: FieldErrors = {};
    for (const [key, messages] of Object.entries(error.fieldErrors)) {
      const [, index, ...rest] = key.split(".");
      const name = index !== undefined && names[Number(index)] ? names[Number(index)] : "data";
      const field = rest.length === 0 || rest[0] === "metricId" ? name : `${name}.${rest.join(".")}`;
      (renamed[field] ??= []).push(...messages);
    }
    throw pointRefusal(renamed);
  }
}

async function addMetricData(args: EndpointArgs) {
  const current = await readMetric(args);
  const errors: FieldErrors = {};
  if (blank(args.input.data)) throw pointRefusal({ data: [`data is required. ${POINT_SHAPE}`] });
  const point = readPoint(args.input.data, current.id, "data", errors);
  if (!point) throw pointRefusal(errors);
  const { points, tags } = await record(args, [point], ["data"]);
  return { status: 201, body: { data: { timestamp: points[0].timestamp, value: points[0].value } }, tags };
}

/** `[{…}, {…}]`, a form body's `{"0": {…}, "1": {…}}`, or one bare point. */
function pointList(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (value && typeof value === "object") {
    const entries = Object.entries(value);
    return entries.length > 0 && entries.every(([key]) => /^\d+$/.test(key)) ? entries.map(([, v]) => v) : [value];
  }
  return [value];
}

async function addBatchData(args: EndpointArgs) {
  const data = args.input.data;
  if (!data || typeof data !== "object" || Array.isArray(data))
    throw pointRefusal({
      data: [
        'data must be an object of metric ids to lists of points: {"<metric id>": [{"timestamp": …, "value": …}]}.',
      ],
    });
  const errors: FieldErrors = {};
  const points: SentPoint[] = [];
  const names: string[] = [];
  for (const [metricId, list] of Object.entries(data)) {
    pointList(list).forEach((raw, index) => {
      const name = `data.${metricId}[${index}]`;
      const point = readPoint(raw, metricId, name, errors);
      if (point) {
        points.push(point);
        names.push(name);
      }
    });
  }
  if (Object.keys(errors).length > 0) throw pointRefusal(errors);
  if (points.length === 0) throw pointRefusal({ data: ["Send at least one point."] });
  const recorded = await record(args, points, names);
  const body: Record<string, { timestamp: number; value: number }[]> = {};
  for (const p of recorded.points) (body[p.metricId] ??= []).push({ timestamp: p.timestamp, value: p.value });
  return { status: 201, body, tags: recorded.tags };
}

async function resetData(args: EndpointArgs) {
  const current = await readMetric(args);
  const result = await call(
    resetMetricData({ ctx: { actor: args.actor, db: args.db }, input: { metricId: current.id } }),
  );
  return { status: 200, body: metric(await readMetric(args)), tags: result.tags };
}

const listWindow = (query: URLSearchParams) => pagination(query, { sizeParam: "per_page", firstPage: 1 });

const PROVIDER = "StatuspageMetricsProvider";
const METRIC = "StatuspageMetric";
const providerRequest = { wrapper: "metrics_provider", fields: providerFields };
const metricRequest = { wrapper: "metric", fields: metricFields };
const pointFields = z.object({
  timestamp: z.number().describe("Unix seconds; cast to the nearest 30 s. Up to 28 days back."),
  value: z.number(),
});

export const metricEndpoints: Endpoint[] = [
  {
    method: "GET",
    path: "metrics_providers",
    role: "viewer",
    run: async ({ db, query, page }) => ({
      status: 200,
      body: (await listManagedProviders(db, listWindow(query))).map((p) => provider(p, page)),
    }),
    doc: { status: 200, response: [PROVIDER], query: ["page", "per_page"], summary: "Metrics providers" },
  },
  {
    method: "POST",
    path: "metrics_providers",
    role: "owner",
    run: createProvider,
    doc: {
      status: 201,
      response: PROVIDER,
      request: providerRequest,
      summary: 'Link a metrics provider: "Self" for pushed data, "Prometheus" with metric_base_uri',
    },
  },
  {
    method: "GET",
    path: "metrics_providers/:metricsProviderId",
    role: "viewer",
    run: getOne("metricsProviderId", "metrics provider", readManagedProvider, provider),
    doc: { status: 200, response: PROVIDER, summary: "A metrics provider" },
  },
  {
    method: ["PATCH", "PUT"],
    path: "metrics_providers/:metricsProviderId",
    role: "owner",
    run: updateProvider,
    doc: { status: 200, response: PROVIDER, request: providerRequest, summary: "Update a metrics provider" },
  },
  {
    method: "DELETE",
    path: "metrics_providers/:metricsProviderId",
    role: "owner",
    run: changeOne({
      param: "metricsProviderId",
      what: "metrics provider",
      read: readManagedProvider,
      serialize: provider,
      renames: FIELD_NAMES,
      answer: "before",
      change: ({ actor, db }, current) =>
        deleteMetricsProvider({ ctx: { actor, db }, input: { providerId: current.id } }),
    }),
    doc: {
      status: 200,
      response: PROVIDER,
      summary: "Unlink a provider, deleting its metrics and their data; answers it as it was",
    },
  },
  {
    method: "GET",
    path: "metrics_providers/:metricsProviderId/metrics",
    role: "viewer",
    run: async (args) => {
      const current = await readProvider(args);
      const rows = await listManagedMetrics(args.db, listWindow(args.query), { providerId: current.id });
      return { status: 200, body: rows.map(metric) };
    },
    doc: { status: 200, response: [METRIC], query: ["page", "per_page"], summary: "A provider's metrics" },
  },
  {
    method: "POST",
    path: "metrics_providers/:metricsProviderId/metrics",
    role: "responder",
    run: createProviderMetric,
    doc: { status: 201, response: METRIC, request: metricRequest, summary: "Add a metric to a provider" },
  },
  {
    method: "GET",
    path: "metrics",
    role: "viewer",
    run: async ({ db, query }) => ({
      status: 200,
      body: (await listManagedMetrics(db, listWindow(query))).map(metric),
    }),
    doc: { status: 200, response: [METRIC], query: ["page", "per_page"], summary: "Metrics in page order" },
  },
  {
    method: "POST",
    path: "metrics/data",
    role: "responder",
    run: addBatchData,
    doc: {
      status: 201,
      response: "StatuspageMetricsData",
      request: { fields: z.object({ data: z.record(z.string(), z.array(pointFields)) }) },
      summary: "Add points to several metrics; answers each metric's points with their cast timestamps",
    },
  },
  {
    method: "GET",
    path: "metrics/:metricId",
    role: "viewer",
    run: getOne("metricId", "metric", readManagedMetric, metric),
    doc: { status: 200, response: METRIC, summary: "A metric" },
  },
  {
    method: ["PATCH", "PUT"],
    path: "metrics/:metricId",
    role: "responder",
    run: updateOneMetric,
    doc: { status: 200, response: METRIC, request: metricRequest, summary: "Update a metric's fields" },
  },
  {
    method: "DELETE",
    path: "metrics/:metricId",
    role: "responder",
    run: changeOne({
      param: "metricId",
      what: "metric",
      read: readManagedMetric,
      serialize: metric,
      renames: FIELD_NAMES,
      answer: "before",
      change: ({ actor, db }, current) => deleteMetric({ ctx: { actor, db }, input: { metricId: current.id } }),
    }),
    doc: { status: 200, response: METRIC, summary: "Delete a metric with all its data; answers it as it was" },
  },
  {
    method: "POST",
    path: "metrics/:metricId/data",
    role: "responder",
    run: addMetricData,
    doc: {
      status: 201,
      response: { data: "StatuspageMetricPoint" },
      request: { wrapper: "data", fields: pointFields },
      summary: "Add a point to a Self metric; answers it with its timestamp cast to the nearest 30 s",
    },
  },
  {
    method: "DELETE",
    path: "metrics/:metricId/data",
    role: "responder",
    run: resetData,
    doc: { status: 200, response: METRIC, summary: "Reset a metric's data: delete all its points" },
  },
];
