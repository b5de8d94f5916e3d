import "server-only";
import type { Prisma } from "@/server/db/generated/client";
import type { Tx } from "@/server/db/client";
import { authorize, inTransaction, type ServiceContext } from "@/server/services/context";
import { writeAudit } from "@/server/services/audit";
import { classifyNewIncident } from "@/server/services/incidents/open-incident";
import {
  fingerprintOf,
  isUnchanged,
  parseSource,
  recordImport,
  type ImportOutcome,
} from "@/server/services/imports/import-shared";
import { sourceIncidentSchema, type SourceIncident } from "@/server/services/imports/source-schemas";

async function existingIds(tx: Tx, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await tx.component.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true } });
  return new Set(rows.map((r) => r.id));
}

function incidentValues(incident: SourceIncident) {
  // Statuspage marks a maintenance by its impact too, which a new incident's fields do not carry.
  const maintenance =
    classifyNewIncident({ status: incident.status, scheduledFor: incident.scheduled_for }) === "maintenance" ||
    incident.impact === "maintenance";
  const oldestUpdate = incident.incident_updates
    .map((u) => u.display_at ?? u.created_at)
    .sort((a, b) => a.getTime() - b.getTime())[0];
  const startedAt = maintenance
    ? (incident.scheduled_for ?? incident.created_at)
    : (incident.started_at ?? oldestUpdate ?? incident.created_at);
  return {
    kind: maintenance ? ("maintenance" as const) : ("incident" as const),
    name: incident.name.slice(0, 200),
    status: incident.status,
    impact: maintenance ? ("maintenance" as const) : incident.impact,
    impactOverride: incident.impact_override,
    startedAt,
    monitoringAt: incident.monitoring_at,
    resolvedAt: incident.resolved_at,
    scheduledFor: incident.scheduled_for,
    scheduledUntil: incident.scheduled_until,
    scheduledRemindPrior: incident.scheduled_remind_prior,
    scheduledAutoInProgress: incident.scheduled_auto_in_progress,
    scheduledAutoCompleted: incident.scheduled_auto_completed,
    autoTransitionToMaintenanceState: incident.auto_transition_to_maintenance_state,
    autoTransitionToOperationalState: incident.auto_transition_to_operational_state,
    autoTransitionDeliverNotifications: incident.auto_transition_deliver_notifications_at_start,
    backfilled: incident.backfilled,
    metadata: (incident.metadata ?? undefined) as Prisma.InputJsonValue | undefined,
  };
}

/**
 * Creates or updates an incident or maintenance under its Statuspage id, with every update (status, body, time,
 * affected components), its postmortem and publication date, and the component status changes its updates recorded,
 * so that uptime bars show the imported past. Nothing is sent to subscribers: no outbox message is written.
 */
