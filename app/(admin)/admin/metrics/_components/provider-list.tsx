import Link from "next/link";
import type { AdminMetricsProvider, MetricsPageRef } from "@/server/queries/admin-metrics";
import { Disclosure } from "@/app/(admin)/admin/_components/disclosure";
import { PushExample } from "@/app/(admin)/admin/metrics/_components/push-example";
import {
  EditPrometheusForm,
  LinkPrometheusForm,
  LinkSelfProviderButton,
  RemoveProviderButton,
} from "@/app/(admin)/admin/metrics/_components/provider-forms";

const muted = "text-xs text-zinc-600 dark:text-zinc-400";

function providerLabel(provider: AdminMetricsProvider): string {
  return provider.type === "self" ? "Self (pushed data)" : `Prometheus at ${provider.baseUrl ?? ""}`;
}

/** The linked providers; owners link, edit and remove them here. */
export function ProviderList({
  providers,
  page,
  canManage,
}: {
  providers: AdminMetricsProvider[];
  page: MetricsPageRef;
  canManage: boolean;
}) {
  const hasSelf = providers.some((p) => p.type === "self");
  return (
    <div className="space-y-4">
      {providers.length === 0 ? <p className="text-sm">No provider is linked yet.</p> : null}
      <ul className="space-y-3">
        {providers.map((provider) => (
          <li
            key={provider.id}
            aria-label={providerLabel(provider)}
            className="space-y-2 border-b border-zinc-200 pb-3 last:border-b-0 dark:border-zinc-800"
          >
            <div className="flex flex-wrap items-start justify-between gap-2">
              <div className="min-w-0 space-y-0.5">
                <p className="font-medium break-all">
                  {provider.type === "self" ? "Self" : "Prometheus"}
                  {provider.type === "prometheus" ? <span className="font-normal"> · {provider.baseUrl}</span> : null}
                  {provider.disabled ? (
                    <span className="ml-2 rounded bg-zinc-200 px-1.5 text-xs dark:bg-zinc-700">Paused</span>
                  ) : null}
                  {provider.demo ? (
                    <span className="ml-2 rounded bg-zinc-200 px-1.5 text-xs dark:bg-zinc-700">Demo</span>
                  ) : null}
                </p>
                <p className={muted}>
                  {provider.metricCount === 1 ? "1 metric" : `${provider.metricCount} metrics`}
                  {provider.type === "prometheus"
                    ? ` · Authorization header ${provider.authorizationSet ? "set" : "not set"}`
                    : " · data pushed through the metrics API"}
                </p>
              </div>
              {canManage ? (
                <RemoveProviderButton
                  providerId={provider.id}
                  label={providerLabel(provider)}
                  metricCount={provider.metricCount}
                />
              ) : null}
            </div>
            {provider.type === "self" ? (
              <Disclosure summary="How to push data">
                <div className="space-y-2 text-sm">
                  <p>
                    Send points with an API key (responder) to Statuspage&apos;s metrics API; timestamps are Unix
                    seconds, up to 28 days back. See{" "}
                    <Link href="/admin/docs/api" className="text-blue-700 underline dark:text-blue-300">
                      the API guide
                    </Link>{" "}
                    (docs/api.md).
                  </p>
                  <PushExample page={page} metricId="<metric id>" label="Push a point to a metric" />
                </div>
              </Disclosure>
            ) : canManage ? (
              <Disclosure summary={`Edit Prometheus at ${provider.baseUrl ?? ""}`}>
                <EditPrometheusForm provider={provider} />
              </Disclosure>
            ) : null}
          </li>
        ))}
      </ul>
      {canManage ? (
        <div className="space-y-4 border-t border-zinc-200 pt-4 dark:border-zinc-800">
          {hasSelf ? null : (
            <div className="space-y-2">
              <p className="text-sm">Scripts and exporters push points through the metrics API.</p>
              <LinkSelfProviderButton />
            </div>
          )}
          <Disclosure summary="Link a Prometheus server" contentClassName="pt-3">
            <LinkPrometheusForm />
          </Disclosure>
        </div>
      ) : (
        <p className={muted}>Only an owner links providers.</p>
      )}
    </div>
  );
}
