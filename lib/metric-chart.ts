// A metric's chart as one standalone SVG document: drawn on the server, served as a cached image, sharp at any zoom.
// Pure: the page, the chart route and the console's live preview all draw with it.
import { escapeHtml } from "@/lib/escape-html";
import {
  bucketValue,
  formatMetricValue,
  METRIC_RANGE_LABELS,
  METRIC_RANGE_SPECS,
  type MetricRange,
  type MetricTransform,
  type SeriesBucket,
} from "@/lib/metrics";

export type MetricChartMarker = {
  start: number;
  end: number | null;
  kind: "incident" | "maintenance";
  impact: string;
  name: string;
};

export type MetricChartInput = {
  name: string;
  suffix: string;
  decimalPlaces: number;
  transform: MetricTransform;
  yAxisMin: number | null;
  yAxisMax: number | null;
  yAxisHidden: boolean;
  range: MetricRange;
  from: number;
  to: number;
  buckets: SeriesBucket[];
  markers: MetricChartMarker[];
};

/** The drawing's box; the hover read-out maps a pointer to a time with the same numbers. */
export const METRIC_CHART_BOX = { width: 640, height: 180, plotTop: 26, plotBottom: 156, plotLeft: 64, plotRight: 632 };

/** A chart's image address; the version makes an open tab that re-renders fetch the new image. */
export function metricChartSrc(metricId: string, range: MetricRange, version: string): string {
  return `/metrics/${encodeURIComponent(metricId)}/${range}.svg?v=${encodeURIComponent(version)}`;
}

/** The end of the bucket `now` falls in: a chart moves on one bucket at a time. */
export function chartWindowEnd(range: MetricRange, now: Date): number {
  const { bucketMs } = METRIC_RANGE_SPECS[range];
  return (Math.floor(now.getTime() / bucketMs) + 1) * bucketMs;
}

/** A gap between drawn buckets longer than this many bucket widths breaks the line. */
const GAP_BUCKETS = 2;
const Y_TICKS = 4;

// The page's impact palette (lib/uptime-sprite.ts, components/status-tone.ts), light then dark.
const IMPACT_COLOURS: Record<string, [string, string]> = {
  none: ["#a1a1aa", "#71717a"],
  minor: ["#eab308", "#facc15"],
  major: ["#f97316", "#f97316"],
  critical: ["#dc2626", "#ef4444"],
  maintenance: ["#2563eb", "#3b82f6"],
};

const IMPACT_WORDS: Record<string, string> = {
  none: "no impact",
  minor: "minor impact",
  major: "major impact",
  critical: "critical impact",
  maintenance: "maintenance",
};

export type MetricSummary = { count: number; sum: number; mean: number; min: number; max: number; last: number };

/** What a range's drawn values add up to; null when there are none. */
export function summarizeMetricSeries(
  transform: MetricTransform,
  buckets: readonly SeriesBucket[],
): MetricSummary | null {
  if (buckets.length === 0) return null;
  const values = buckets.map((bucket) => bucketValue(transform, bucket));
  const sum = values.reduce((total, value) => total + value, 0);
  return {
    count: values.length,
    sum,
    mean: sum / values.length,
    min: Math.min(...values),
    max: Math.max(...values),
    last: values[values.length - 1],
  };
}

/** "API latency over the last day: latest 182 ms, minimum 80 ms, maximum 310 ms, average 150 ms." */
export function describeMetricChart(
  input: Pick<MetricChartInput, "name" | "range" | "suffix" | "decimalPlaces" | "transform" | "buckets">,
): string {
  const over = `${input.name} over the last ${METRIC_RANGE_LABELS[input.range].toLowerCase()}`;
  const summary = summarizeMetricSeries(input.transform, input.buckets);
  if (!summary) return `${over}: no data.`;
  const format = (value: number) => formatMetricValue(value, input.decimalPlaces, input.suffix);
  return `${over}: latest ${format(summary.last)}, minimum ${format(summary.min)}, maximum ${format(summary.max)}, average ${format(summary.mean)}.`;
}

const round = (value: number) => Math.round(value * 10) / 10;

function niceStep(span: number): number {
  const raw = span / Y_TICKS;
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10) * power;
}

