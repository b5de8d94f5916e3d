// Statuspage API v2 shapes, field for field, built from the DTOs the public pages render.
import {
  describeIndicator,
  overallIndicator,
  worstComponentStatus,
  type AnyImpact,
  type AnyIncidentStatus,
  type ComponentStatus,
  type StatusIndicator,
} from "@/lib/status";
import { inPageOrder } from "@/lib/component-order";
import { pageBaseUrl } from "@/server/page-url";
import type {
  ComponentDto,
  ComponentGroupDto,
  ComponentTreeDto,
  IncidentDto,
  IncidentUpdateDto,
  PageDto,
} from "@/lib/dto";

export type ApiPage = { id: string; name: string; url: string; time_zone: string; updated_at: string };

export type ApiStatus = { indicator: StatusIndicator; description: string };

export type ApiComponent = {
  id: string;
  name: string;
  status: ComponentStatus;
  created_at: string;
  updated_at: string;
  position: number;
  description: string | null;
  showcase: boolean;
  start_date: string | null;
  group_id: string | null;
  page_id: string;
  group: boolean;
  only_show_if_degraded: boolean;
  components?: string[];
};

export type ApiAffectedComponent = {
  code: string | null;
  name: string;
  old_status: ComponentStatus;
  new_status: ComponentStatus;
};

export type ApiIncidentUpdate = {
  id: string;
  status: AnyIncidentStatus;
  body: string;
  incident_id: string;
  created_at: string;
  updated_at: string;
  display_at: string;
  affected_components: ApiAffectedComponent[] | null;
  deliver_notifications: boolean;
};

export type ApiIncident = {
  id: string;
  name: string;
  status: AnyIncidentStatus;
  created_at: string;
  updated_at: string;
  monitoring_at: string | null;
  resolved_at: string | null;
  impact: AnyImpact;
  shortlink: string;
  started_at: string;
  page_id: string;
  incident_updates: ApiIncidentUpdate[];
  components: ApiComponent[];
  scheduled_for?: string | null;
  scheduled_until?: string | null;
};

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

export function serializeGroup(group: ComponentGroupDto, children: ComponentDto[], pageId: string): ApiComponent {
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
export function serializeComponents(ctx: ApiContext): ApiComponent[] {
  const { tree, page } = ctx;
  const byId = new Map(tree.components.map((c) => [c.id, c]));
  type Top = { position: number; order: number; items: ApiComponent[] };
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

export function serializeIncident(incident: IncidentDto, ctx: ApiContext): ApiIncident {
  const serialized: ApiIncident = {
    id: incident.id,
    name: incident.name,
    status: incident.status,
    created_at: iso(incident.createdAt),
    updated_at: iso(incident.updatedAt),
    monitoring_at: isoOrNull(incident.monitoringAt),
    resolved_at: isoOrNull(incident.resolvedAt),
    impact: incident.kind === "maintenance" ? "maintenance" : incident.impact,
    shortlink: incidentUrl(ctx.baseUrl, incident.id),
    started_at: iso(incident.startedAt),
    page_id: ctx.page.id,
    incident_updates: incident.updates.map(serializeIncidentUpdate),
    components: inPageOrder(ctx.tree, incident.componentIds).map((c) => serializeComponent(c, ctx.page.id)),
  };
  if (incident.kind === "maintenance") {
    serialized.scheduled_for = isoOrNull(incident.scheduledFor);
    serialized.scheduled_until = isoOrNull(incident.scheduledUntil);
  }
  return serialized;
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

export function summaryBody(ctx: ApiContext, unresolved: IncidentDto[], openMaintenances: IncidentDto[]) {
  return {
    page: serializePage(ctx),
    components: serializeComponents(ctx),
    incidents: unresolved.map((i) => serializeIncident(i, ctx)),
    scheduled_maintenances: openMaintenances.map((m) => serializeIncident(m, ctx)),
    status: serializeStatus(pageIndicator(ctx.tree, unresolved, openMaintenances)),
  };
}
