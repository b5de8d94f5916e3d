import "server-only";
import { summarizeMetricSeries } from "@/lib/metric-chart";
import { formatMetricValue, METRIC_RANGES, METRIC_RANGE_LABELS, type MetricRange } from "@/lib/metrics";
import {
  getMetricChart,
  listPublicMetrics,
  type MetricChart,
  type PublicMetric,
} from "@/server/queries/public-metrics";
import type { MetricItem } from "@/app/(public)/_components/metric-list";

/** "Last day: latest 182 ms, min 80 ms, max 310 ms, average 150 ms", or that there is no data. */
function shortSummary(metric: PublicMetric, chart: MetricChart): string {
  const over = `Last ${METRIC_RANGE_LABELS[chart.input.range].toLowerCase()}`;
  const summary = summarizeMetricSeries(chart.input.transform, chart.input.buckets);
  if (!summary) return `${over}: no data`;
  const format = (value: number) => formatMetricValue(value, metric.decimalPlaces, metric.suffix);
  return `${over}: latest ${format(summary.last)}, min ${format(summary.min)}, max ${format(summary.max)}, average ${format(summary.mean)}`;
}

/** What the home page shows of each visible metric: compact, since it travels in the page's payload too. */
export async function loadMetricItems(now: Date = new Date()): Promise<MetricItem[]> {
  const metrics = await listPublicMetrics();
  return Promise.all(
    metrics.map(async (metric) => {
      const charts = await Promise.all(METRIC_RANGES.map((range) => getMetricChart(metric, range, now)));
      const ranges = Object.fromEntries(
        charts.map((chart) => [chart.input.range, { v: chart.version, alt: shortSummary(metric, chart) }]),
      ) as Record<MetricRange, { v: string; alt: string }>;
      return {
        id: metric.id,
        name: metric.name,
        description: metric.tooltipDescription,
        latest: metric.latest === null ? null : formatMetricValue(metric.latest, metric.decimalPlaces, metric.suffix),
        suffix: metric.suffix,
        decimals: metric.decimalPlaces,
        range: metric.defaultRange,
        ranges,
      };
    }),
  );
}
