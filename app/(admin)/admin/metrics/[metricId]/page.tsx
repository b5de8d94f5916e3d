import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getAdminMetric, listMetricSources } from "@/server/queries/admin-metrics";
import { getAdminComponentTree } from "@/server/queries/admin-components";
import { roleAtLeast } from "@/lib/status";
import { pageActor } from "@/app/(admin)/admin/_lib/page-actor";
import { componentOptions } from "@/app/(admin)/admin/_lib/component-options";
import { BackLink } from "@/app/(admin)/admin/_components/back-link";
import { ButtonForm } from "@/app/(admin)/admin/_components/button-form";
import { NotAllowed } from "@/app/(admin)/admin/_components/not-allowed";
import { MetricForm } from "@/app/(admin)/admin/metrics/_components/metric-form";
import { PushExample } from "@/app/(admin)/admin/metrics/_components/push-example";
import { deleteMetricAction, resetMetricDataAction } from "@/app/(admin)/admin/metrics/actions";

export const metadata: Metadata = { title: "Edit metric" };

export default async function EditMetricPage({ params }: { params: Promise<{ metricId: string }> }) {
  const actor = await pageActor();
  if (!roleAtLeast(actor.role, "responder")) return <NotAllowed role="responder" />;
  const [metric, tree, { page }] = await Promise.all([
    getAdminMetric({ ctx: { actor }, metricId: (await params).metricId }),
    getAdminComponentTree({ ctx: { actor } }),
    listMetricSources({ ctx: { actor } }),
  ]);
  if (!metric) notFound();
  const prometheus = metric.providerType === "prometheus";
  const components = componentOptions(tree).map((c) => ({
    id: c.id,
    name: c.groupName ? `${c.groupName} › ${c.name}` : c.name,
  }));
  return (
    <div className="space-y-4">
      <BackLink href="/admin/metrics">Metrics</BackLink>
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold">Edit {metric.name}</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {prometheus ? "Polled from Prometheus" : "Pushed through the metrics API"} · id <code>{metric.id}</code>
        </p>
      </div>
      <MetricForm
        metric={{ id: metric.id, version: metric.version, providerId: metric.providerId, prometheus }}
        values={metric}
        components={components}
      />
      {prometheus ? null : (
        <section aria-labelledby="push-heading" className="space-y-2">
          <h2 id="push-heading" className="text-lg font-semibold">
            Push a point
          </h2>
          <PushExample page={page} metricId={metric.id} label={`Push a point to ${metric.name}`} />
        </section>
      )}
      <div className="flex flex-wrap gap-3 border-t border-zinc-200 pt-4 dark:border-zinc-800">
        <ButtonForm
          action={resetMetricDataAction}
          fields={{ metricId: metric.id }}
          className="space-y-2"
          variant="danger"
          pendingLabel="Resetting…"
          confirm={`Reset the data of “${metric.name}”? Every point and chart value is deleted; the metric stays.`}
        >
          Reset data
        </ButtonForm>
        <ButtonForm
          action={deleteMetricAction}
          fields={{ metricId: metric.id }}
          className="space-y-2"
          variant="danger"
          pendingLabel="Deleting…"
          confirm={`Delete “${metric.name}”? Its chart and all its data are deleted.`}
        >
          Delete metric
        </ButtonForm>
      </div>
    </div>
  );
}
