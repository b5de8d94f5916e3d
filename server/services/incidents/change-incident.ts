import "server-only";
import { z } from "zod";
import { authorize, inTransaction, type ServiceContext } from "@/server/services/context";
import type { Tx } from "@/server/db/client";
import { booleanish, id, optionalDate, parseInput } from "@/server/services/validation";
import {
  affectedComponentIdsSchema,
  componentChangesSchema,
  lockIncident,
} from "@/server/services/incidents/incident-shared";
import { STALE_MESSAGE } from "@/server/services/incidents/edit-incident-update";
import { updateIncident } from "@/server/services/incidents/update-incident";
import { postIncidentUpdate } from "@/server/services/incidents/post-incident-update";
import {
  incidentAttributesSchema,
  pickIncidentAttributes,
  setIncidentAttributes,
} from "@/server/services/incidents/set-incident-attributes";
import { DEFAULT_UPDATE_BODY } from "@/server/services/incidents/default-update-body";
import { setComponentStatus } from "@/server/services/components/set-component-status";
import { cancelMaintenance } from "@/server/services/maintenance/cancel-maintenance";
import { rescheduleMaintenance } from "@/server/services/maintenance/schedule-maintenance";
import { AppError } from "@/server/errors";
import { ALL_INCIDENT_STATUSES, type IncidentImpact } from "@/lib/status";

export const changeIncidentSchema = incidentAttributesSchema.extend({
  incidentId: id("Incident"),
  version: z.number({ error: "The version must be a number." }).int().optional(),
  name: z.string().optional(),
  status: z.enum(ALL_INCIDENT_STATUSES, { error: "Choose a status." }).optional(),
  body: z.string().optional(),
  components: componentChangesSchema,
  componentIds: affectedComponentIdsSchema,
  deliverNotifications: booleanish.default(true),
  scheduledFor: optionalDate,
  scheduledUntil: optionalDate,
  displayAt: optionalDate,
});

export type ChangeIncidentInput = z.input<typeof changeIncidentSchema>;
type ChangeIncidentData = z.output<typeof changeIncidentSchema>;

async function readCurrent(tx: Tx, incidentId: string) {
  const locked = await lockIncident(tx, incidentId);
  const window = await tx.incident.findUniqueOrThrow({
    where: { id: incidentId },
    select: { scheduledFor: true, scheduledUntil: true },
  });
  return { ...locked, ...window };
}

type Current = Awaited<ReturnType<typeof readCurrent>>;

const sameTime = (a: Date | undefined, b: Date | null) => !a || a.getTime() === b?.getTime();

/** A maintenance whose window moves says so in an update, which then carries the change's body. */
async function moveWindow(ctx: ServiceContext & { db: Tx }, current: Current, data: ChangeIncidentData) {
  const { version } = await ctx.db.incident.findUniqueOrThrow({ where: { id: current.id }, select: { version: true } });
  return rescheduleMaintenance({
    ctx,
    input: {
      incidentId: current.id,
      version,
      scheduledFor: data.scheduledFor ?? current.scheduledFor,
      scheduledUntil: data.scheduledUntil ?? current.scheduledUntil,
      body: data.body,
      deliverNotifications: data.deliverNotifications,
    },
  });
}

/**
 * Applies a change to an incident or maintenance as Statuspage's API expresses one, through the service for each
 * part, in one transaction: a new name or impact edits it; a maintenance's new window reschedules it; a maintenance
 * set to completed with no component changes is finished; a new status or body posts an update (carrying the
 * component changes); component changes alone set those statuses; the other attributes are set last.
 */
export async function changeIncident({ ctx, input }: { ctx: ServiceContext; input: ChangeIncidentInput }) {
  authorize(ctx.actor, "responder");
  const data = parseInput(changeIncidentSchema, input);
  return inTransaction(ctx, async (tx) => {
    const inner = { actor: ctx.actor, db: tx };
    const current = await readCurrent(tx, data.incidentId);
    if (data.version !== undefined && data.version !== current.version) throw new AppError("CONFLICT", STALE_MESSAGE);
    const maintenance = current.kind === "maintenance";
    const tags: string[] = [];
    const impact: IncidentImpact | undefined =
      !maintenance && data.impactOverride && data.impactOverride !== "maintenance" ? data.impactOverride : undefined;
    if ((data.name && data.name !== current.name) || (impact && impact !== current.impact)) {
      const edited = await updateIncident({
        ctx: inner,
        input: { incidentId: current.id, version: current.version, name: data.name || current.name, impact },
      });
      tags.push(...edited.tags);
    }
    let body = data.body;
    const windowMoved =
      !sameTime(data.scheduledFor, current.scheduledFor) || !sameTime(data.scheduledUntil, current.scheduledUntil);
    if (maintenance && windowMoved) {
      tags.push(...(await moveWindow(inner, current, data)).tags);
      body = undefined;
    }
    const statusChanged = data.status !== undefined && data.status !== current.status;
    let updateId: string | undefined;
    let linkComponentIds = [...data.componentIds, ...data.components.map((c) => c.componentId)];
    if (maintenance && data.status === "completed" && statusChanged && data.components.length === 0) {
      const finished = await cancelMaintenance({
        ctx: inner,
        input: {
          incidentId: current.id,
          body: body || DEFAULT_UPDATE_BODY.completed,
          deliverNotifications: data.deliverNotifications,
        },
      });
      updateId = finished.updateId;
      tags.push(...finished.tags);
    } else if (statusChanged || body) {
      const status = data.status ?? (current.status === "postmortem" ? "resolved" : current.status);
      const posted = await postIncidentUpdate({
        ctx: inner,
        input: {
          incidentId: current.id,
          status,
          body: body || DEFAULT_UPDATE_BODY[status],
          components: data.components,
          componentIds: data.componentIds,
          deliverNotifications: data.deliverNotifications,
          displayAt: data.displayAt,
        },
      });
      updateId = posted.updateId;
      linkComponentIds = [];
      tags.push(...posted.tags);
    } else {
      for (const change of data.components)
        tags.push(...(await setComponentStatus({ ctx: inner, input: change })).tags);
    }
    const attributes = await setIncidentAttributes({
      ctx: inner,
      input: { ...pickIncidentAttributes(data), incidentId: current.id, linkComponentIds },
    });
    tags.push(...attributes.tags);
    return { incidentId: current.id, updateId, tags: [...new Set(tags)] };
  });
}
