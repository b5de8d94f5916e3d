import "server-only";
import { z } from "zod";
import type { DbOrTx } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { COMPONENT_STATUSES, INCIDENT_IMPACTS, INCIDENT_STATUSES, MAINTENANCE_STATUSES, type ComponentStatus } from "@/lib/status";
import { readComponentTree, readIncident, readIncidents, readPage } from "@/server/queries/api-reads";
import { pageBaseUrl, serializeComponent, serializeComponents, serializeIncident, serializeIncidentUpdate, type ApiContext } from "@/server/api/statuspage-serializers";
import { callService, parseRequest, v1Route } from "@/server/api/v1/handler";
import { createIncident } from "@/server/services/incidents/create-incident";
import { postIncidentUpdate } from "@/server/services/incidents/post-incident-update";
import { resolveIncident } from "@/server/services/incidents/resolve-incident";
import { updateIncident } from "@/server/services/incidents/update-incident";
import { setComponentStatus } from "@/server/services/components/set-component-status";
import { scheduleMaintenance } from "@/server/services/maintenance/schedule-maintenance";

type IncidentParams = { incidentId: string };
type ComponentParams = { componentId: string };

async function context(db: DbOrTx): Promise<ApiContext> {
  // Sequential: inside a transaction the queries share one connection.
  const page = await readPage(db);
  const tree = await readComponentTree(db);
  return { page, tree, lastChangeAt: null, baseUrl: pageBaseUrl(page) };
}

async function incidentOrThrow(db: DbOrTx, incidentId: string) {
  const incident = await readIncident(db, incidentId);
  if (!incident) throw new AppError("NOT_FOUND", "There is no incident with that id.");
  return incident;
}

// Read with Object.entries, which keeps an own "__proto__" key that a record schema would silently drop.
const componentChanges = z.unknown().optional().transform((value, ctx) => {
  if (value === undefined || value === null) return [];
  if (typeof value !== "object" || Array.isArray(value)) {
    ctx.addIssue({ code: "custom", message: 'Use an object of component ids to statuses, e.g. {"<component id>": "major_outage"}.' });
    return z.NEVER;
  }
  const changes: Array<{ componentId: string; status: ComponentStatus }> = [];
  for (const [componentId, status] of Object.entries(value)) {
    if ((COMPONENT_STATUSES as readonly unknown[]).includes(status)) changes.push({ componentId, status: status as ComponentStatus });
    else ctx.addIssue({ code: "custom", path: [componentId], message: `Use one of: ${COMPONENT_STATUSES.join(", ")}.` });
  }
  return changes;
});

const text = (label: string) => z.string({ error: `${label} must be a string.` });
const flag = (label: string) => z.boolean({ error: `${label} must be true or false.` }).optional();
const timestamp = (label: string) => z.iso.datetime({ offset: true, error: `${label} must be an ISO 8601 timestamp with an offset.` }).optional();

const listQuery = z.object({
  status: z.enum(["unresolved", "all"], { error: "status must be unresolved or all." }).default("all"),
  limit: z.coerce.number({ error: "limit must be a number." }).int("limit must be a whole number.").min(1, "limit must be at least 1.").max(100, "limit must be at most 100.").default(50),
});

export const listIncidents = v1Route({ role: "viewer", mutation: false }, async ({ request, db }) => {
  const query = parseRequest(listQuery, Object.fromEntries(new URL(request.url).searchParams));
  const ctx = await context(db);
  const incidents = await readIncidents(db, { kind: "incident", unresolvedOnly: query.status === "unresolved", limit: query.limit });
  return { status: 200, body: { incidents: incidents.map((i) => serializeIncident(i, ctx)) } };
});

const createIncidentRequest = z.object({
  name: text("name"),
  status: z.enum(["investigating", "identified", "monitoring", "resolved"], { error: "status must be investigating, identified, monitoring or resolved." }).default("investigating"),
  impact: z.enum(INCIDENT_IMPACTS, { error: `impact must be one of: ${INCIDENT_IMPACTS.join(", ")}.` }).default("none"),
  body: text("body"),
  components: componentChanges,
  deliver_notifications: flag("deliver_notifications"),
  started_at: timestamp("started_at"),
});

export const createIncidentEndpoint = v1Route({ role: "responder", mutation: true }, async ({ body, actor, db }) => {
  const input = parseRequest(createIncidentRequest, body);
  const result = await callService(
    createIncident({
      ctx: { actor, db },
      input: { name: input.name, status: input.status, impact: input.impact, message: input.body, components: input.components, deliverNotifications: input.deliver_notifications ?? true, startedAt: input.started_at },
    }),
    { message: "body" },
  );
  const ctx = await context(db);
  return { status: 201, body: { incident: serializeIncident(await incidentOrThrow(db, result.incident.id), ctx) }, tags: result.tags };
});

export const getIncident = v1Route<IncidentParams>({ role: "viewer", mutation: false }, async ({ params, db }) => {
  const ctx = await context(db);
  const incident = await incidentOrThrow(db, params.incidentId);
  return { status: 200, body: { incident: serializeIncident(incident, ctx) } };
});

const updateIncidentRequest = z.object({
  name: text("name").optional(),
  impact: z.enum(INCIDENT_IMPACTS, { error: `impact must be one of: ${INCIDENT_IMPACTS.join(", ")}.` }).optional(),
  version: z.number({ error: "version must be a number." }).int().min(1).optional(),
});

