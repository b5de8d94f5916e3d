import "server-only";
import { z } from "zod";
import {
  ALL_IMPACTS,
  ALL_INCIDENT_STATUSES,
  INCIDENT_IMPACTS,
  LIMITS,
  impactFromComponentStatuses,
  isMaintenanceStatus,
  type AnyIncidentStatus,
  type IncidentImpact,
} from "@/lib/status";
import { listManagedIncidents, readManagedIncident, type IncidentListFilter } from "@/server/queries/management-reads";
import { AppError, invalidFields } from "@/server/errors";
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
import type { ServiceContext } from "@/server/services/context";
import { createIncident, createIncidentSchema } from "@/server/services/incidents/create-incident";
import { parseInput } from "@/server/services/validation";
import { deleteIncident } from "@/server/services/incidents/delete-incident";
import { editIncidentUpdate } from "@/server/services/incidents/edit-incident-update";
import { postIncidentUpdate } from "@/server/services/incidents/post-incident-update";
import { setIncidentAttributes } from "@/server/services/incidents/set-incident-attributes";
import { updateIncident } from "@/server/services/incidents/update-incident";
import { setComponentStatus } from "@/server/services/components/set-component-status";
import { cancelMaintenance } from "@/server/services/maintenance/cancel-maintenance";
import { rescheduleMaintenance, scheduleMaintenance } from "@/server/services/maintenance/schedule-maintenance";
import { STALE_MESSAGE } from "@/server/services/incidents/edit-incident-update";

const SERVICE_FIELD_NAMES = {
  message: "body",
  componentIds: "component_ids",
  startedAt: "started_at",
  displayAt: "display_at",
  impactOverride: "impact_override",
};

const call = <T>(work: Promise<T>, renames: Record<string, string> = {}) =>
  callService(work, { ...SERVICE_FIELD_NAMES, ...renames });

export const DEFAULT_UPDATE_BODY: Record<AnyIncidentStatus, string> = {
  investigating: "We are investigating this issue.",
  identified: "The issue has been identified and a fix is being implemented.",
  monitoring: "A fix has been implemented and we are monitoring the results.",
  resolved: "This incident has been resolved.",
  postmortem: "This incident has been resolved.",
  scheduled: "This maintenance is scheduled.",
  in_progress: "Scheduled maintenance is currently in progress. We will provide updates as necessary.",
  verifying: "Verification is currently underway for the maintenance items.",
  completed: "The scheduled maintenance has been completed.",
};

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

function attributes(fields: IncidentFields) {
  const deliver =
    fields.auto_transition_deliver_notifications_at_start ?? fields.auto_transition_deliver_notifications_at_end;
  return {
    ...(fields.impact_override !== undefined ? { impactOverride: fields.impact_override } : {}),
    ...(fields.metadata !== undefined ? { metadata: fields.metadata } : {}),
    ...(fields.scheduled_remind_prior !== undefined ? { scheduledRemindPrior: fields.scheduled_remind_prior } : {}),
    ...(fields.scheduled_auto_in_progress !== undefined
      ? { scheduledAutoInProgress: fields.scheduled_auto_in_progress }
      : {}),
    ...(fields.scheduled_auto_completed !== undefined
      ? { scheduledAutoCompleted: fields.scheduled_auto_completed }
      : {}),
    ...(fields.auto_transition_to_maintenance_state !== undefined
      ? { autoTransitionToMaintenanceState: fields.auto_transition_to_maintenance_state }
      : {}),
    ...(fields.auto_transition_to_operational_state !== undefined
      ? { autoTransitionToOperationalState: fields.auto_transition_to_operational_state }
      : {}),
    ...(deliver !== undefined ? { autoTransitionDeliverNotifications: deliver } : {}),
  };
}

async function create({ actor, input, db, page }: EndpointArgs) {
  const fields = parseFields(incidentFields, wrapped(input, "incident"));
  if (!fields.name?.trim()) throw invalid("name", "name is required.");
  const ctx: ServiceContext = { actor, db };
  const deliverNotifications = fields.deliver_notifications ?? true;
  const tags: string[] = [];
  let incidentId: string;
  let updateId: string;
  if ((fields.status && isMaintenanceStatus(fields.status)) || fields.scheduled_for) {
    if (!fields.scheduled_for || !fields.scheduled_until) {
      throw invalidFields({
        scheduled_for: ["A scheduled maintenance needs scheduled_for and scheduled_until."],
      });
    }
    const componentIds = [
      ...new Set([...(fields.component_ids ?? []), ...fields.components.map((c) => c.componentId)]),
    ];
    const result = await call(
      scheduleMaintenance({
        ctx,
        input: {
          name: fields.name,
          message: fields.body || DEFAULT_UPDATE_BODY.scheduled,
          scheduledFor: fields.scheduled_for,
          scheduledUntil: fields.scheduled_until,
          componentIds,
          autoTransition: fields.auto_transition_to_maintenance_state ?? true,
          deliverNotifications,
        },
      }),
    );
    incidentId = result.maintenance.id;
    updateId = result.updateId;
    tags.push(...result.tags);
    if (fields.status && fields.status !== "scheduled") {
      const started = await call(
        postIncidentUpdate({
          ctx,
          input: { incidentId, status: fields.status, body: DEFAULT_UPDATE_BODY[fields.status], deliverNotifications },
        }),
      );
      updateId = started.updateId;
      tags.push(...started.tags);
    }
  } else if (fields.backfilled) {
    if (fields.components.length)
      throw invalidFields({ components: ["A backfilled incident cannot change components."] });
    const result = await call(
      createIncident({
        ctx,
        input: {
          name: fields.name,
          status: "resolved",
          impact: impactOf(fields.impact_override, []),
          message: fields.body || DEFAULT_UPDATE_BODY.resolved,
          components: [],
          componentIds: fields.component_ids ?? [],
          deliverNotifications: false,
          startedAt: fields.backfill_date ?? new Date(),
        },
      }),
      { startedAt: "backfill_date" },
    );
    incidentId = result.incident.id;
    updateId = result.updateId;
    tags.push(...result.tags);
  } else {
    const status = fields.status ?? "investigating";
    // "postmortem" parses as a status but cannot start an incident: the service's schema refuses it with a field error.
    const result = await call(
      (async () =>
        createIncident({
          ctx,
          input: parseInput(createIncidentSchema, {
            name: fields.name,
            status,
            impact: impactOf(
              fields.impact_override,
              fields.components.map((c) => c.status),
            ),
            message: fields.body || DEFAULT_UPDATE_BODY[status],
            components: fields.components,
            componentIds: fields.component_ids ?? [],
            deliverNotifications,
            startedAt: fields.started_at,
          }),
        }))(),
    );
    incidentId = result.incident.id;
    updateId = result.updateId;
    tags.push(...result.tags);
  }
  const attrs = await call(
    setIncidentAttributes({
      ctx,
      input: { incidentId, ...attributes(fields), ...(fields.backfilled ? { backfilled: true } : {}) },
    }),
  );
  tags.push(...attrs.tags);
  return { status: 201, body: await respondWith(db, incidentId, page), tags, updateId };
}

