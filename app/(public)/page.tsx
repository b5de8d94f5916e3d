import type { Metadata } from "next";
import { overallIndicator } from "@/lib/status";
import { statusHeadline } from "@/lib/status-headline";
import { formatUptimePercent } from "@/lib/uptime";
import {
  getComponentTree,
  getPage,
  listOpenMaintenances,
  listUnresolvedIncidents,
} from "@/server/queries/public-status";
import { listIncidentsWithUpdatesBetween } from "@/server/queries/public-timeline";
import { getUptimeBoard, type BoardBar, type BoardComponent } from "@/server/queries/uptime-board";
import {
  getLiveVersion,
  PAST_INCIDENT_DAYS,
  PAST_INCIDENTS_LIMIT,
  pastIncidentsWindow,
} from "@/server/queries/live-version";
import { pageMetadata } from "@/app/(public)/_components/branding";
import { StatusBanner } from "@/app/(public)/_components/status-banner";
import { ActiveIncidents } from "@/app/(public)/_components/active-incidents";
import { MaintenanceList } from "@/app/(public)/_components/maintenance-list";
import { ComponentList, type ComponentItem } from "@/app/(public)/_components/component-list";
import type { UptimeBarRef } from "@/components/uptime-bar";
import { PastIncidents } from "@/app/(public)/_components/past-incidents";
import { Freshness } from "@/app/(public)/_components/freshness";
import { MetricList } from "@/app/(public)/_components/metric-list";
import { loadMetricItems } from "@/app/(public)/_components/metric-items";

export async function generateMetadata(): Promise<Metadata> {
  return pageMetadata(await getPage(), { path: "/" });
}

export default async function HomePage() {
  const liveVersion = await getLiveVersion();
  const now = new Date();
  const { from, to } = pastIncidentsWindow(now);
  const [page, tree, unresolved, maintenances, board, recent, metrics] = await Promise.all([
    getPage(),
    getComponentTree(),
    listUnresolvedIncidents(),
    listOpenMaintenances(),
    getUptimeBoard(now),
    listIncidentsWithUpdatesBetween(from, to, PAST_INCIDENTS_LIMIT),
    loadMetricItems(now),
  ]);

  // Only what the bars need travels to the browser; the day-by-day details are fetched when a reader asks.
  const percent = (value: number | null) => (value === null ? null : formatUptimePercent(value));
  const barRef = ({ summary: _summary, uptimePercent, narrow, ...ref }: BoardBar): UptimeBarRef => ({
    ...ref,
    uptime: percent(uptimePercent),
    narrow: { uptime: percent(narrow.uptimePercent), description: narrow.description },
  });
  const item = ({ bar, ...component }: BoardComponent): ComponentItem => ({ ...component, bar: barRef(bar) });
  const groups = board.groups.map((group) => ({
    id: group.id,
    name: group.name,
    bar: barRef(group.bar),
    components: group.components.map(item),
  }));
  const ungrouped = board.ungrouped.map(item);

  const indicator = overallIndicator({
    componentStatuses: tree.components.map((c) => c.status),
    unresolvedIncidentImpacts: unresolved.map((i) => i.impact),
    maintenanceInProgress: maintenances.some((m) => m.status === "in_progress" || m.status === "verifying"),
  });
  const headline = statusHeadline({ indicator, componentCount: tree.components.length, pageName: page.name });
  const componentNames = new Map(tree.components.map((c) => [c.id, c.name]));

  return (
    <>
      <h1 className="sr-only">Current status</h1>
      <Freshness version={liveVersion} />
      <StatusBanner indicator={indicator} headline={headline} />
      <ActiveIncidents incidents={unresolved} tree={tree} now={now} />
      <MaintenanceList maintenances={maintenances} componentNames={componentNames} now={now} />
      <ComponentList
        groups={groups}
        ungrouped={ungrouped}
        image={{ version: board.version, rows: board.rows.length }}
      />
      <MetricList items={metrics} />
      <PastIncidents
        incidents={recent}
        days={PAST_INCIDENT_DAYS}
        truncated={recent.length >= PAST_INCIDENTS_LIMIT}
        now={now}
      />
    </>
  );
}
