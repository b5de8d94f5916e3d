import type { Metadata } from "next";
import { overallIndicator } from "@/lib/status";
import { computeComponentUptime, combineUptime, encodeUptime, type UptimeSummary } from "@/lib/uptime";
import { getComponentTree, getPage, listOpenMaintenances, listUnresolvedIncidents } from "@/server/queries/public-status";
import { listIncidentsWithUpdatesBetween } from "@/server/queries/public-timeline";
import { getUptimeHistory, listUptimeWindowIncidents } from "@/server/queries/uptime";
import { PAST_INCIDENT_DAYS, PAST_INCIDENTS_LIMIT, pastIncidentsWindow } from "@/server/queries/live-version";
import { pageMetadata } from "@/app/(public)/_components/branding";
import { StatusBanner } from "@/app/(public)/_components/status-banner";
import { ActiveIncidents } from "@/app/(public)/_components/active-incidents";
import { MaintenanceList } from "@/app/(public)/_components/maintenance-list";
import { ComponentList, type ComponentItem, type UptimeRow } from "@/app/(public)/_components/component-list";
import { PastIncidents } from "@/app/(public)/_components/past-incidents";
import { Freshness } from "@/app/(public)/_components/freshness";

export async function generateMetadata(): Promise<Metadata> {
  return pageMetadata(await getPage(), { path: "/" });
}

export default async function HomePage() {
  const now = new Date();
  const { from, to } = pastIncidentsWindow(now);
  const [tree, unresolved, maintenances, history, windowIncidents, recent] = await Promise.all([
    getComponentTree(),
    listUnresolvedIncidents(),
    listOpenMaintenances(),
    getUptimeHistory(now),
    listUptimeWindowIncidents(now),
    listIncidentsWithUpdatesBetween(from, to, PAST_INCIDENTS_LIMIT),
  ]);

  const summaries = new Map<string, UptimeSummary>();
  const row = (summary: UptimeSummary): UptimeRow => ({ uptimePercent: summary.uptimePercent, encoded: encodeUptime(summary) });
  const item = (component: (typeof tree.components)[number]): ComponentItem => {
    const summary = computeComponentUptime({
      componentId: component.id,
      changes: history.changesByComponent[component.id] ?? [],
      trackingStart: component.startDate ?? component.createdAt,
      now,
      incidents: windowIncidents,
    });
    summaries.set(component.id, summary);
    const { id, name, description, status, showcase } = component;
    return { id, name, description, status, showcase, uptime: row(summary) };
  };
  const visible = tree.components.filter((c) => !(c.onlyShowIfDegraded && c.status === "operational"));
  const groups = tree.groups
    .map((group) => {
      const components = visible.filter((c) => c.groupId === group.id).map(item);
      return { id: group.id, name: group.name, components, uptime: row(combineUptime(components.map((c) => summaries.get(c.id)!))) };
    })
    .filter((group) => group.components.length > 0);
  const ungrouped = visible.filter((c) => !c.groupId || !tree.groups.some((g) => g.id === c.groupId)).map(item);

  const indicator = overallIndicator({
    componentStatuses: tree.components.map((c) => c.status),
    unresolvedIncidentImpacts: unresolved.map((i) => i.impact),
    maintenanceInProgress: maintenances.some((m) => m.status === "in_progress" || m.status === "verifying"),
  });
  const componentNames = new Map(tree.components.map((c) => [c.id, c.name]));

  return (
    <>
      <h1 className="sr-only">Current status</h1>
      <Freshness />
      <StatusBanner indicator={indicator} />
      <ActiveIncidents incidents={unresolved} now={now} />
      <MaintenanceList maintenances={maintenances} componentNames={componentNames} now={now} />
      <ComponentList groups={groups} ungrouped={ungrouped} />
      <PastIncidents incidents={recent} days={PAST_INCIDENT_DAYS} truncated={recent.length >= PAST_INCIDENTS_LIMIT} now={now} />
    </>
  );
}
