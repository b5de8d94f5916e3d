import "server-only";
import { z } from "zod";
import type { Prisma } from "@/server/db/generated/client";
import { authorize, inTransaction, type ServiceContext } from "@/server/services/context";
import { writeAudit } from "@/server/services/audit";
import { id, parseInput } from "@/server/services/validation";
import { incidentTags, loadIncidentForAudit, lockIncident } from "@/server/services/incidents/incident-shared";
import { AppError } from "@/server/errors";
import { ALL_IMPACTS } from "@/lib/status";
import { incidentMetadataSchema } from "@/lib/incident-metadata";

/** The incident fields Statuspage's API sets besides name, status and updates. */
export const incidentAttributesSchema = z.object({
  impactOverride: z
    .enum(ALL_IMPACTS, { error: `Use one of: ${ALL_IMPACTS.join(", ")}.` })
    .nullable()
    .optional(),
  backfilled: z.boolean().optional(),
  metadata: incidentMetadataSchema.nullable().optional(),
  scheduledRemindPrior: z.boolean().optional(),
  scheduledAutoInProgress: z.boolean().optional(),
  scheduledAutoCompleted: z.boolean().optional(),
  autoTransitionToMaintenanceState: z.boolean().optional(),
  autoTransitionToOperationalState: z.boolean().optional(),
  autoTransitionDeliverNotifications: z.boolean().optional(),
});

export type IncidentAttributes = z.input<typeof incidentAttributesSchema>;

/** Just the attribute fields of a larger input (a whole Statuspage-shaped incident); unset ones stay unset. */
export function pickIncidentAttributes(values: IncidentAttributes): IncidentAttributes {
  return {
    impactOverride: values.impactOverride,
    backfilled: values.backfilled,
    metadata: values.metadata,
    scheduledRemindPrior: values.scheduledRemindPrior,
    scheduledAutoInProgress: values.scheduledAutoInProgress,
    scheduledAutoCompleted: values.scheduledAutoCompleted,
    autoTransitionToMaintenanceState: values.autoTransitionToMaintenanceState,
    autoTransitionToOperationalState: values.autoTransitionToOperationalState,
    autoTransitionDeliverNotifications: values.autoTransitionDeliverNotifications,
  };
}

export const setIncidentAttributesSchema = incidentAttributesSchema.extend({
  incidentId: id("Incident"),
  linkComponentIds: z.array(id("Component")).max(500).default([]),
});

/**
 * The incident fields Statuspage's API sets besides name, status and updates: impact override (which also sets the
 * shown impact), metadata, backfill flag, maintenance automation flags, and affected components without a status change.
 */
export async function setIncidentAttributes({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.input<typeof setIncidentAttributesSchema>;
}) {
  authorize(ctx.actor, "responder");
  const data = parseInput(setIncidentAttributesSchema, input);
  return inTransaction(ctx, async (tx) => {
    const incident = await lockIncident(tx, data.incidentId);
    const maintenance = incident.kind === "maintenance";
    if (maintenance && data.impactOverride && data.impactOverride !== "maintenance") {
      throw new AppError("VALIDATION", "Some fields need attention.", {
        impactOverride: ["A maintenance's impact is always maintenance."],
      });
    }
    const before = {
      ...(await loadIncidentForAudit(tx, incident.id)),
      ...(await tx.incident.findUnique({
        where: { id: incident.id },
        select: { impactOverride: true, metadata: true, backfilled: true },
      })),
    };
    const values: Prisma.IncidentUpdateInput = {};
    if (data.impactOverride !== undefined) {
      values.impactOverride = data.impactOverride;
      if (data.impactOverride && !maintenance) values.impact = data.impactOverride;
    }
    if (data.metadata !== undefined)
      values.metadata =
        data.metadata === null ? (null as unknown as Prisma.InputJsonValue) : (data.metadata as Prisma.InputJsonValue);
    for (const key of [
      "backfilled",
      "scheduledRemindPrior",
      "scheduledAutoInProgress",
      "scheduledAutoCompleted",
      "autoTransitionToMaintenanceState",
      "autoTransitionToOperationalState",
      "autoTransitionDeliverNotifications",
    ] as const) {
      if (data[key] !== undefined) values[key] = data[key];
    }
    const linkIds = [...new Set(data.linkComponentIds)];
    if (linkIds.length) {
      const found = await tx.component.count({ where: { id: { in: linkIds } } });
      if (found !== linkIds.length)
        throw new AppError("VALIDATION", "Some fields need attention.", {
          componentIds: ["A component with that id does not exist."],
        });
      await tx.incidentComponent.createMany({
        data: linkIds.map((componentId) => ({ incidentId: incident.id, componentId })),
        skipDuplicates: true,
      });
    }
    if (Object.keys(values).length) await tx.incident.update({ where: { id: incident.id }, data: values });
    if (Object.keys(values).length || linkIds.length) {
      await writeAudit(tx, ctx.actor, {
        action: "incident.attributes",
        entityType: "incident",
        entityId: incident.id,
        before,
        after: { ...data },
      });
      return { tags: await incidentTags(tx, incident.id) };
    }
    return { tags: [] as string[] };
  });
}
