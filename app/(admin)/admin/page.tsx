import type { Metadata } from "next";
import Link from "next/link";
import { pageActor } from "@/app/(admin)/admin/_lib/page-actor";
import { OverviewLive } from "@/app/(admin)/admin/_components/overview/overview-live";
import { BrokenComponentsCard } from "@/app/(admin)/admin/_components/overview/broken-components-card";
import { MaintenanceCard } from "@/app/(admin)/admin/_components/overview/maintenance-card";
import { OpenIncidentsCard } from "@/app/(admin)/admin/_components/overview/open-incidents-card";
import { OverviewSummary } from "@/app/(admin)/admin/_components/overview/overview-summary";
import { RecentActivityCard } from "@/app/(admin)/admin/_components/overview/recent-activity-card";
import { SubscribersCard } from "@/app/(admin)/admin/_components/overview/subscribers-card";
import { DemoNotice } from "@/app/(admin)/admin/_components/overview/demo-notice";
import { SetupChecklist } from "@/app/(admin)/admin/_components/overview/setup-checklist";
import { getPageSetup } from "@/server/queries/page-setup";
import { isEmailSubscriptionOffered } from "@/server/queries/mail-settings";
import { primaryButtonClass, secondaryButtonClass } from "@/app/(admin)/admin/_components/overview/overview-styles";
import { getConsoleOverview } from "@/server/queries/console-overview";
import { getLiveVersion } from "@/server/queries/live-version";
import { getPage } from "@/server/queries/public-status";
import { pageBaseUrl } from "@/server/page-url";
import { AddressMismatchNotice } from "@/app/(admin)/admin/_components/address-mismatch-notice";
import { formatUtcTime } from "@/lib/format";
import { roleAtLeast } from "@/lib/status";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const actor = await pageActor();
  // The version first: a change landing between the two reads then shows as one more refresh, never as a missed one.
  const liveVersion = await getLiveVersion();
  const overview = await getConsoleOverview({ ctx: { actor } });
  const setup = await getPageSetup({ ctx: { actor } });
  const now = overview.generatedAt;
  const canRespond = roleAtLeast(actor.role, "responder");
  const isOwner = roleAtLeast(actor.role, "owner");

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Overview</h1>
          <OverviewLive version={liveVersion} at={now.toISOString()} atLabel={formatUtcTime(now)} />
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
      {isOwner ? <AddressMismatchNotice pageUrl={pageBaseUrl(await getPage())} /> : null}
      <DemoNotice setup={setup} isOwner={isOwner} />
      <SetupChecklist setup={setup} emailReady={await isEmailSubscriptionOffered()} />
      <OverviewSummary overview={overview} componentCount={setup.componentCount} />

      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="space-y-6">
          <OpenIncidentsCard overview={overview} canRespond={canRespond} />
          <BrokenComponentsCard components={overview.components} noComponents={setup.componentCount === 0} />
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
