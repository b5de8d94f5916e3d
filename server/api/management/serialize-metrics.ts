import "server-only";
import type { ManagedMetric, ManagedProvider } from "@/server/queries/metric-reads";
import { METRICS_PROVIDER_TYPE_NAMES } from "@/lib/metrics";

// Statuspage's Metric and MetricsProvider objects, field for field, with this product's extras after them.

const iso = (date: Date) => date.toISOString();
const isoOrNull = (date: Date | null) => (date ? date.toISOString() : null);

export function serializeMetricsProvider(provider: ManagedProvider, pageId: string) {
  return {
    id: provider.id,
    type: METRICS_PROVIDER_TYPE_NAMES[provider.type],
    disabled: provider.disabled,
    metric_base_uri: provider.baseUrl,
    last_revalidated_at: isoOrNull(provider.lastRevalidatedAt),
    created_at: iso(provider.createdAt),
    updated_at: iso(provider.updatedAt),
    page_id: pageId,
  };
}

/** `backfilled` and `backfill_percentage` describe Statuspage pulling a provider's history, which never happens here. */
export function serializeMetric(metric: ManagedMetric) {
  return {
    id: metric.id,
    metrics_provider_id: metric.providerId,
    metric_identifier: metric.metricIdentifier,
    name: metric.name,
    display: metric.display,
    tooltip_description: metric.tooltipDescription,
    backfilled: false,
    y_axis_min: metric.yAxisMin,
    y_axis_max: metric.yAxisMax,
    y_axis_hidden: metric.yAxisHidden,
    suffix: metric.suffix,
    decimal_places: metric.decimalPlaces,
    most_recent_data_at: isoOrNull(metric.mostRecentDataAt),
    created_at: iso(metric.createdAt),
    updated_at: iso(metric.updatedAt),
    last_fetched_at: isoOrNull(metric.lastFetchedAt),
    backfill_percentage: 0,
    reference_name: metric.name,
    transform: metric.transform,
    default_range: metric.defaultRange,
    component_id: metric.componentId,
  };
}
