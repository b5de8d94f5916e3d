import "server-only";
import { z } from "zod";
import { authorize, inTransaction, type ServiceContext } from "@/server/services/context";
import { booleanish, optionalDate, parseInput, renameFieldErrors } from "@/server/services/validation";
import { affectedComponentIdsSchema, componentChangesSchema } from "@/server/services/incidents/incident-shared";
import { createIncident } from "@/server/services/incidents/create-incident";
import { postIncidentUpdate } from "@/server/services/incidents/post-incident-update";
import {
  incidentAttributesSchema,
  pickIncidentAttributes,
  setIncidentAttributes,
} from "@/server/services/incidents/set-incident-attributes";
import { DEFAULT_UPDATE_BODY } from "@/server/services/incidents/default-update-body";
import { scheduleMaintenance } from "@/server/services/maintenance/schedule-maintenance";
import { invalidFields } from "@/server/errors";
import {
  ALL_INCIDENT_STATUSES,
  INCIDENT_IMPACTS,
  INCIDENT_UPDATE_STATUSES,
  impactFromComponentStatuses,
  isMaintenanceStatus,
  type AnyImpact,
  type AnyIncidentStatus,
  type ComponentStatus,
  type IncidentImpact,
  type IncidentUpdateStatus,
} from "@/lib/status";

export type NewIncidentKind = "maintenance" | "backfilled" | "live";

/** A window or a maintenance status makes a maintenance; otherwise `backfilled` records one from the past. */
export function classifyNewIncident(input: {
  status?: AnyIncidentStatus | null;
  scheduledFor?: Date | null;
  backfilled?: boolean;
}): NewIncidentKind {
  if ((input.status && isMaintenanceStatus(input.status)) || input.scheduledFor) return "maintenance";
  return input.backfilled ? "backfilled" : "live";
}

export const openIncidentSchema = incidentAttributesSchema.omit({ backfilled: true }).extend({
  // The services each kind leads to check the name and the message.
  name: z.string({ error: "Name is required." }),
  status: z.enum(ALL_INCIDENT_STATUSES, { error: "Choose a status." }).optional(),
  message: z.string({ error: "Message is required." }).optional(),
  components: componentChangesSchema,
  componentIds: affectedComponentIdsSchema,
  deliverNotifications: booleanish.default(true),
  startedAt: optionalDate,
  backfilled: booleanish.default(false),
  backfillDate: optionalDate,
  scheduledFor: optionalDate,
  scheduledUntil: optionalDate,
});

export type OpenIncidentInput = z.input<typeof openIncidentSchema>;
type OpenIncidentData = z.output<typeof openIncidentSchema>;
type Opened = { incidentId: string; updateId: string; tags: string[] };

function isIncidentImpact(impact: AnyImpact | null | undefined): impact is IncidentImpact {
  return (INCIDENT_IMPACTS as readonly unknown[]).includes(impact);
}

/** An impact override that is an incident's impact wins; otherwise the worst changed component decides. */
function impactOf(override: AnyImpact | null | undefined, statuses: ComponentStatus[]): IncidentImpact {
  return isIncidentImpact(override) ? override : impactFromComponentStatuses(statuses);
}

function isIncidentUpdateStatus(status: AnyIncidentStatus): status is IncidentUpdateStatus {
  return (INCIDENT_UPDATE_STATUSES as readonly string[]).includes(status);
}

/** A maintenance names the components it will touch; their statuses change only when it starts. */
async function scheduleWindow(ctx: ServiceContext, data: OpenIncidentData): Promise<Opened> {
  if (!data.scheduledFor || !data.scheduledUntil)
    throw invalidFields({ scheduledFor: ["A scheduled maintenance needs scheduled_for and scheduled_until."] });
  const scheduled = await scheduleMaintenance({
    ctx,
    input: {
      name: data.name,
      message: data.message || DEFAULT_UPDATE_BODY.scheduled,
      scheduledFor: data.scheduledFor,
      scheduledUntil: data.scheduledUntil,
      componentIds: [...new Set([...data.componentIds, ...data.components.map((c) => c.componentId)])],
      autoTransition: data.autoTransitionToMaintenanceState ?? true,
      deliverNotifications: data.deliverNotifications,
    },
  });
  if (!data.status || data.status === "scheduled")
    return { incidentId: scheduled.maintenance.id, updateId: scheduled.updateId, tags: scheduled.tags };
  const started = await postIncidentUpdate({
    ctx,
    input: {
      incidentId: scheduled.maintenance.id,
      status: data.status,
      body: DEFAULT_UPDATE_BODY[data.status],
      deliverNotifications: data.deliverNotifications,
    },
  });
  return {
    incidentId: scheduled.maintenance.id,
    updateId: started.updateId,
    tags: [...scheduled.tags, ...started.tags],
  };
}

/** A past incident, resolved when it is recorded; nobody is notified and no component's status changes now. */
async function recordBackfill(ctx: ServiceContext, data: OpenIncidentData): Promise<Opened> {
  if (data.components.length) throw invalidFields({ components: ["A backfilled incident cannot change components."] });
  const created = await renameFieldErrors(
    createIncident({
      ctx,
      input: {
        name: data.name,
        status: "resolved",
        impact: impactOf(data.impactOverride, []),
        message: data.message || DEFAULT_UPDATE_BODY.resolved,
        components: [],
        componentIds: data.componentIds,
        deliverNotifications: false,
        startedAt: data.backfillDate ?? new Date(),
      },
    }),
    { startedAt: "backfillDate" },
  );
  return { incidentId: created.incident.id, updateId: created.updateId, tags: created.tags };
}

async function declareLive(ctx: ServiceContext, data: OpenIncidentData): Promise<Opened> {
  const status = data.status ?? "investigating";
  if (!isIncidentUpdateStatus(status)) throw invalidFields({ status: ["Choose a status."] });
  const created = await createIncident({
    ctx,
    input: {
      name: data.name,
      status,
      impact: impactOf(
        data.impactOverride,
        data.components.map((c) => c.status),
      ),
      message: data.message || DEFAULT_UPDATE_BODY[status],
      components: data.components,
      componentIds: data.componentIds,
      deliverNotifications: data.deliverNotifications,
      startedAt: data.startedAt,
    },
  });
  return { incidentId: created.incident.id, updateId: created.updateId, tags: created.tags };
}

const OPEN_BY_KIND: Record<NewIncidentKind, (ctx: ServiceContext, data: OpenIncidentData) => Promise<Opened>> = {
  maintenance: scheduleWindow,
  backfilled: recordBackfill,
  live: declareLive,
};

/**
 * Opens whatever a Statuspage-shaped incident describes (a scheduled maintenance, a backfilled past incident or a
 * live one) through the service for that kind, then sets its other attributes, all in one transaction. Each service
 * it calls authorizes, validates and writes its own audit row; `updateId` is the last update it posted.
 */
export async function openIncident({ ctx, input }: { ctx: ServiceContext; input: OpenIncidentInput }) {
  authorize(ctx.actor, "responder");
  const data = parseInput(openIncidentSchema, input);
  const kind = classifyNewIncident(data);
  return inTransaction(ctx, async (tx) => {
    const inner: ServiceContext = { actor: ctx.actor, db: tx };
    const opened = await OPEN_BY_KIND[kind](inner, data);
    const attributes = await setIncidentAttributes({
      ctx: inner,
      input: {
        ...pickIncidentAttributes(data),
        incidentId: opened.incidentId,
        backfilled: kind === "backfilled" ? true : undefined,
      },
    });
    return { kind, ...opened, tags: [...new Set([...opened.tags, ...attributes.tags])] };
  });
}
