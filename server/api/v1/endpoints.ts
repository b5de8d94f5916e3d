import "server-only";
import { z } from "zod";
import { COMPONENT_STATUSES, INCIDENT_IMPACTS, INCIDENT_STATUSES, MAINTENANCE_STATUSES } from "@/lib/status";
import { AppError, toFieldErrors } from "@/server/errors";
import { listManagedComponents, readManagedIncident } from "@/server/queries/management-reads";
import { callService, found } from "@/server/api/management/refusals";
import { serveApiRequest, type Endpoint, type EndpointArgs, type EndpointResult } from "@/server/api/management/router";
import { incidentRuns } from "@/server/api/management/incidents";
import { componentRuns } from "@/server/api/management/components";
import { serializeManagedComponent } from "@/server/api/management/serialize";
import { resolveIncident } from "@/server/services/incidents/resolve-incident";

// The short forms of /api/v1/pages/{page_id}/…: each translates its request into the management endpoint's (resolve
// goes straight to the service the console resolves with) and wraps the answer (`{"incident": …}`); all are served by
// the same pipeline, refusing in our error dialect.

/** Fields missing or of the wrong type: 400 naming each, as these routes always answered. */
export function parseRequest<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new AppError(
    "INVALID_REQUEST",
    "Some fields are missing or have the wrong type.",
    toFieldErrors(parsed.error.issues, "body"),
  );
}

const text = (label: string) => z.string({ error: `${label} must be a string.` });
const flag = (label: string) => z.boolean({ error: `${label} must be true or false.` }).optional();
const timestamp = (label: string) =>
  z.iso.datetime({ offset: true, error: `${label} must be an ISO 8601 timestamp with an offset.` }).optional();
const componentChanges = z
  .record(z.string(), z.enum(COMPONENT_STATUSES, { error: `Use one of: ${COMPONENT_STATUSES.join(", ")}.` }), {
    error: 'Use an object of component ids to statuses, e.g. {"<component id>": "major_outage"}.',
  })
  .optional();
// zod's record drops an own "__proto__" key; the management endpoint refuses it, so hand the map over as sent.
const sentComponents = (args: EndpointArgs) => args.input.components;

const wrap = (key: string, result: EndpointResult, status = result.status): EndpointResult => ({
  ...result,
  status,
  body: { [key]: result.body },
});

/** A short form: `path` under /api/v1, and the management operation it is (`shortens`), for the docs. */
export type ShortForm = Endpoint & { shortens: string };

export const SHORT_FORMS: ShortForm[] = [];

/** What `shortens` says of a route under /api/v1 that is this product's own resource, with no Statuspage original. */
export const OWN_RESOURCE = "none: this product's own resource";

export function shortForm(endpoint: ShortForm) {
  SHORT_FORMS.push(endpoint);
  return async (request: Request, context?: { params: Promise<Record<string, string>> }) =>
    serveApiRequest(request, "ours", async () => ({ endpoint, params: context ? await context.params : {} }));
}

const INCIDENT = "StatuspageIncident";

const listQuery = z.object({
  status: z.enum(["unresolved", "all"], { error: "status must be unresolved or all." }).default("all"),
  limit: z.coerce
    .number({ error: "limit must be a number." })
    .int("limit must be a whole number.")
    .min(1, "limit must be at least 1.")
    .max(100, "limit must be at most 100.")
    .default(50),
});

export const listIncidents = shortForm({
  method: "GET",
  path: "incidents",
  role: "viewer",
  run: async (args) => {
    const query = parseRequest(listQuery, Object.fromEntries(args.query));
    const list = incidentRuns.list(query.status === "unresolved" ? "unresolved" : "incidents", "limit");
    return wrap("incidents", await list({ ...args, query: new URLSearchParams({ limit: String(query.limit) }) }));
  },
  shortens:
    "GET /api/v1/pages/{page_id}/incidents/unresolved (status=unresolved), or the incidents of GET …/incidents without maintenances",
  doc: {
    status: 200,
    response: { incidents: [INCIDENT] },
    query: ["status", "limit"],
    summary: "Incidents, newest first (status=all|unresolved, limit ≤ 100)",
  },
});

