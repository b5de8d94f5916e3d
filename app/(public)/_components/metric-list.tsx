"use client";

import { DescriptionTip } from "@/app/(public)/_components/description-tip";
import { useEffect, useState, type KeyboardEvent, type ReactNode } from "react";
import { PublicLink } from "@/components/public-link";
import { chartWindowEnd, METRIC_CHART_BOX, metricChartSrc } from "@/lib/metric-chart";
import {
  formatMetricValue,
  METRIC_RANGES,
  METRIC_RANGE_LABELS,
  METRIC_RANGE_SPECS,
  type MetricRange,
} from "@/lib/metrics";

// A client component only so that its props (compact data) rather than its markup travel in the page's RSC payload.
export type MetricItem = {
  id: string;
  name: string;
  description: string | null;
  /** The newest value as the page writes it, or null before the first point. */
  latest: string | null;
  suffix: string;
  decimals: number;
  /** The range shown first. */
  range: MetricRange;
  /** Per range: the chart's version (its image's address) and its summary in words. */
  ranges: Record<MetricRange, { v: string; alt: string }>;
};

type Point = { at: number; value: number };
type Loaded = { range: MetricRange; v: string; points: Point[] };

async function fetchPoints(id: string, range: MetricRange): Promise<Point[] | null> {
  try {
    const response = await fetch(`/metrics-display/${encodeURIComponent(id)}/${range}.json`);
    if (!response.ok) return null;
    const body = (await response.json()) as { metrics: { data: { timestamp: number; value: number }[] }[] };
    return (body.metrics[0]?.data ?? []).map((point) => ({ at: point.timestamp * 1000, value: point.value }));
  } catch {
    return null;
  }
}

const utc = (at: number) => `${new Date(at).toISOString().slice(0, 16).replace("T", " ")} UTC`;

/** The chart with, once JavaScript runs, a read-out of the bucket under the pointer or picked with the arrow keys. */
function ChartReadout({ item, range, children }: { item: MetricItem; range: MetricRange; children: ReactNode }) {
  const [hydrated, setHydrated] = useState(false);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [wanted, setWanted] = useState(false);
  const [active, setActive] = useState<number | null>(null);
  const [pointer, setPointer] = useState<number | null>(null);
  const { v } = item.ranges[range];
  const points = loaded && loaded.range === range && loaded.v === v ? loaded.points : null;
  const { spanMs, bucketMs } = METRIC_RANGE_SPECS[range];

  useEffect(() => setHydrated(true), []);
  useEffect(() => {
    if (!wanted || points) return;
    let current = true;
    void fetchPoints(item.id, range).then((fetched) => {
      if (!current) return;
      if (fetched) setLoaded({ range, v, points: fetched });
      setWanted(false);
    });
    return () => {
      current = false;
    };
  }, [wanted, points, item.id, range, v]);

  const to = chartWindowEnd(range, new Date());
  const from = to - spanMs;
  const xOf = (at: number) => ((at + bucketMs / 2 - from) / spanMs) * 100;
  const nearest = (fraction: number) => {
    if (!points || points.length === 0) return null;
    const at = from + fraction * spanMs - bucketMs / 2;
    let best = 0;
    points.forEach((point, index) => {
      if (Math.abs(point.at - at) < Math.abs(points[best].at - at)) best = index;
    });
    return best;
  };
  const shownIndex = pointer !== null ? nearest(pointer) : active;
  const shown = points && shownIndex !== null ? points[shownIndex] : null;

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (!points || points.length === 0) return;
    const last = points.length - 1;
    const current = active ?? last;
    const targets: Record<string, number> = { ArrowLeft: current - 1, ArrowRight: current + 1, Home: 0, End: last };
    if (event.key === "Escape") return setActive(null);
    if (!(event.key in targets)) return;
    event.preventDefault();
    setActive(Math.min(last, Math.max(0, targets[event.key])));
  }

  const { plotLeft, plotRight, width } = METRIC_CHART_BOX;
  return (
    <div
      className="sp-charts"
      role={hydrated ? "group" : undefined}
      tabIndex={hydrated ? 0 : undefined}
      aria-label={hydrated ? `${item.name} chart: use the left and right arrow keys to read each value` : undefined}
      onPointerMove={(event) => {
        setWanted(true);
        const box = event.currentTarget.getBoundingClientRect();
        const left = box.left + (plotLeft / width) * box.width;
        const plotWidth = ((plotRight - plotLeft) / width) * box.width;
        setPointer(Math.min(1, Math.max(0, (event.clientX - left) / plotWidth)));
      }}
      onPointerLeave={() => setPointer(null)}
      onFocus={() => {
        setWanted(true);
        setActive(null);
      }}
      onBlur={() => setActive(null)}
      onKeyDown={onKeyDown}
    >
      {children}
      {shown && (
        <span
          aria-hidden="true"
          className="sp-guide"
          style={{ left: `${Math.min(100, Math.max(0, xOf(shown.at)))}%` }}
        />
      )}
      {hydrated && (
        <p role="status" className={shown ? "sp-readout" : "sr-only"}>
          {shown ? `${utc(shown.at)}: ${formatMetricValue(shown.value, item.decimals, item.suffix)}` : ""}
        </p>
      )}
    </div>
  );
}

function MetricRow({ item }: { item: MetricItem }) {
  const [range, setRange] = useState(item.range);
  return (
    <li className="sp-metric">
      <div className="sp-row">
        <span className="sp-mname">
          <PublicLink href={`/metrics/${encodeURIComponent(item.id)}`}>{item.name}</PublicLink>
          {item.description && <DescriptionTip id={`metric-${item.id}`} name={item.name} text={item.description} />}
        </span>
        <b className="sp-mvalue">{item.latest ?? "No data yet"}</b>
      </div>
      <fieldset className="sp-tabs">
        <legend className="sr-only">Range</legend>
        {METRIC_RANGES.map((r) => (
          <label key={r}>
            <input
              type="radio"
              name={`range-${item.id}`}
              value={r}
              defaultChecked={r === item.range}
              onChange={() => setRange(r)}
            />
            {METRIC_RANGE_LABELS[r]}
          </label>
        ))}
      </fieldset>
      <ChartReadout item={item} range={range}>
        {METRIC_RANGES.map((r) => (
          // eslint-disable-next-line @next/next/no-img-element -- a cached SVG drawn on the server, nothing to optimise
          <img
            key={r}
            className={`sp-chart sp-c-${r}`}
            src={metricChartSrc(item.id, r, item.ranges[r].v)}
            alt={item.ranges[r].alt}
            width={METRIC_CHART_BOX.width}
            height={METRIC_CHART_BOX.height}
            loading="lazy"
          />
        ))}
      </ChartReadout>
    </li>
  );
}

/** The page's system metrics: each one's latest value and its chart, a range picked without JavaScript. */
export function MetricList({ items }: { items: MetricItem[] }) {
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="metrics-heading" className="mt-8">
      <h2 id="metrics-heading" className="mb-3 text-lg font-semibold">
        System metrics
      </h2>
      <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 px-4 dark:divide-zinc-800 dark:border-zinc-800">
        {items.map((item) => (
          <MetricRow key={item.id} item={item} />
        ))}
      </ul>
    </section>
  );
}
