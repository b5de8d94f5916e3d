import "server-only";
import { getDb, type DbOrTx } from "@/server/db/client";
import { inTransaction, SYSTEM_ACTOR, type Actor } from "@/server/services/context";
import { writeAudit } from "@/server/services/audit";
import { incidentTags, insertIncidentUpdate, lockIncident } from "@/server/services/incidents/incident-shared";
import { finishMaintenance } from "@/server/services/maintenance/complete-maintenance";
import { errorSummary } from "@/server/error-summary";
import { runAlertAutomation } from "@/server/services/integrations/run-alert-automation";

const SCHEDULER_ACTOR: Actor = { ...SYSTEM_ACTOR, label: "scheduler" };
const BATCH = 50;

export const MAINTENANCE_STARTED_MESSAGE =
  "Scheduled maintenance is currently in progress. We will provide updates as necessary.";
export const MAINTENANCE_COMPLETED_MESSAGE = "The scheduled maintenance has been completed.";

type Candidate = { id: string };

/** The responder's own words for the window: its first scheduled update, as edited since. */
async function scheduledMessage(tx: DbOrTx, incidentId: string): Promise<string> {
  const update = await tx.incidentUpdate.findFirst({
    where: { incidentId, status: "scheduled" },
    orderBy: [{ displayAt: "asc" }, { createdAt: "asc" }],
    select: { body: true },
  });
  return update?.body.trim() ? update.body : MAINTENANCE_STARTED_MESSAGE;
}

/**
 * Starts windows whose start has come and completes those whose end has passed. Each window is claimed with
 * FOR UPDATE SKIP LOCKED plus a re-check of its status, so two app instances never transition it twice.
 */
export async function runMaintenanceScheduler(options: { now?: Date; db?: DbOrTx } = {}) {
  const now = options.now ?? new Date();
  const db = options.db ?? getDb();
  const ctx = { actor: SCHEDULER_ACTOR, db };
  const started: string[] = [];
  const completed: string[] = [];
  const tags = new Set<string>();

  const due = await db.incident.findMany({
    where: { kind: "maintenance", status: "scheduled", scheduledFor: { lte: now }, scheduledAutoInProgress: true },
    orderBy: { scheduledFor: "asc" },
    take: BATCH,
    select: { id: true },
  });
  for (const { id } of due) {
    const result = await inTransaction(ctx, async (tx) => {
      const claimed = await tx.$queryRaw<Candidate[]>`
        SELECT id FROM incidents WHERE id = ${id} AND status = 'scheduled' AND scheduled_for <= ${now} FOR UPDATE SKIP LOCKED`;
      if (claimed.length === 0) return { tags: [] as string[], claimed: false };
      const incident = await lockIncident(tx, id, "maintenance");
      const settings = await tx.incident.findUniqueOrThrow({
        where: { id },
        select: {
          autoTransitionToMaintenanceState: true,
          autoTransitionDeliverNotifications: true,
          components: { select: { componentId: true } },
        },
      });
      const { applied } = await insertIncidentUpdate(tx, SCHEDULER_ACTOR, incident, {
        status: "in_progress",
        body: await scheduledMessage(tx, id),
        displayAt: now,
        deliverNotifications: settings.autoTransitionDeliverNotifications,
        changes: settings.autoTransitionToMaintenanceState
          ? settings.components.map((c) => ({ componentId: c.componentId, status: "under_maintenance" as const }))
          : [],
      });
      await writeAudit(tx, SCHEDULER_ACTOR, {
        action: "maintenance.start",
        entityType: "incident",
        entityId: id,
        before: { status: "scheduled" },
        after: { status: "in_progress", components: applied },
      });
      return { tags: await incidentTags(tx, id, { components: applied.length > 0 }), claimed: true };
    });
    if (result.claimed) {
      started.push(id);
      result.tags.forEach((tag) => tags.add(tag));
    }
  }

  const ending = await db.incident.findMany({
    where: {
      kind: "maintenance",
      status: { in: ["in_progress", "verifying"] },
      scheduledUntil: { lte: now },
      scheduledAutoCompleted: true,
    },
    orderBy: { scheduledUntil: "asc" },
    take: BATCH,
    select: { id: true },
  });
  for (const { id } of ending) {
    const result = await inTransaction(ctx, async (tx) => {
      const claimed = await tx.$queryRaw<Candidate[]>`
        SELECT id FROM incidents WHERE id = ${id} AND status IN ('in_progress', 'verifying') AND scheduled_until <= ${now} FOR UPDATE SKIP LOCKED`;
      if (claimed.length === 0) return { tags: [] as string[], claimed: false };
      const incident = await lockIncident(tx, id, "maintenance");
      const settings = await tx.incident.findUniqueOrThrow({
        where: { id },
        select: { autoTransitionToOperationalState: true, autoTransitionDeliverNotifications: true },
      });
      const { applied } = settings.autoTransitionToOperationalState
        ? await finishMaintenance(tx, SCHEDULER_ACTOR, incident, {
            body: MAINTENANCE_COMPLETED_MESSAGE,
            deliverNotifications: settings.autoTransitionDeliverNotifications,
            at: now,
          })
        : await insertIncidentUpdate(tx, SCHEDULER_ACTOR, incident, {
            status: "completed",
            body: MAINTENANCE_COMPLETED_MESSAGE,
            displayAt: now,
            deliverNotifications: settings.autoTransitionDeliverNotifications,
            changes: [],
          });
      await writeAudit(tx, SCHEDULER_ACTOR, {
        action: "maintenance.complete",
        entityType: "incident",
        entityId: id,
        before: { status: incident.status },
        after: { status: "completed", components: applied },
      });
      return { tags: await incidentTags(tx, id, { components: applied.length > 0 }), claimed: true };
    });
    if (result.claimed) {
      completed.push(id);
      result.tags.forEach((tag) => tags.add(tag));
    }
  }

  return { started, completed, tags: [...tags] };
}

const globalForScheduler = globalThis as unknown as { statuspageScheduler?: NodeJS.Timeout };

/** Runs the scheduler (maintenance windows, then alert damping) every `intervalMs`; a failed run is retried on the next tick. */
export function startMaintenanceScheduler(intervalMs: number) {
  if (globalForScheduler.statuspageScheduler) return;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await runMaintenanceScheduler();
    } catch (error) {
      console.error(`Maintenance scheduler run failed: ${errorSummary(error)}`);
    }
    try {
      await runAlertAutomation();
    } catch (error) {
      console.error(`Alert automation run failed: ${errorSummary(error)}`);
    } finally {
      running = false;
    }
  };
  globalForScheduler.statuspageScheduler = setInterval(tick, intervalMs);
  globalForScheduler.statuspageScheduler.unref?.();
  void tick();
}
