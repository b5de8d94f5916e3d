import "server-only";
import { z } from "zod";
import { ALL_IMPACTS, ALL_INCIDENT_STATUSES, LIMITS } from "@/lib/status";
import { listManagedIncidents, readManagedIncident, type IncidentListFilter } from "@/server/queries/management-reads";
import { callService, found, invalid } from "@/server/api/management/refusals";
import {
  componentStatusMap,
  flag,
  idList,
  metadata,
  pagination,
  parseFields,
  positiveInt,
  text,
  timestamp,
} from "@/server/api/management/fields";
import { wrapped } from "@/server/api/management/request";
import { serializeManagedIncident, serializeManagedUpdate, type PageRef } from "@/server/api/management/serialize";
import type { Endpoint, EndpointArgs } from "@/server/api/management/router";
import { deleteIncident } from "@/server/services/incidents/delete-incident";
import { editIncidentUpdate } from "@/server/services/incidents/edit-incident-update";
import { openIncident } from "@/server/services/incidents/open-incident";
import { changeIncident } from "@/server/services/incidents/change-incident";

const blank = (v: unknown) => (v === "" || v === null ? undefined : v);

const incidentFields = z.object({
  name: text("name", LIMITS.nameMax),
  status: z.preprocess(
    blank,
    z.enum(ALL_INCIDENT_STATUSES, { error: `status must be one of: ${ALL_INCIDENT_STATUSES.join(", ")}.` }).optional(),
  ),
  impact_override: z.preprocess(
    blank,
    z.enum(ALL_IMPACTS, { error: `impact_override must be one of: ${ALL_IMPACTS.join(", ")}.` }).optional(),
  ),
  body: text("body", LIMITS.bodyMax),
  component_ids: idList("component_ids"),
  components: componentStatusMap,
  deliver_notifications: flag("deliver_notifications"),
  backfilled: flag("backfilled"),
  backfill_date: timestamp("backfill_date"),
  scheduled_for: timestamp("scheduled_for"),
  scheduled_until: timestamp("scheduled_until"),
  scheduled_remind_prior: flag("scheduled_remind_prior"),
  scheduled_auto_in_progress: flag("scheduled_auto_in_progress"),
  scheduled_auto_completed: flag("scheduled_auto_completed"),
  auto_transition_to_maintenance_state: flag("auto_transition_to_maintenance_state"),
  auto_transition_to_operational_state: flag("auto_transition_to_operational_state"),
  auto_transition_deliver_notifications_at_start: flag("auto_transition_deliver_notifications_at_start"),
  auto_transition_deliver_notifications_at_end: flag("auto_transition_deliver_notifications_at_end"),
  metadata,
  // Not Statuspage's: the short forms' `started_at` (when a realtime incident began), `version` (refuse a stale
  // change with 409) and `display_at` (the time of the update a change posts).
  started_at: timestamp("started_at"),
  version: positiveInt("version", 2_147_483_647),
  display_at: timestamp("display_at"),
});
type IncidentFields = z.infer<typeof incidentFields>;

async function respondWith(db: EndpointArgs["db"], incidentId: string, page: PageRef) {
  return serializeManagedIncident(await found(readManagedIncident(db, incidentId), "incident"), page);
}

/** The request's fields under the services' names; both deliver-notification flags set the one stored flag. */
function serviceFields(fields: IncidentFields) {
  return {
    status: fields.status,
    impactOverride: fields.impact_override,
    componentIds: fields.component_ids,
    components: fields.components,
    deliverNotifications: fields.deliver_notifications,
    scheduledFor: fields.scheduled_for,
    scheduledUntil: fields.scheduled_until,
    backfilled: fields.backfilled,
    metadata: fields.metadata,
    scheduledRemindPrior: fields.scheduled_remind_prior,
    scheduledAutoInProgress: fields.scheduled_auto_in_progress,
    scheduledAutoCompleted: fields.scheduled_auto_completed,
    autoTransitionToMaintenanceState: fields.auto_transition_to_maintenance_state,
    autoTransitionToOperationalState: fields.auto_transition_to_operational_state,
    autoTransitionDeliverNotifications:
      fields.auto_transition_deliver_notifications_at_start ?? fields.auto_transition_deliver_notifications_at_end,
  };
}

async function create({ actor, input, db, page }: EndpointArgs) {
  const fields = parseFields(incidentFields, wrapped(input, "incident"));
  if (!fields.name?.trim()) throw invalid("name", "name is required.");
  const opened = await callService(
    openIncident({
      ctx: { actor, db },
      input: {
        ...serviceFields(fields),
        name: fields.name,
        message: fields.body,
        startedAt: fields.started_at,
        backfillDate: fields.backfill_date,
      },
    }),
    { message: "body" },
  );
  return {
    status: 201,
    body: await respondWith(db, opened.incidentId, page),
    tags: opened.tags,
    updateId: opened.updateId,
  };
}