function impactOf(
  override: IncidentFields["impact_override"],
  statuses: Parameters<typeof impactFromComponentStatuses>[0],
): IncidentImpact {
  if (override && (INCIDENT_IMPACTS as readonly string[]).includes(override)) return override as IncidentImpact;
  return impactFromComponentStatuses(statuses);
}

async function update({ actor, input, db, page, params }: EndpointArgs) {
  const fields = parseFields(incidentFields, wrapped(input, "incident"));
  const current = await found(readManagedIncident(db, params.incidentId), "incident");
  if (fields.version !== undefined && fields.version !== current.version) throw new AppError("CONFLICT", STALE_MESSAGE);
  const ctx: ServiceContext = { actor, db };
  const incidentId = current.id;
  const maintenance = current.kind === "maintenance";
  const deliverNotifications = fields.deliver_notifications ?? true;
  const tags: string[] = [];
  const newImpact =
    !maintenance && fields.impact_override && fields.impact_override !== "maintenance"
      ? fields.impact_override
      : undefined;
  if ((fields.name && fields.name !== current.name) || (newImpact && newImpact !== current.impact)) {
    const result = await call(
      updateIncident({
        ctx,
        input: {
          incidentId,
          version: current.version,
          name: fields.name || current.name,
          ...(newImpact ? { impact: newImpact } : {}),
        },
      }),
    );
    tags.push(...result.tags);
  }
  let body = fields.body;
  const windowChanged =
    maintenance &&
    ((fields.scheduled_for && fields.scheduled_for.getTime() !== current.scheduledFor?.getTime()) ||
      (fields.scheduled_until && fields.scheduled_until.getTime() !== current.scheduledUntil?.getTime()));
  if (windowChanged) {
    const fresh = (await readManagedIncident(db, incidentId))!;
    const result = await call(
      rescheduleMaintenance({
        ctx,
        input: {
          incidentId,
          version: fresh.version,
          scheduledFor: fields.scheduled_for ?? current.scheduledFor,
          scheduledUntil: fields.scheduled_until ?? current.scheduledUntil,
          body,
          deliverNotifications,
        },
      }),
    );
    tags.push(...result.tags);
    body = undefined;
  }
  const statusChanged = fields.status && fields.status !== current.status;
  let updateId: string | undefined;
  let linkComponentIds = [...(fields.component_ids ?? []), ...fields.components.map((c) => c.componentId)];
  if (maintenance && fields.status === "completed" && statusChanged && fields.components.length === 0) {
    const result = await call(
      cancelMaintenance({
        ctx,
        input: { incidentId, body: body || DEFAULT_UPDATE_BODY.completed, deliverNotifications },
      }),
    );
    updateId = result.updateId;
    tags.push(...result.tags);
  } else if (statusChanged || body) {
    const status = fields.status ?? (current.status === "postmortem" ? "resolved" : current.status);
    const result = await call(
      postIncidentUpdate({
        ctx,
        input: {
          incidentId,
          status,
          body: body || DEFAULT_UPDATE_BODY[status],
          components: fields.components,
          componentIds: fields.component_ids ?? [],
          deliverNotifications,
          displayAt: fields.display_at,
        },
      }),
    );
    updateId = result.updateId;
    linkComponentIds = [];
    tags.push(...result.tags);
  } else {
    for (const change of fields.components) {
      const result = await call(setComponentStatus({ ctx, input: change }));
      tags.push(...result.tags);
    }
  }
  const attrs = await call(
    setIncidentAttributes({
      ctx,
      input: {
        incidentId,
        ...attributes(fields),
        linkComponentIds,
        ...(fields.backfilled !== undefined ? { backfilled: fields.backfilled } : {}),
      },
    }),
  );
  tags.push(...attrs.tags);
  return { status: 200, body: await respondWith(db, incidentId, page), tags, updateId };
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
  const result = await call(
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
      const result = await call(deleteIncident({ ctx: { actor, db }, input: { incidentId: body.id } }));
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
