import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PublicLink } from "@/components/public-link";
import { metricChartSrc, summarizeMetricSeries } from "@/lib/metric-chart";
import { bucketValue, formatMetricValue, METRIC_RANGES, METRIC_RANGE_LABELS } from "@/lib/metrics";
import { getPage } from "@/server/queries/public-status";
import { getLiveVersion } from "@/server/queries/live-version";
import { getMetricChart, getPublicMetric, type MetricChart, type PublicMetric } from "@/server/queries/public-metrics";
import { pageMetadata } from "@/app/(public)/_components/branding";
import { Freshness } from "@/app/(public)/_components/freshness";

type Props = { params: Promise<{ metricId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { metricId } = await params;
  const [page, metric] = await Promise.all([getPage(), getPublicMetric(metricId)]);
  return pageMetadata(page, {
    title: metric ? metric.name : "Metric not found",
    description: metric ? (metric.tooltipDescription ?? `${metric.name} over the last day, week and month.`) : null,
    path: `/metrics/${encodeURIComponent(metricId)}`,
  });
}

const utc = (at: number) => `${new Date(at).toISOString().slice(0, 16).replace("T", " ")} UTC`;

function RangeSection({ metric, chart, first }: { metric: PublicMetric; chart: MetricChart; first: boolean }) {
  const { input } = chart;
  const label = METRIC_RANGE_LABELS[input.range].toLowerCase();
  const summary = summarizeMetricSeries(input.transform, input.buckets);
  const format = (value: number) => formatMetricValue(value, metric.decimalPlaces, metric.suffix);
  const headingId = `range-${input.range}`;
  return (
    <section aria-labelledby={headingId} className="mt-8">
      <h2 id={headingId} className="text-lg font-semibold">
        Last {label}
      </h2>
      {summary ? (
        <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-4">
          {(
            [
              ["Latest", summary.last],
              ["Minimum", summary.min],
              ["Maximum", summary.max],
              ["Average", summary.mean],
            ] as const
          ).map(([name, value]) => (
            <div key={name}>
              <dt className="sp-muted">{name}</dt>
              <dd className="font-semibold tabular-nums">{format(value)}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="sp-muted mt-2">No data in the last {label}.</p>
      )}
      {/* eslint-disable-next-line @next/next/no-img-element -- a cached SVG drawn on the server, nothing to optimise */}
      <img
        className="mt-3 h-auto w-full"
        src={metricChartSrc(metric.id, input.range, chart.version)}
        alt={`Chart of ${metric.name} over the last ${label}${input.markers.length ? `, with ${input.markers.length} incident${input.markers.length === 1 ? "" : "s"} or maintenance${input.markers.length === 1 ? "" : "s"} marked` : ""}.`}
        width={640}
        height={180}
        loading={first ? undefined : "lazy"}
      />
      {input.buckets.length > 0 && (
        <details className="mt-2 text-sm">
          <summary className="cursor-pointer sp-link">Data as a table</summary>
          <table className="mt-2 w-full max-w-md text-left tabular-nums">
            <caption className="sr-only">
              {metric.name}, last {label}, one value per{" "}
              {label === "day" ? "5 minutes" : label === "week" ? "hour" : "6 hours"}
            </caption>
            <thead>
              <tr>
                <th scope="col" className="py-1 pr-4 font-semibold">
                  Time (UTC)
                </th>
                <th scope="col" className="py-1 font-semibold">
                  Value
                </th>
              </tr>
            </thead>
            <tbody>
              {input.buckets.map((bucket) => (
                <tr key={bucket.start} className="border-t border-zinc-200 dark:border-zinc-800">
                  <td className="py-0.5 pr-4">{utc(bucket.start)}</td>
                  <td className="py-0.5">{format(bucketValue(input.transform, bucket))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </section>
  );
}

/** One metric: its latest value and its chart for the last day, week and month, each with its data as a table. */
export default async function MetricPage({ params }: Props) {
  const { metricId } = await params;
  const liveVersion = await getLiveVersion();
  const metric = await getPublicMetric(metricId);
  if (!metric) notFound();
  const now = new Date();
  const charts = await Promise.all(METRIC_RANGES.map((range) => getMetricChart(metric, range, now)));
  const ordered = [...charts].sort(
    (a, b) => Number(b.input.range === metric.defaultRange) - Number(a.input.range === metric.defaultRange),
  );
  return (
    <>
      <Freshness version={liveVersion} />
      <p className="text-sm">
        <PublicLink href="/" className="sp-link">
          Current status
        </PublicLink>
      </p>
      <h1 className="mt-3 text-2xl font-semibold">{metric.name}</h1>
      {metric.tooltipDescription && <p className="sp-muted mt-1">{metric.tooltipDescription}</p>}
      <p className="mt-2">
        Latest value:{" "}
        <span className="font-semibold tabular-nums">
          {metric.latest === null
            ? "no data yet"
            : formatMetricValue(metric.latest, metric.decimalPlaces, metric.suffix)}
        </span>
        {metric.mostRecentDataAt && <span className="sp-muted"> (at {utc(metric.mostRecentDataAt.getTime())})</span>}
      </p>
      {ordered.map((chart, index) => (
        <RangeSection key={chart.input.range} metric={metric} chart={chart} first={index === 0} />
      ))}
      <p className="sp-muted mt-8">
        The same data as JSON:{" "}
        {METRIC_RANGES.map((range, index) => (
          <span key={range}>
            {index > 0 && ", "}
            <a className="sp-link" href={`/metrics-display/${encodeURIComponent(metric.id)}/${range}.json`}>
              {range}.json
            </a>
          </span>
        ))}
        .
      </p>
    </>
  );
}
