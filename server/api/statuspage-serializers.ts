// Statuspage API v2 shapes, field for field, built from the DTOs the public pages render.
import { describeIndicator, overallIndicator, worstComponentStatus, type StatusIndicator } from "@/lib/status";
import { inPageOrder } from "@/lib/component-order";
import { pageBaseUrl } from "@/server/page-url";
import type {
  ApiComponent,
  ApiComponentGroup,
  ApiIncident,
  ApiIncidentUpdate,
  ApiMaintenance,
  ApiPage,
  ApiStatus,
  V2Body,
} from "@/server/api/v2-schemas";
import type {
  ComponentDto,
  ComponentGroupDto,
  ComponentTreeDto,
  IncidentDto,
  IncidentUpdateDto,
  PageDto,
} from "@/lib/dto";

/** Everything a serializer needs besides the object itself. */
export type ApiContext = { page: PageDto; tree: ComponentTreeDto; lastChangeAt: Date | null; baseUrl: string };

const iso = (date: Date) => date.toISOString();
const isoOrNull = (date: Date | null) => (date ? date.toISOString() : null);

export { pageBaseUrl };

export function incidentUrl(baseUrl: string, incidentId: string): string {
  return `${baseUrl}/incidents/${encodeURIComponent(incidentId)}`;
}

export function serializePage(ctx: ApiContext): ApiPage {
  const { page, lastChangeAt } = ctx;
  const updatedAt = lastChangeAt && lastChangeAt > page.updatedAt ? lastChangeAt : page.updatedAt;
  return { id: page.id, name: page.name, url: ctx.baseUrl, time_zone: page.timeZone, updated_at: iso(updatedAt) };
}

function startDate(date: Date | null): string | null {
  return date ? date.toISOString().slice(0, 10) : null;
}

export function serializeComponent(component: ComponentDto, pageId: string): ApiComponent {
  return {
    id: component.id,
    name: component.name,
    status: component.status,
    created_at: iso(component.createdAt),
    updated_at: iso(component.updatedAt),
    position: component.position,
    description: component.description,
    showcase: component.showcase,
    start_date: startDate(component.startDate),
    group_id: component.groupId,
    page_id: pageId,
    group: false,
    only_show_if_degraded: component.onlyShowIfDegraded,
  };
}

export function serializeGroup(group: ComponentGroupDto, children: ComponentDto[], pageId: string): ApiComponentGroup {
  const latestChild = children.reduce((max, c) => (c.updatedAt > max ? c.updatedAt : max), group.updatedAt);
  return {
    id: group.id,
    name: group.name,
    status: worstComponentStatus(children.map((c) => c.status)),
    created_at: iso(group.createdAt),
    updated_at: iso(latestChild),
    position: group.position,
    description: group.description,
    showcase: false,
    start_date: null,
    group_id: null,
    page_id: pageId,
    group: true,
    only_show_if_degraded: false,
    components: children.map((c) => c.id),
  };
}

/** Groups and ungrouped components in position order, each group followed by its children. */
export function serializeComponents(ctx: ApiContext): (ApiComponent | ApiComponentGroup)[] {
  const { tree, page } = ctx;
  const byId = new Map(tree.components.map((c) => [c.id, c]));
  type Top = { position: number; order: number; items: (ApiComponent | ApiComponentGroup)[] };
  const top: Top[] = [];
  tree.groups.forEach((group, index) => {
    const children = group.componentIds.map((id) => byId.get(id)).filter((c): c is ComponentDto => Boolean(c));
    top.push({
      position: group.position,
      order: index,
      items: [serializeGroup(group, children, page.id), ...children.map((c) => serializeComponent(c, page.id))],
    });
  });
  const groupIds = new Set(tree.groups.map((g) => g.id));
  tree.components
    .filter((c) => !c.groupId || !groupIds.has(c.groupId))
    .forEach((component, index) => {
      top.push({
        position: component.position,
        order: tree.groups.length + index,
        items: [serializeComponent(component, page.id)],
      });
    });
  top.sort((a, b) => a.position - b.position || a.order - b.order);
  return top.flatMap((t) => t.items);
}

export function serializeIncidentUpdate(update: IncidentUpdateDto): ApiIncidentUpdate {
  return {
    id: update.id,
    status: update.status,
    body: update.body,
    incident_id: update.incidentId,
    created_at: iso(update.createdAt),
    updated_at: iso(update.updatedAt),
    display_at: iso(update.displayAt),
    affected_components: update.affectedComponents.length
      ? update.affectedComponents.map((a) => ({
          code: a.componentId,
          name: a.name,
          old_status: a.oldStatus,
          new_status: a.newStatus,
        }))
      : null,
    deliver_notifications: update.deliverNotifications,
  };
}

/** An incident's shape; the queries behind the incident lists select incidents only. */
export function serializeUnplannedIncident(incident: IncidentDto, ctx: ApiContext): ApiIncident {
  return {
    id: incident.id,
    name: incident.name,
    status: incident.status,
    created_at: iso(incident.createdAt),
    updated_at: iso(incident.updatedAt),
    monitoring_at: isoOrNull(incident.monitoringAt),
    resolved_at: isoOrNull(incident.resolvedAt),
    impact: incident.impact,
    shortlink: incidentUrl(ctx.baseUrl, incident.id),
    started_at: iso(incident.startedAt),
    page_id: ctx.page.id,
    incident_updates: incident.updates.map(serializeIncidentUpdate),
    components: inPageOrder(ctx.tree, incident.componentIds).map((c) => serializeComponent(c, ctx.page.id)),
  };
}

/** A maintenance's shape: an incident's, with impact "maintenance" and its window. */
export function serializeMaintenance(maintenance: IncidentDto, ctx: ApiContext): ApiMaintenance {
  return {
    ...serializeUnplannedIncident(maintenance, ctx),
    impact: "maintenance",
    scheduled_for: isoOrNull(maintenance.scheduledFor),
    scheduled_until: isoOrNull(maintenance.scheduledUntil),
  };
}

export function serializeIncident(incident: IncidentDto, ctx: ApiContext): ApiIncident | ApiMaintenance {
  return incident.kind === "maintenance"
    ? serializeMaintenance(incident, ctx)
    : serializeUnplannedIncident(incident, ctx);
}

export function pageIndicator(
  tree: ComponentTreeDto,
  unresolved: IncidentDto[],
  openMaintenances: IncidentDto[],
): StatusIndicator {
  return overallIndicator({
    componentStatuses: tree.components.map((c) => c.status),
    unresolvedIncidentImpacts: unresolved.map((i) => i.impact),
    maintenanceInProgress: openMaintenances.some((m) => m.status === "in_progress" || m.status === "verifying"),
  });
}

export function serializeStatus(indicator: StatusIndicator): ApiStatus {
  return { indicator, description: describeIndicator(indicator) };
}

export function isActiveMaintenance(maintenance: IncidentDto): boolean {
  return maintenance.status === "in_progress" || maintenance.status === "verifying";
}

export function isUpcomingMaintenance(maintenance: IncidentDto): boolean {
  return maintenance.status === "scheduled";
}

export function summaryBody(
  ctx: ApiContext,
  unresolved: IncidentDto[],
  openMaintenances: IncidentDto[],
): V2Body<"/api/v2/summary.json"> {
  return {
    page: serializePage(ctx),
    components: serializeComponents(ctx),
    incidents: unresolved.map((i) => serializeUnplannedIncident(i, ctx)),
    scheduled_maintenances: openMaintenances.map((m) => serializeMaintenance(m, ctx)),
    status: serializeStatus(pageIndicator(ctx.tree, unresolved, openMaintenances)),
  };
}