export const patchIncident = v1Route<IncidentParams>({ role: "responder", mutation: true }, async ({ params, body, actor, db }) => {
  const input = parseRequest(updateIncidentRequest, body);
  const current = /^[A-Za-z0-9_-]{1,40}$/.test(params.incidentId)
    ? await db.incident.findUnique({ where: { id: params.incidentId }, select: { name: true, version: true } })
    : null;
  if (!current) throw new AppError("NOT_FOUND", "There is no incident with that id.");
  const result = await callService(
    updateIncident({
      ctx: { actor, db },
      input: { incidentId: params.incidentId, name: input.name ?? current.name, impact: input.impact, version: input.version ?? current.version },
    }),
    { incidentId: "incident_id" },
  );
  const ctx = await context(db);
  return { status: 200, body: { incident: serializeIncident(await incidentOrThrow(db, params.incidentId), ctx) }, tags: result.tags };
});

const postUpdateRequest = z.object({
  status: z.enum([...INCIDENT_STATUSES, ...MAINTENANCE_STATUSES], { error: "status is required and must be an incident or maintenance status." }),
  body: text("body"),
  components: componentChanges,
  deliver_notifications: flag("deliver_notifications"),
  display_at: timestamp("display_at"),
});

export const postUpdate = v1Route<IncidentParams>({ role: "responder", mutation: true }, async ({ params, body, actor, db }) => {
  const input = parseRequest(postUpdateRequest, body);
  await incidentOrThrow(db, params.incidentId);
  const result = await callService(
    postIncidentUpdate({
      ctx: { actor, db },
      input: { incidentId: params.incidentId, status: input.status, body: input.body, components: input.components, deliverNotifications: input.deliver_notifications ?? true, displayAt: input.display_at },
    }),
  );
  const ctx = await context(db);
  const incident = await incidentOrThrow(db, params.incidentId);
  const update = incident.updates.find((u) => u.id === result.updateId)!;
  return { status: 201, body: { incident_update: serializeIncidentUpdate(update), incident: serializeIncident(incident, ctx) }, tags: result.tags };
});

const resolveRequest = z.object({
  body: text("body").optional(),
  set_components_operational: flag("set_components_operational"),
  deliver_notifications: flag("deliver_notifications"),
  display_at: timestamp("display_at"),
});

export const resolveIncidentEndpoint = v1Route<IncidentParams>({ role: "responder", mutation: true }, async ({ params, body, actor, db }) => {
  const input = parseRequest(resolveRequest, body);
  await incidentOrThrow(db, params.incidentId);
  const result = await callService(
    resolveIncident({
      ctx: { actor, db },
      input: { incidentId: params.incidentId, body: input.body, setComponentsOperational: input.set_components_operational ?? true, deliverNotifications: input.deliver_notifications ?? true, displayAt: input.display_at },
    }),
  );
  const ctx = await context(db);
  return { status: 200, body: { incident: serializeIncident(await incidentOrThrow(db, params.incidentId), ctx) }, tags: result.tags };
});

export const listComponents = v1Route({ role: "viewer", mutation: false }, async ({ db }) => {
  const ctx = await context(db);
  return { status: 200, body: { components: serializeComponents(ctx) } };
});

const componentRequest = z.object({
  status: z.enum(COMPONENT_STATUSES, { error: `status must be one of: ${COMPONENT_STATUSES.join(", ")}.` }),
});

export const patchComponent = v1Route<ComponentParams>({ role: "responder", mutation: true }, async ({ params, body, actor, db }) => {
  const input = parseRequest(componentRequest, body);
  const exists = /^[A-Za-z0-9_-]{1,40}$/.test(params.componentId) && (await db.component.count({ where: { id: params.componentId } })) > 0;
  if (!exists) throw new AppError("NOT_FOUND", "There is no component with that id.");
  const result = await callService(setComponentStatus({ ctx: { actor, db }, input: { componentId: params.componentId, status: input.status } }));
  const ctx = await context(db);
  const component = ctx.tree.components.find((c) => c.id === params.componentId)!;
  return { status: 200, body: { component: serializeComponent(component, ctx.page.id) }, tags: result.tags };
});

const maintenanceRequest = z.object({
  name: text("name"),
  body: text("body"),
  scheduled_for: z.iso.datetime({ offset: true, error: "scheduled_for must be an ISO 8601 timestamp with an offset." }),
  scheduled_until: z.iso.datetime({ offset: true, error: "scheduled_until must be an ISO 8601 timestamp with an offset." }),
  component_ids: z.array(z.string({ error: "component_ids must hold component ids." }), { error: "component_ids must be an array of component ids." }).optional(),
  auto_transition: flag("auto_transition"),
  deliver_notifications: flag("deliver_notifications"),
});

export const createMaintenance = v1Route({ role: "responder", mutation: true }, async ({ body, actor, db }) => {
  const input = parseRequest(maintenanceRequest, body);
  const result = await callService(
    scheduleMaintenance({
      ctx: { actor, db },
      input: {
        name: input.name,
        message: input.body,
        scheduledFor: input.scheduled_for,
        scheduledUntil: input.scheduled_until,
        componentIds: input.component_ids ?? [],
        autoTransition: input.auto_transition ?? true,
        deliverNotifications: input.deliver_notifications ?? true,
      },
    }),
    { message: "body", componentIds: "component_ids" },
  );
  const ctx = await context(db);
  return { status: 201, body: { scheduled_maintenance: serializeIncident(await incidentOrThrow(db, result.maintenance.id), ctx) }, tags: result.tags };
});
