import Link from "next/link";
import { formatMetricValue } from "@/lib/metrics";
import { formatUtcDateTime } from "@/lib/format";
import type { AdminMetricRow, MetricsPageRef } from "@/server/queries/admin-metrics";
import { Disclosure } from "@/app/(admin)/admin/_components/disclosure";
import { describePolling } from "@/app/(admin)/admin/metrics/_components/metric-health";
import { PushExample } from "@/app/(admin)/admin/metrics/_components/push-example";

const muted = "text-xs text-zinc-600 dark:text-zinc-400";
const badge = "ml-2 rounded px-1.5 text-xs font-normal";

/** Every metric in its public order, with its latest value and, for a polled one, how its polling goes. */
export function MetricList({
  metrics,
  page,
  canEdit,
}: {
  metrics: AdminMetricRow[];
  page: MetricsPageRef;
  canEdit: boolean;
}) {
  if (metrics.length === 0)
    return (
      <p className="rounded-lg border border-zinc-200 bg-white p-4 text-sm dark:border-zinc-800 dark:bg-zinc-900">
        No metrics yet.
      </p>
    );
  return (
    <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
      {metrics.map((metric) => {
        const polling = metric.providerType === "prometheus" ? describePolling(metric) : null;
        return (
          <li key={metric.id} aria-label={metric.name} className="space-y-1 p-3">
            <div className="flex flex-col gap-1 sm:flex-row sm:items-baseline sm:justify-between">
              <p className="min-w-0 font-medium">
                {canEdit ? (
                  <Link
                    href={`/admin/metrics/${metric.id}`}
                    className="text-blue-800 underline-offset-2 hover:underline dark:text-blue-300"
                  >
                    {metric.name}
                  </Link>
                ) : (
                  metric.name
                )}
                {metric.display ? (
                  <span className={`${badge} bg-green-100 text-green-900 dark:bg-green-950 dark:text-green-200`}>
                    Shown
                  </span>
                ) : (
                  <span className={`${badge} bg-zinc-200 dark:bg-zinc-700`}>Hidden</span>
                )}
              </p>
              <p className="text-sm tabular-nums" data-testid="metric-latest">
                <span className="sr-only">Latest value: </span>
                {metric.latest
                  ? formatMetricValue(metric.latest.value, metric.decimalPlaces, metric.suffix)
                  : "No data yet"}
              </p>
            </div>
            <p className={muted}>
              {metric.providerType === "self" ? "Self (pushed)" : "Prometheus"}
              {metric.componentName ? ` · under ${metric.componentName}` : " · not tied to a component"}
              {metric.mostRecentDataAt ? ` · data until ${formatUtcDateTime(metric.mostRecentDataAt)}` : ""}
            </p>
            {metric.providerType === "prometheus" ? (
              <p className={`${muted} break-all`}>
                <code>{metric.metricIdentifier}</code>
              </p>
            ) : null}
            {polling ? (
              <p className={polling.failing ? "text-xs text-red-700 dark:text-red-400" : muted}>{polling.text}</p>
            ) : null}
            {metric.providerType === "self" ? (
              <Disclosure summary={`Push a point to ${metric.name}`} contentClassName="pt-2">
                <PushExample page={page} metricId={metric.id} label={`Push a point to ${metric.name}`} />
              </Disclosure>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