const createIncidentRequest = z.object({
  name: text("name"),
  status: z
    .enum(["investigating", "identified", "monitoring", "resolved"], {
      error: "status must be investigating, identified, monitoring or resolved.",
    })
    .default("investigating"),
  impact: z.enum(INCIDENT_IMPACTS, { error: `impact must be one of: ${INCIDENT_IMPACTS.join(", ")}.` }).default("none"),
  body: text("body"),
  components: componentChanges,
  deliver_notifications: flag("deliver_notifications"),
  started_at: timestamp("started_at"),
});

export const createIncidentEndpoint = shortForm({
  method: "POST",
  path: "incidents",
  role: "responder",
  run: async (args) => {
    const input = parseRequest(createIncidentRequest, args.input);
    const incident = { ...input, impact: undefined, impact_override: input.impact, components: sentComponents(args) };
    return wrap("incident", await incidentRuns.create({ ...args, input: { incident } }));
  },
  shortens: "POST /api/v1/pages/{page_id}/incidents (impact → impact_override; started_at)",
  doc: {
    status: 201,
    response: { incident: INCIDENT },
    request: { fields: createIncidentRequest },
    summary: "Declare an incident",
  },
});

export const getIncident = shortForm({
  method: "GET",
  path: "incidents/:incidentId",
  role: "viewer",
  run: async (args) => ({ status: 200, body: { incident: (await incidentRuns.read(args)).body } }),
  shortens: "GET /api/v1/pages/{page_id}/incidents/{incident_id}",
  doc: { status: 200, response: { incident: INCIDENT }, summary: "An incident or maintenance" },
});

const patchIncidentRequest = z.object({
  name: text("name").optional(),
  impact: z.enum(INCIDENT_IMPACTS, { error: `impact must be one of: ${INCIDENT_IMPACTS.join(", ")}.` }).optional(),
  version: z.number({ error: "version must be a number." }).int().min(1).optional(),
});

export const patchIncident = shortForm({
  method: "PATCH",
  path: "incidents/:incidentId",
  role: "responder",
  run: async (args) => {
    const input = parseRequest(patchIncidentRequest, args.input);
    return wrap(
      "incident",
      await incidentRuns.update({
        ...args,
        input: { incident: { name: input.name, impact_override: input.impact, version: input.version } },
      }),
    );
  },
  shortens:
    "PATCH /api/v1/pages/{page_id}/incidents/{incident_id} (impact → impact_override; version refuses a stale change with 409)",
  doc: {
    status: 200,
    response: { incident: INCIDENT },
    request: { fields: patchIncidentRequest },
    summary: "Rename an incident or change its impact",
  },
});

const postUpdateRequest = z.object({
  status: z.enum([...INCIDENT_STATUSES, ...MAINTENANCE_STATUSES], {
    error: "status is required and must be an incident or maintenance status.",
  }),
  body: text("body").trim().min(1, "body is required."),
  components: componentChanges,
  deliver_notifications: flag("deliver_notifications"),
  display_at: timestamp("display_at"),
});

export const postUpdate = shortForm({
  method: "POST",
  path: "incidents/:incidentId/updates",
  role: "responder",
  run: async (args) => {
    const input = parseRequest(postUpdateRequest, args.input);
    const result = await incidentRuns.update({
      ...args,
      input: { incident: { ...input, components: sentComponents(args) } },
    });
    const incident = result.body as { incident_updates: Array<{ id: string }> };
    return {
      ...result,
      status: 201,
      body: { incident_update: incident.incident_updates.find((u) => u.id === result.updateId) ?? null, incident },
    };
  },
  shortens: "PATCH /api/v1/pages/{page_id}/incidents/{incident_id} with status and body (display_at dates the update)",
  doc: {
    status: 201,
    response: { incident_update: "StatuspageIncidentUpdate", incident: INCIDENT },
    request: { fields: postUpdateRequest },
    summary: "Post an update, with component changes",
  },
});

const resolveRequest = z.object({
  body: text("body").optional(),
  set_components_operational: flag("set_components_operational"),
  deliver_notifications: flag("deliver_notifications"),
  display_at: timestamp("display_at"),
});

