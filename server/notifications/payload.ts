import "server-only";
import { pageBaseUrl } from "@/server/page-url";
import type { Tx } from "@/server/db/client";
import { incidentFields } from "@/server/db/base-selects";
import { z } from "zod";
import {
  ALL_INCIDENT_STATUSES,
  COMPONENT_STATUSES,
  describeIndicator,
  INCIDENT_KINDS,
  INCIDENT_STATUS_LABELS,
  overallIndicator,
  STATUS_INDICATORS,
  UNRESOLVED_INCIDENT_STATUSES,
  type ComponentStatus,
} from "@/lib/status";
import { pageLabel } from "@/lib/page-title";

const componentStatus = z.enum(COMPONENT_STATUSES);
const incidentStatus = z.enum(ALL_INCIDENT_STATUSES);

const statuspageIncidentUpdateSchema = z.object({
  id: z.string(),
  incident_id: z.string(),
  status: incidentStatus,
  body: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  display_at: z.string(),
  affected_components: z.array(
    z.object({
      code: z.string().nullable(),
      name: z.string(),
      old_status: componentStatus,
      new_status: componentStatus,
    }),
  ),
});

const statuspageIncidentSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: incidentStatus,
  impact: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  started_at: z.string(),
  monitoring_at: z.string().nullable(),
  resolved_at: z.string().nullable(),
  scheduled_for: z.string().nullable(),
  scheduled_until: z.string().nullable(),
  shortlink: z.string(),
  page_id: z.string(),
  components: z.array(z.object({ id: z.string(), name: z.string(), status: componentStatus })),
  incident_updates: z.array(statuspageIncidentUpdateSchema),
});

/** Everything a delivery needs, frozen when the change commits so retries send exactly the same content. */
export const notificationPayloadSchema = z.object({
  baseUrl: z.string(),
  page: z.object({
    id: z.string(),
    name: z.string(),
    status_indicator: z.enum(STATUS_INDICATORS),
    status_description: z.string(),
  }),
  incident: statuspageIncidentSchema.optional(),
  component_update: z
    .object({
      id: z.string(),
      component_id: z.string(),
      created_at: z.string(),
      old_status: componentStatus,
      new_status: componentStatus,
    })
    .optional(),
  component: z.object({ id: z.string(), name: z.string(), status: componentStatus, created_at: z.string() }).optional(),
  email: z
    .object({
      subject: z.string(),
      incidentName: z.string(),
      kind: z.enum(INCIDENT_KINDS),
      statusLabel: z.string(),
      bodyMarkdown: z.string(),
      affectedComponents: z.array(z.string()),
      incidentUrl: z.string(),
      displayAt: z.string(),
    })
    .optional(),
});

export type StatuspageIncidentUpdate = z.infer<typeof statuspageIncidentUpdateSchema>;
export type StatuspageIncident = z.infer<typeof statuspageIncidentSchema>;
export type NotificationPayload = z.infer<typeof notificationPayloadSchema>;

