// The vocabulary of system metrics, shared by server and client code. No ORM imports here.

export const METRICS_PROVIDER_TYPES = ["self", "prometheus"] as const;
export type MetricsProviderType = (typeof METRICS_PROVIDER_TYPES)[number];
/** Statuspage's names for the provider types, as its API writes them. */
export const METRICS_PROVIDER_TYPE_NAMES: Record<MetricsProviderType, string> = {
  self: "Self",
  prometheus: "Prometheus",
};

export const METRIC_TRANSFORMS = ["average", "count", "max", "min", "sum"] as const;
export type MetricTransform = (typeof METRIC_TRANSFORMS)[number];

export const METRIC_RANGES = ["day", "week", "month"] as const;
export type MetricRange = (typeof METRIC_RANGES)[number];

export const METRIC_RESOLUTIONS = ["minute", "hour", "day"] as const;
export type MetricResolution = (typeof METRIC_RESOLUTIONS)[number];

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

export const RESOLUTION_MS: Record<MetricResolution, number> = { minute: MINUTE_MS, hour: HOUR_MS, day: DAY_MS };

/**
 * What each chart range shows: its span, the width of one drawn bucket, and the stored rollup it is built from.
 * A drawn bucket is a whole number of rollup buckets, so merging them stays exact; no range reads raw points.
 */
export const METRIC_RANGE_SPECS: Record<
  MetricRange,
  { spanMs: number; bucketMs: number; resolution: MetricResolution }
> = {
  day: { spanMs: DAY_MS, bucketMs: 5 * MINUTE_MS, resolution: "minute" },
  week: { spanMs: 7 * DAY_MS, bucketMs: HOUR_MS, resolution: "hour" },
  month: { spanMs: 30 * DAY_MS, bucketMs: 6 * HOUR_MS, resolution: "hour" },
};

export const METRIC_RANGE_LABELS: Record<MetricRange, string> = { day: "Day", week: "Week", month: "Month" };

/** Statuspage casts each point to the nearest 30 s; a later point for the same slot replaces the earlier one. */
export const METRIC_SLOT_SECONDS = 30;
/** Statuspage accepts data backfilled up to 28 days in the past. */
export const METRIC_BACKFILL_DAYS = 28;
/** Points stamped further ahead than this are refused: a clock that runs ahead must not draw the future. */
export const METRIC_FUTURE_TOLERANCE_SECONDS = 5 * 60;
/** At most this many points in one request, for one metric or across a batch. */
export const METRIC_POINTS_PER_REQUEST = 3_000;

export const METRIC_LIMITS = { suffixMax: 20, identifierMax: 2_000, decimalPlacesMax: 6 } as const;

/** Prometheus polling: the allowed interval (also the query step), in seconds. */
export const METRIC_INTERVAL_SECONDS = { min: 15, max: 3_600, default: 60 } as const;

/** A point's time (Unix seconds) cast to its 30-second slot, as Statuspage stores it. */
export function castToSlot(unixSeconds: number): number {
  return Math.round(unixSeconds / METRIC_SLOT_SECONDS) * METRIC_SLOT_SECONDS;
}

export type BucketAggregate = { count: number; sum: number; min: number; max: number; last: number };

/** The one value a chart draws for a bucket, by the metric's transform. */
export function bucketValue(transform: MetricTransform, bucket: BucketAggregate): number {
  switch (transform) {
    case "average":
      return bucket.sum / bucket.count;
    case "count":
      return bucket.count;
    case "max":
      return bucket.max;
    case "min":
      return bucket.min;
    case "sum":
      return bucket.sum;
  }
}

/** Merges consecutive aggregates (oldest first) into one, exactly: counts and sums add, the latest `last` wins. */
export function mergeAggregates(parts: readonly BucketAggregate[]): BucketAggregate | null {
  if (parts.length === 0) return null;
  let merged = { ...parts[0] };
  for (const part of parts.slice(1)) {
    merged = {
      count: merged.count + part.count,
      sum: merged.sum + part.sum,
      min: Math.min(merged.min, part.min),
      max: Math.max(merged.max, part.max),
      last: part.last,
    };
  }
  return merged;
}

/** A value as the page writes it: the metric's decimal places, then its suffix (`182 ms`, `99.95 %`). */
export function formatMetricValue(value: number, decimalPlaces: number, suffix: string): string {
  const number = value.toLocaleString("en-US", {
    minimumFractionDigits: decimalPlaces,
    maximumFractionDigits: decimalPlaces,
  });
  return suffix ? `${number} ${suffix}` : number;
}

export type RollupRow = BucketAggregate & { bucket: Date };
export type SeriesBucket = BucketAggregate & { start: number };

/**
 * Groups rollup rows (oldest first) into a range's drawn buckets, aligned to the bucket width from the Unix epoch,
 * merging each group exactly. Buckets without data are absent: the chart draws a gap there, never a zero.
 */
export function groupIntoBuckets(rows: readonly RollupRow[], bucketMs: number): SeriesBucket[] {
  const groups = new Map<number, BucketAggregate[]>();
  for (const row of rows) {
    const start = Math.floor(row.bucket.getTime() / bucketMs) * bucketMs;
    const group = groups.get(start);
    if (group) group.push(row);
    else groups.set(start, [row]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a - b)
    .map(([start, parts]) => ({ start, ...mergeAggregates(parts)! }));
}
