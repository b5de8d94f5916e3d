import "server-only";
import { AppError } from "@/server/errors";
import { PUBLIC_CACHE_CONTROL } from "@/lib/cache-control";
import { cacheableResponse, handlePublic, jsonResponse } from "@/server/api/json-response";
import { getMetricChart, getPublicMetric, isMetricRange, type PublicMetric } from "@/server/queries/public-metrics";
import { renderMetricChartSvg, summarizeMetricSeries, type MetricChartInput } from "@/lib/metric-chart";
import { bucketValue, METRIC_RANGE_SPECS, type MetricRange } from "@/lib/metrics";

const IMMUTABLE = "public, max-age=31536000, immutable";

/** The metric and range a `<range>.<extension>` file name asks for, or a 404 naming what is unknown. */
async function readRequest(metricId: string, file: string, extension: string): Promise<[PublicMetric, MetricRange]> {
  const range = file.endsWith(`.${extension}`) ? file.slice(0, -extension.length - 1) : "";
  if (!isMetricRange(range)) throw new AppError("NOT_FOUND", "Ask for day, week or month.");
  const metric = await getPublicMetric(metricId);
  if (!metric) throw new AppError("NOT_FOUND", "There is no metric with that id.");
  return [metric, range];
}

/** A metric's chart as an image; its address carries the chart's version, so a browser keeps it until it changes. */
export function metricChartResponse(request: Request, metricId: string, file: string): Promise<Response> {
  return handlePublic(async () => {
    const [metric, range] = await readRequest(metricId, file, "svg");
    const chart = await getMetricChart(metric, range);
    const requested = new URL(request.url).searchParams.get("v");
    return cacheableResponse(request, renderMetricChartSvg(chart.input), "image/svg+xml", {
      "Cache-Control": requested === chart.version ? IMMUTABLE : PUBLIC_CACHE_CONTROL,
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
    });
  });
}

function summaryOf(input: MetricChartInput) {
  const summary = summarizeMetricSeries(input.transform, input.buckets);
  if (!summary) return { sum: null, mean: null, min: null, max: null, last: null };
  const { sum, mean, min, max, last } = summary;
  return { sum, mean, min, max, last };
}

/** Statuspage's public `metrics-display/<id>/<range>.json`: one drawn value per bucket, timestamps in seconds. */
export function toMetricsDisplay(metric: PublicMetric, input: MetricChartInput) {
  const { spanMs, bucketMs } = METRIC_RANGE_SPECS[input.range];
  const summary = summaryOf(input);
  return {
    period: { count: spanMs / bucketMs, interval: bucketMs / 1000, identifier: input.range },
    summary,
    metrics: [
      {
        metric: {
          id: metric.id,
          name: metric.name,
          metrics_display_id: metric.id,
          suffix: metric.suffix,
          decimal_places: metric.decimalPlaces,
          tooltip_description: metric.tooltipDescription,
          y_axis_min: metric.yAxisMin,
          y_axis_max: metric.yAxisMax,
          y_axis_hidden: metric.yAxisHidden,
          most_recent_data_at: metric.mostRecentDataAt?.toISOString() ?? null,
          created_at: metric.createdAt.toISOString(),
          updated_at: metric.updatedAt.toISOString(),
        },
        summary,
        data: input.buckets.map((bucket) => ({
          timestamp: Math.floor(bucket.start / 1000),
          value: bucketValue(input.transform, bucket),
        })),
      },
    ],
  };
}

export function metricsDisplayResponse(request: Request, metricId: string, file: string): Promise<Response> {
  return handlePublic(async () => {
    const [metric, range] = await readRequest(metricId, file, "json");
    const chart = await getMetricChart(metric, range);
    return jsonResponse(request, toMetricsDisplay(metric, chart.input));
  });
}