/** The y axis: the configured bounds where set, else the data's (from zero for positive data), widened to nice ticks. */
function yScale(input: MetricChartInput, values: number[]): { lo: number; hi: number; ticks: number[]; step: number } {
  const dataMin = values.length ? Math.min(...values) : 0;
  const dataMax = values.length ? Math.max(...values) : 1;
  let lo = input.yAxisMin ?? Math.min(0, dataMin);
  let hi = input.yAxisMax ?? dataMax;
  if (hi <= lo) hi = input.yAxisMax === null ? lo + Math.max(1, Math.abs(lo)) : hi;
  if (hi <= lo) lo = hi - Math.max(1, Math.abs(hi));
  const step = niceStep(hi - lo);
  if (input.yAxisMin === null) lo = Math.floor(lo / step) * step;
  if (input.yAxisMax === null) hi = Math.ceil(hi / step) * step;
  const ticks: number[] = [];
  for (let tick = Math.ceil(lo / step) * step; tick <= hi + step * 1e-9; tick += step) ticks.push(tick);
  return { lo, hi, ticks, step };
}

/** A tick's number; the unit is written once, above the axis, so the labels fit the gutter left of the plot. */
function formatTick(value: number, step: number): string {
  const decimals = Math.min(6, Math.max(0, -Math.floor(Math.log10(step) + 1e-9)));
  const clean = Math.abs(value) < step * 1e-9 ? 0 : value;
  if (Math.abs(clean) >= 10_000)
    return clean.toLocaleString("en-US", { notation: "compact", maximumFractionDigits: 1 });
  return formatMetricValue(clean, decimals, "");
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** UTC time labels for the range: every 3 hours for a day, each midnight for a week, every 5th day for a month. */
function xTicks(range: MetricRange, from: number, to: number): { at: number; label: string }[] {
  const step = range === "day" ? 3 * HOUR_MS : range === "week" ? DAY_MS : 5 * DAY_MS;
  const ticks: { at: number; label: string }[] = [];
  for (let at = Math.ceil(from / step) * step; at <= to; at += step) {
    const date = new Date(at);
    const label =
      range === "day"
        ? `${String(date.getUTCHours()).padStart(2, "0")}:00`
        : range === "week"
          ? `${WEEKDAYS[date.getUTCDay()]} ${date.getUTCDate()}`
          : `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}`;
    ticks.push({ at, label });
  }
  return ticks;
}

function styleSheet(): string {
  const impacts = Object.entries(IMPACT_COLOURS);
  const light = impacts.map(([impact, [colour]]) => `.i-${impact}{fill:${colour}}`).join("");
  const dark = impacts.map(([impact, [, colour]]) => `.i-${impact}{fill:${colour}}`).join("");
  return (
    `text{font:12px system-ui,sans-serif;fill:#52525b}` +
    `.g{stroke:#e4e4e7;stroke-width:1}.ln{fill:none;stroke:#4f46e5;stroke-width:2;stroke-linejoin:round;stroke-linecap:round}` +
    `.mk rect:first-of-type{fill-opacity:.16}${light}.nd{font-size:14px}` +
    `@media (prefers-color-scheme:dark){text{fill:#a1a1aa}.g{stroke:#3f3f46}.ln{stroke:#818cf8}${dark}}` +
    // Drawn small (a phone), the labels grow back to a readable size; every other time label and the unit (the
    // value beside the chart names it) step aside.
    `@media (max-width:420px){text{font-size:22px}.nd{font-size:24px}.x2,.u{display:none}}`
  );
}

function markerTitle(marker: MetricChartMarker): string {
  const when = (at: number) => new Date(at).toISOString().slice(0, 16).replace("T", " ");
  const kind = marker.kind === "maintenance" ? "Maintenance" : "Incident";
  const impact = marker.kind === "maintenance" ? "" : `, ${IMPACT_WORDS[marker.impact] ?? marker.impact}`;
  const until = marker.end === null ? "ongoing" : `until ${when(marker.end)} UTC`;
  return `${kind}: ${marker.name}${impact}, from ${when(marker.start)} UTC, ${until}`;
}

/** The chart as a complete SVG document. */
export function renderMetricChartSvg(input: MetricChartInput): string {
  const { width, height, plotTop, plotBottom, plotLeft, plotRight } = METRIC_CHART_BOX;
  const { bucketMs } = METRIC_RANGE_SPECS[input.range];
  const span = Math.max(1, input.to - input.from);
  const x = (at: number) => round(plotLeft + ((at - input.from) / span) * (plotRight - plotLeft));
  const values = input.buckets.map((bucket) => bucketValue(input.transform, bucket));
  const { lo, hi, ticks, step } = yScale(input, values);
  const y = (value: number) => round(plotBottom - ((value - lo) / (hi - lo)) * (plotBottom - plotTop));
  const label = escapeHtml(describeMetricChart(input));
  const parts: string[] = [];

  parts.push(`<title>${label}</title><style>${styleSheet()}</style>`);
  parts.push(
    `<clipPath id="p"><rect x="${plotLeft}" y="${plotTop}" width="${plotRight - plotLeft}" height="${plotBottom - plotTop}"/></clipPath>`,
  );

  for (const marker of input.markers) {
    const end = marker.end ?? input.to;
    if (end < input.from || marker.start > input.to) continue;
    const left = x(Math.max(marker.start, input.from));
    const bandWidth = Math.max(2, round(x(Math.min(end, input.to)) - left));
    const impact = IMPACT_COLOURS[marker.impact] ? marker.impact : "none";
    parts.push(
      `<g class="mk i-${impact}" data-kind="${marker.kind}"><title>${escapeHtml(markerTitle(marker))}</title>` +
        `<rect x="${left}" y="${plotTop}" width="${bandWidth}" height="${plotBottom - plotTop}"/>` +
        `<rect x="${left}" y="${plotTop}" width="${bandWidth}" height="3"/></g>`,
    );
  }

  const showTicks = !input.yAxisHidden && values.length > 0;
  for (const tick of ticks) parts.push(`<path class="g" d="M${plotLeft} ${y(tick)}H${plotRight}"/>`);
  if (ticks.length === 0) parts.push(`<path class="g" d="M${plotLeft} ${plotBottom}H${plotRight}"/>`);

  if (values.length === 0) {
    parts.push(
      `<text class="nd" x="${(plotLeft + plotRight) / 2}" y="${round((plotTop + plotBottom) / 2)}" text-anchor="middle">No data</text>`,
    );
  } else {
    // Relative moves between points rounded to tenths: shorter, and their repeating x steps compress well.
    const tenths = (value: number) => Math.round(value * 10);
    const text = (value: number) => String(value / 10).replace(/^(-?)0\./, "$1.");
    const pair = (dx: number, dy: number) => `${text(dx)}${dy < 0 ? "" : " "}${text(dy)}`;
    let segment = "";
    let points = 0;
    let last: [number, number] = [0, 0];
    let previous: number | null = null;
    const flush = () => {
      if (points === 0) return;
      // A lone bucket still shows, as a dot drawn by the round line cap.
      parts.push(`<path class="ln" clip-path="url(#p)" d="${points === 1 ? `${segment}h.1` : segment}"/>`);
      segment = "";
      points = 0;
    };
    input.buckets.forEach((bucket, index) => {
      if (previous !== null && bucket.start - previous > GAP_BUCKETS * bucketMs) flush();
      const point: [number, number] = [tenths(x(bucket.start + bucketMs / 2)), Math.round(y(values[index])) * 10];
      const [dx, dy] = [point[0] - last[0], point[1] - last[1]];
      if (points === 0) segment = `M${text(point[0])} ${text(point[1])}`;
      else segment += `${points === 1 ? "l" : dx < 0 ? "" : " "}${pair(dx, dy)}`;
      last = point;
      points++;
      previous = bucket.start;
    });
    flush();
  }

  if (showTicks) {
    const gutterEnd = plotLeft - 8;
    if (input.suffix)
      parts.push(
        `<text class="u" x="${gutterEnd}" y="${plotTop - 10}" text-anchor="end">${escapeHtml(input.suffix)}</text>`,
      );
    for (const tick of ticks) {
      parts.push(
        `<text class="t" x="${gutterEnd}" y="${round(y(tick) + 4)}" text-anchor="end">${escapeHtml(formatTick(tick, step))}</text>`,
      );
    }
  }

  xTicks(input.range, input.from, input.to).forEach((tick, index) => {
    const at = x(tick.at);
    if (at < plotLeft + 16 || at > width - 20) return;
    parts.push(
      `<text${index % 2 ? ' class="x2"' : ""} x="${at}" y="${height - 4}" text-anchor="middle">${tick.label}</text>`,
    );
  });

  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img">` +
    `${parts.join("")}</svg>`
  );
}
