import type { Metadata } from "next";
import Link from "next/link";
import { listAdminMetrics } from "@/server/queries/admin-metrics";
import { roleAtLeast } from "@/lib/status";
import { pageActor } from "@/app/(admin)/admin/_lib/page-actor";
import { Card } from "@/app/(admin)/admin/_components/card";
import { PageHeading } from "@/app/(admin)/admin/_components/page-heading";
import { PrimaryLink } from "@/app/(admin)/admin/_components/primary-link";
import { Section } from "@/app/(admin)/admin/_components/section";
import { MetricList } from "@/app/(admin)/admin/metrics/_components/metric-list";
import { ProviderList } from "@/app/(admin)/admin/metrics/_components/provider-list";

export const metadata: Metadata = { title: "Metrics" };

export default async function MetricsPage() {
  const actor = await pageActor();
  const { page, providers, metrics } = await listAdminMetrics({ ctx: { actor } });
  const canEdit = roleAtLeast(actor.role, "responder");
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <PageHeading
          title="Metrics"
          action={
            canEdit && providers.length > 0 ? <PrimaryLink href="/admin/metrics/new">Add metric</PrimaryLink> : null
          }
        />
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Charts on the public page, fed by points your scripts push or polled from Prometheus. See the{" "}
          <Link href="/admin/docs/metrics" className="text-blue-700 underline dark:text-blue-300">
            metrics guide
          </Link>{" "}
          (docs/metrics.md).
        </p>
      </div>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <Section id="metrics-heading" title="Metrics">
          <MetricList metrics={metrics} page={page} canEdit={canEdit} />
          {canEdit && providers.length === 0 ? (
            <p className="text-sm text-zinc-600 dark:text-zinc-400">Link a provider first; an owner can.</p>
          ) : null}
        </Section>
        <Card id="providers-heading" title="Providers">
          <ProviderList providers={providers} page={page} canManage={roleAtLeast(actor.role, "owner")} />
        </Card>
      </div>
    </div>
  );
}