export async function importIncident({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: unknown;
}): Promise<ImportOutcome & { componentIds?: string[] }> {
  authorize(ctx.actor, "owner");
  const incident = parseSource(sourceIncidentSchema, input);
  const fingerprint = fingerprintOf(incident);
  return inTransaction(ctx, async (tx) => {
    const existing = await tx.incident.findUnique({ where: { id: incident.id }, select: { id: true } });
    if (await isUnchanged(tx, "incident", incident.id, fingerprint, Boolean(existing))) return { outcome: "unchanged" };
    const clash = await tx.incidentUpdate.findFirst({
      where: { id: { in: incident.incident_updates.map((u) => u.id) }, incidentId: { not: incident.id } },
      select: { id: true },
    });
    if (clash) return { outcome: "skipped", reason: `Update ${clash.id} already belongs to another incident here.` };
    const values = incidentValues(incident);
    if (existing)
      await tx.incident.update({ where: { id: incident.id }, data: { ...values, version: { increment: 1 } } });
    else await tx.incident.create({ data: { id: incident.id, ...values, createdAt: incident.created_at } });

    const mentioned = [
      ...incident.components.map((c) => c.id),
      ...incident.incident_updates.flatMap((u) => u.affected_components.map((a) => a.code ?? "")),
    ];
    const known = await existingIds(tx, mentioned);
    const linked = [...new Set(mentioned.filter((id) => known.has(id)))];
    const updateIds = incident.incident_updates.map((u) => u.id);
    // A re-import replaces what an earlier one wrote; a first import has nothing to replace.
    if (existing) {
      await tx.incidentComponent.deleteMany({ where: { incidentId: incident.id } });
      await tx.incidentUpdate.deleteMany({ where: { incidentId: incident.id, id: { notIn: updateIds } } });
      await tx.incidentUpdateComponent.deleteMany({ where: { updateId: { in: updateIds } } });
      await tx.componentStatusChange.deleteMany({ where: { incidentUpdateId: { in: updateIds } } });
    }
    if (linked.length)
      await tx.incidentComponent.createMany({
        data: linked.map((componentId) => ({ incidentId: incident.id, componentId })),
      });

    const affectedRows: Prisma.IncidentUpdateComponentCreateManyInput[] = [];
    const changeRows: Prisma.ComponentStatusChangeCreateManyInput[] = [];
    for (const update of incident.incident_updates) {
      const displayAt = update.display_at ?? update.created_at;
      const values = {
        status: update.status,
        body: update.body,
        displayAt,
        deliverNotifications: update.deliver_notifications,
      };
      if (existing)
        await tx.incidentUpdate.upsert({
          where: { id: update.id },
          create: { id: update.id, incidentId: incident.id, ...values, createdAt: update.created_at },
          update: values,
        });
      const affected = update.affected_components.filter(
        (a, i, all) => all.findIndex((b) => (b.code ?? b.name) === (a.code ?? a.name)) === i,
      );
      for (const a of affected) {
        const componentId = a.code && known.has(a.code) ? a.code : null;
        affectedRows.push({
          updateId: update.id,
          componentId,
          componentName: a.name,
          oldStatus: a.old_status,
          newStatus: a.new_status,
        });
        if (componentId && a.old_status !== a.new_status) {
          changeRows.push({
            componentId,
            fromStatus: a.old_status,
            toStatus: a.new_status,
            changedAt: displayAt,
            incidentId: incident.id,
            incidentUpdateId: update.id,
          });
        }
      }
    }
    if (!existing && incident.incident_updates.length) {
      await tx.incidentUpdate.createMany({
        data: incident.incident_updates.map((u) => ({
          id: u.id,
          incidentId: incident.id,
          status: u.status,
          body: u.body,
          displayAt: u.display_at ?? u.created_at,
          deliverNotifications: u.deliver_notifications,
          createdAt: u.created_at,
        })),
      });
    }
    if (affectedRows.length) await tx.incidentUpdateComponent.createMany({ data: affectedRows });
    if (changeRows.length) await tx.componentStatusChange.createMany({ data: changeRows });

    if (incident.postmortem_body) {
      const publishedAt =
        incident.postmortem_published_at ??
        incident.postmortem_body_last_updated_at ??
        incident.resolved_at ??
        incident.created_at;
      const editedAt = incident.postmortem_body_last_updated_at ?? publishedAt;
      const text = {
        body: incident.postmortem_body,
        bodyUpdatedAt: editedAt,
        draft: incident.postmortem_body,
        draftUpdatedAt: editedAt,
        publishedAt,
      };
      await tx.postmortem.upsert({
        where: { incidentId: incident.id },
        create: { incidentId: incident.id, ...text },
        update: { ...text, version: { increment: 1 } },
      });
    }
    await writeAudit(tx, ctx.actor, {
      action: "import.incident",
      entityType: "incident",
      entityId: incident.id,
      after: {
        name: values.name,
        kind: values.kind,
        status: values.status,
        updates: incident.incident_updates.length,
        postmortem: Boolean(incident.postmortem_body),
      },
    });
    await recordImport(tx, "incident", incident.id, incident.id, fingerprint);
    return { outcome: existing ? "updated" : "created", componentIds: linked };
  });
}