async function update({ actor, input, db, page, params }: EndpointArgs) {
  const fields = parseFields(incidentFields, wrapped(input, "incident"));
  const current = await found(readManagedIncident(db, params.incidentId), "incident");
  const changed = await callService(
    changeIncident({
      ctx: { actor, db },
      input: {
        ...serviceFields(fields),
        incidentId: current.id,
        version: fields.version,
        name: fields.name,
        body: fields.body,
        displayAt: fields.display_at,
      },
    }),
  );
  return { status: 200, body: await respondWith(db, current.id, page), tags: changed.tags, updateId: changed.updateId };
}

function lister(filter: IncidentListFilter, sizeParam: "limit" | "per_page"): Endpoint["run"] {
  return async ({ db, query, page }) => {
    const { skip, take } = pagination(query, { sizeParam, firstPage: 1 });
    const q = filter === "all" ? (query.get("q") ?? undefined) : undefined;
    const incidents = await listManagedIncidents(db, { filter, q, skip, take });
    return { status: 200, body: incidents.map((i) => serializeManagedIncident(i, page)) };
  };
}

const updateFields = z.object({
  body: text("body", LIMITS.bodyMax),
  display_at: timestamp("display_at"),
  deliver_notifications: flag("deliver_notifications"),
  wants_twitter_update: flag("wants_twitter_update"),
});

async function editUpdate({ actor, input, db, params }: EndpointArgs) {
  const fields = parseFields(updateFields, wrapped(input, "incident_update"));
  const incident = await readManagedIncident(db, params.incidentId);
  const current = await found(
    Promise.resolve(incident?.updates.find((u) => u.id === params.incidentUpdateId) ?? null),
    "incident update",
  );
  const result = await callService(
    editIncidentUpdate({
      ctx: { actor, db },
      input: {
        updateId: current.id,
        version: current.version,
        body: fields.body || current.body,
        displayAt: fields.display_at,
      },
    }),
  );
  const fresh = (await readManagedIncident(db, current.incidentId))!.updates.find((u) => u.id === current.id)!;
  return { status: 200, body: serializeManagedUpdate(fresh), tags: result.tags };
}

async function read({ db, params, page }: EndpointArgs) {
  return { status: 200, body: await respondWith(db, params.incidentId, page) };
}

export const incidentRuns = { create, read, update, list: lister };

const INCIDENT = "StatuspageIncident";
const listed = (summary: string, query = ["page", "per_page"]) => ({
  status: 200,
  response: [INCIDENT] as [string],
  query,
  summary,
});
const incidentRequest = { wrapper: "incident", fields: incidentFields };

export const incidentEndpoints: Endpoint[] = [
  {
    method: "GET",
    path: "incidents",
    role: "viewer",
    run: lister("all", "limit"),
    doc: listed(
      "Incidents and maintenances, newest first; q searches names, statuses, updates and published postmortems",
      ["q", "limit", "page"],
    ),
  },
  {
    method: "POST",
    path: "incidents",
    role: "responder",
    run: create,
    doc: {
      status: 201,
      response: INCIDENT,
      request: incidentRequest,
      summary:
        "Create a realtime, backfilled (backfilled, backfill_date) or scheduled (scheduled_for, scheduled_until) incident",
    },
  },
  {
    method: "GET",
    path: "incidents/unresolved",
    role: "viewer",
    run: lister("unresolved", "per_page"),
    doc: listed("Incidents not yet resolved"),
  },
  {
    method: "GET",
    path: "incidents/scheduled",
    role: "viewer",
    run: lister("scheduled", "per_page"),
    doc: listed("Maintenances scheduled and not started"),
  },
  {
    method: "GET",
    path: "incidents/upcoming",
    role: "viewer",
    run: lister("upcoming", "per_page"),
    doc: listed("Maintenances still to come"),
  },
  {
    method: "GET",
    path: "incidents/active_maintenance",
    role: "viewer",
    run: lister("active_maintenance", "per_page"),
    doc: listed("Maintenances in progress or being verified"),
  },
  {
    method: "GET",
    path: "incidents/:incidentId",
    role: "viewer",
    run: read,
    doc: { status: 200, response: INCIDENT, summary: "An incident or maintenance" },
  },
  {
    method: ["PATCH", "PUT"],
    path: "incidents/:incidentId",
    role: "responder",
    run: update,
    doc: {
      status: 200,
      response: INCIDENT,
      request: incidentRequest,
      summary: "Update an incident: a new status and/or body posts an update; components changes component statuses",
    },
  },
  {
    method: "DELETE",
    path: "incidents/:incidentId",
    role: "responder",
    run: async ({ actor, db, params, page }) => {
      const body = await respondWith(db, params.incidentId, page);
      const result = await callService(deleteIncident({ ctx: { actor, db }, input: { incidentId: body.id } }));
      return { status: 200, body, tags: result.tags };
    },
    doc: { status: 200, response: INCIDENT, summary: "Delete an incident, answering it as it was" },
  },
  {
    method: ["PATCH", "PUT"],
    path: "incidents/:incidentId/incident_updates/:incidentUpdateId",
    role: "responder",
    run: editUpdate,
    doc: {
      status: 200,
      response: "StatuspageIncidentUpdate",
      request: { wrapper: "incident_update", fields: updateFields },
      summary: "Edit an incident update's body or display_at",
    },
  },
];