async function pageSnapshot(tx: Tx): Promise<{ baseUrl: string; page: NotificationPayload["page"] }> {
  const [settings, components, openIncidents, maintenanceInProgress] = await Promise.all([
    tx.pageSettings.findFirst({ select: { id: true, name: true, url: true } }),
    tx.component.findMany({ select: { status: true } }),
    tx.incident.findMany({
      where: { kind: "incident", status: { in: [...UNRESOLVED_INCIDENT_STATUSES] } },
      select: { impact: true },
    }),
    tx.incident.count({ where: { kind: "maintenance", status: { in: ["in_progress", "verifying"] } } }),
  ]);
  const indicator = overallIndicator({
    componentStatuses: components.map((c) => c.status),
    unresolvedIncidentImpacts: openIncidents.map((i) => i.impact),
    maintenanceInProgress: maintenanceInProgress > 0,
  });
  const baseUrl = pageBaseUrl({ url: settings?.url ?? "" });
  return {
    baseUrl,
    page: {
      id: settings?.id ?? "page",
      name: settings?.name ?? "Status",
      status_indicator: indicator,
      status_description: describeIndicator(indicator),
    },
  };
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export async function buildIncidentPayload(
  tx: Tx,
  incidentId: string,
  updateId: string,
): Promise<{ payload: NotificationPayload; componentIds: string[] } | null> {
  const incident = await tx.incident.findUnique({
    where: { id: incidentId },
    select: {
      ...incidentFields,
      components: { select: { component: { select: { id: true, name: true, status: true } } } },
      updates: {
        orderBy: [{ displayAt: "desc" }, { createdAt: "desc" }],
        select: {
          id: true,
          status: true,
          body: true,
          displayAt: true,
          createdAt: true,
          updatedAt: true,
          affectedComponents: { select: { componentId: true, componentName: true, oldStatus: true, newStatus: true } },
        },
      },
    },
  });
  const update = incident?.updates.find((u) => u.id === updateId);
  if (!incident || !update) return null;
  const { baseUrl, page } = await pageSnapshot(tx);
  const incidentUrl = `${baseUrl}/incidents/${incident.id}`;
  const components = incident.components.map((c) => c.component);
  const componentIds = [
    ...new Set([
      ...components.map((c) => c.id),
      ...update.affectedComponents.flatMap((a) => (a.componentId ? [a.componentId] : [])),
    ]),
  ];
  const affectedNames = [
    ...new Set([...components.map((c) => c.name), ...update.affectedComponents.map((a) => a.componentName)]),
  ];
  const statusLabel = INCIDENT_STATUS_LABELS[update.status];
  return {
    componentIds,
    payload: {
      baseUrl,
      page,
      incident: {
        id: incident.id,
        name: incident.name,
        status: incident.status,
        impact: incident.impact,
        created_at: incident.createdAt.toISOString(),
        updated_at: incident.updatedAt.toISOString(),
        started_at: incident.startedAt.toISOString(),
        monitoring_at: iso(incident.monitoringAt),
        resolved_at: iso(incident.resolvedAt),
        scheduled_for: iso(incident.scheduledFor),
        scheduled_until: iso(incident.scheduledUntil),
        shortlink: incidentUrl,
        page_id: page.id,
        components: components.map((c) => ({ id: c.id, name: c.name, status: c.status })),
        incident_updates: incident.updates.map((u) => ({
          id: u.id,
          incident_id: incident.id,
          status: u.status,
          body: u.body,
          created_at: u.createdAt.toISOString(),
          updated_at: u.updatedAt.toISOString(),
          display_at: u.displayAt.toISOString(),
          affected_components: u.affectedComponents.map((a) => ({
            code: a.componentId,
            name: a.componentName,
            old_status: a.oldStatus,
            new_status: a.newStatus,
          })),
        })),
      },
      email: {
        subject: `[${pageLabel(page.name)}] ${statusLabel} - ${incident.name}`,
        incidentName: incident.name,
        kind: incident.kind,
        statusLabel,
        bodyMarkdown: update.body,
        affectedComponents: affectedNames,
        incidentUrl,
        displayAt: update.displayAt.toISOString(),
      },
    },
  };
}

export async function buildComponentPayload(
  tx: Tx,
  event: { componentId: string; oldStatus: ComponentStatus; newStatus: ComponentStatus; changeId: string; at: Date },
): Promise<NotificationPayload | null> {
  const component = await tx.component.findUnique({
    where: { id: event.componentId },
    select: { id: true, name: true, status: true, createdAt: true },
  });
  if (!component) return null;
  const { baseUrl, page } = await pageSnapshot(tx);
  return {
    baseUrl,
    page,
    component_update: {
      id: event.changeId,
      component_id: component.id,
      created_at: event.at.toISOString(),
      old_status: event.oldStatus,
      new_status: event.newStatus,
    },
    component: {
      id: component.id,
      name: component.name,
      status: event.newStatus,
      created_at: component.createdAt.toISOString(),
    },
  };
}
