import type { Metadata } from "next";
import { listMetricSources } from "@/server/queries/admin-metrics";
import { getAdminComponentTree } from "@/server/queries/admin-components";
import { roleAtLeast } from "@/lib/status";
import { pageActor } from "@/app/(admin)/admin/_lib/page-actor";
import { componentOptions } from "@/app/(admin)/admin/_lib/component-options";
import { BackLink } from "@/app/(admin)/admin/_components/back-link";
import { NotAllowed } from "@/app/(admin)/admin/_components/not-allowed";
import { MetricForm } from "@/app/(admin)/admin/metrics/_components/metric-form";
import { NEW_METRIC } from "@/app/(admin)/admin/metrics/_components/metric-fields";

export const metadata: Metadata = { title: "Add metric" };

export default async function NewMetricPage() {
  const actor = await pageActor();
  if (!roleAtLeast(actor.role, "responder")) return <NotAllowed role="responder" />;
  const [{ providers }, tree] = await Promise.all([
    listMetricSources({ ctx: { actor } }),
    getAdminComponentTree({ ctx: { actor } }),
  ]);
  const sources = providers.map((p) => ({
    id: p.id,
    label: p.type === "self" ? "Self (pushed data)" : `Prometheus at ${p.baseUrl ?? ""}`,
    prometheus: p.type === "prometheus",
  }));
  return (
    <div className="space-y-4">
      <BackLink href="/admin/metrics">Metrics</BackLink>
      <h1 className="text-2xl font-semibold">Add metric</h1>
      {sources.length === 0 ? (
        <p className="text-sm">No provider is linked yet; an owner links one on the Metrics page.</p>
      ) : (
        <MetricForm
          sources={sources}
          values={NEW_METRIC}
          components={componentOptions(tree).map((c) => ({
            id: c.id,
            name: c.groupName ? `${c.groupName} › ${c.name}` : c.name,
          }))}
        />
      )}
    </div>
  );
}
