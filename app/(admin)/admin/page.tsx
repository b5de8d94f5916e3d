import type { Metadata } from "next";
import Link from "next/link";
import { pageActor } from "@/app/(admin)/admin/_lib/page-actor";
import { PeriodicRefresh } from "@/app/(admin)/admin/_components/periodic-refresh";
import { BrokenComponentsCard } from "@/app/(admin)/admin/_components/overview/broken-components-card";
import { MaintenanceCard } from "@/app/(admin)/admin/_components/overview/maintenance-card";
import { OpenIncidentsCard } from "@/app/(admin)/admin/_components/overview/open-incidents-card";
import { OverviewSummary } from "@/app/(admin)/admin/_components/overview/overview-summary";
import { RecentActivityCard } from "@/app/(admin)/admin/_components/overview/recent-activity-card";
import { SubscribersCard } from "@/app/(admin)/admin/_components/overview/subscribers-card";
import {
  mutedClass,
  primaryButtonClass,
  secondaryButtonClass,
} from "@/app/(admin)/admin/_components/overview/overview-styles";
import { getConsoleOverview } from "@/server/queries/console-overview";
import { formatUtcTime } from "@/lib/format";
import { roleAtLeast } from "@/lib/status";

export const metadata: Metadata = { title: "Overview" };

const REFRESH_MS = 60_000;

export default async function OverviewPage() {
  const actor = await pageActor();
  const overview = await getConsoleOverview({ ctx: { actor } });
  const now = overview.generatedAt;
  const canRespond = roleAtLeast(actor.role, "responder");
  const isOwner = roleAtLeast(actor.role, "owner");

  return (
    <div className="space-y-6">
      <PeriodicRefresh everyMs={REFRESH_MS} />
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Overview</h1>
          <p className={mutedClass}>
            As of <time dateTime={now.toISOString()}>{formatUtcTime(now)}</time>; refreshes every minute.
          </p>
        </div>
        {canRespond ? (
          <div className="flex flex-wrap gap-2">
            <Link href="/admin/incidents/new" className={primaryButtonClass}>
              Declare incident
            </Link>
            <Link href="/admin/maintenance/new" className={secondaryButtonClass}>
              Schedule maintenance
            </Link>
          </div>
        ) : null}
      </div>
      <OverviewSummary overview={overview} />

      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="space-y-6">
          <OpenIncidentsCard overview={overview} canRespond={canRespond} />
          <BrokenComponentsCard components={overview.components} />
          <MaintenanceCard overview={overview} />
        </div>

        <div className="space-y-6">
          <SubscribersCard overview={overview} isOwner={isOwner} />
          <RecentActivityCard overview={overview} isOwner={isOwner} />
        </div>
      </div>
    </div>
  );
}