export const resolveIncidentEndpoint = shortForm({
  method: "POST",
  path: "incidents/:incidentId/resolve",
  role: "responder",
  run: async (args) => {
    const input = parseRequest(resolveRequest, args.input);
    const current = await found(readManagedIncident(args.db, args.params.incidentId), "incident");
    const resolved = await callService(
      resolveIncident({
        ctx: { actor: args.actor, db: args.db },
        input: {
          incidentId: current.id,
          body: input.body,
          setComponentsOperational: input.set_components_operational,
          deliverNotifications: input.deliver_notifications,
          displayAt: input.display_at,
        },
      }),
    );
    const read = await incidentRuns.read(args);
    return { status: 200, body: { incident: read.body }, tags: resolved.tags, updateId: resolved.updateId };
  },
  shortens:
    "PATCH /api/v1/pages/{page_id}/incidents/{incident_id} with status resolved, and its components operational unless set_components_operational is false",
  doc: {
    status: 200,
    response: { incident: INCIDENT },
    request: { fields: resolveRequest },
    summary: "Resolve an incident (409 when it already is)",
  },
});

export const listComponents = shortForm({
  method: "GET",
  path: "components",
  role: "viewer",
  run: async ({ db, page }) => {
    const components = [];
    for (let skip = 0; ; skip += 100) {
      const batch = await listManagedComponents(db, { skip, take: 100 });
      components.push(...batch.map((c) => serializeManagedComponent(c, page.id)));
      if (batch.length < 100) break;
    }
    return { status: 200, body: { components } };
  },
  shortens: "GET /api/v1/pages/{page_id}/components, every page of it",
  doc: {
    status: 200,
    response: { components: ["StatuspageComponent"] },
    summary: "Every component (groups: GET /api/v1/pages/{page_id}/component-groups)",
  },
});

const componentRequest = z.object({
  status: z.enum(COMPONENT_STATUSES, { error: `status must be one of: ${COMPONENT_STATUSES.join(", ")}.` }),
});

export const patchComponent = shortForm({
  method: ["PATCH", "PUT"],
  path: "components/:componentId",
  role: "responder",
  run: async (args) => {
    const input = parseRequest(componentRequest, args.input);
    return wrap("component", await componentRuns.update({ ...args, input: { component: { status: input.status } } }));
  },
  shortens: "PATCH /api/v1/pages/{page_id}/components/{component_id} with a status",
  doc: {
    status: 200,
    response: { component: "StatuspageComponent" },
    request: { fields: componentRequest },
    summary: "Set a component's status",
  },
});

const maintenanceRequest = z.object({
  name: text("name"),
  body: text("body"),
  scheduled_for: z.iso.datetime({ offset: true, error: "scheduled_for must be an ISO 8601 timestamp with an offset." }),
  scheduled_until: z.iso.datetime({
    offset: true,
    error: "scheduled_until must be an ISO 8601 timestamp with an offset.",
  }),
  component_ids: z
    .array(z.string({ error: "component_ids must hold component ids." }), {
      error: "component_ids must be an array of component ids.",
    })
    .optional(),
  auto_transition: flag("auto_transition"),
  deliver_notifications: flag("deliver_notifications"),
});

export const createMaintenance = shortForm({
  method: "POST",
  path: "maintenances",
  role: "responder",
  run: async (args) => {
    const { auto_transition: auto = true, ...input } = parseRequest(maintenanceRequest, args.input);
    const incident = {
      ...input,
      status: "scheduled",
      auto_transition_to_maintenance_state: auto,
      scheduled_auto_in_progress: auto,
      scheduled_auto_completed: auto,
      auto_transition_to_operational_state: auto,
    };
    return wrap("scheduled_maintenance", await incidentRuns.create({ ...args, input: { incident } }));
  },
  shortens:
    "POST /api/v1/pages/{page_id}/incidents with status scheduled (auto_transition sets every auto_transition_* and scheduled_auto_* flag)",
  doc: {
    status: 201,
    response: { scheduled_maintenance: INCIDENT },
    request: { fields: maintenanceRequest },
    summary: "Schedule a maintenance",
  },
});
