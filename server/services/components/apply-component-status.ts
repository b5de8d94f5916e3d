import "server-only";
import type { Tx } from "@/server/db/client";
import { AppError } from "@/server/errors";
import type { Actor } from "@/server/services/context";
import { actorUserId } from "@/server/services/context";
import { recordIncidentEvent } from "@/server/services/incidents/incident-events";
import type { ComponentStatus } from "@/lib/status";

export type StatusChangeRequest = { componentId: string; status: ComponentStatus };
export type AppliedChange = {
  componentId: string;
  componentName: string;
  oldStatus: ComponentStatus;
  newStatus: ComponentStatus;
  currentChanged: boolean;
};

/**
 * Records component status changes at `at`. A change older than the component's latest recorded change is a
 * backfill: it goes into the history at its time but leaves the current status alone.
 */
export async function applyComponentStatusChanges(
  tx: Tx,
  actor: Actor,
  options: { at: Date; changes: StatusChangeRequest[]; incidentId?: string; updateId?: string },
): Promise<AppliedChange[]> {
  const ids = [...new Set(options.changes.map((c) => c.componentId))].sort();
  if (ids.length === 0) return [];
  await tx.$queryRaw`SELECT id FROM components WHERE id = ANY(${ids}::text[]) ORDER BY id FOR UPDATE`;
  const components = await tx.component.findMany({
    where: { id: { in: ids } },
    select: { id: true, name: true, status: true },
  });
  const missing = ids.filter((id) => !components.some((c) => c.id === id));
  if (missing.length)
    throw new AppError("VALIDATION", "A component no longer exists; reload the page.", {
      components: ["A selected component no longer exists."],
    });

  const applied: AppliedChange[] = [];
  for (const request of options.changes) {
    const component = components.find((c) => c.id === request.componentId)!;
    const latest = await tx.componentStatusChange.findFirst({
      where: { componentId: component.id },
      orderBy: [{ changedAt: "desc" }, { createdAt: "desc" }],
      select: { changedAt: true },
    });
    const isCurrent = !latest || latest.changedAt.getTime() <= options.at.getTime();
    let oldStatus: ComponentStatus = component.status;
    if (!isCurrent) {
      const before = await tx.componentStatusChange.findFirst({
        where: { componentId: component.id, changedAt: { lte: options.at } },
        orderBy: [{ changedAt: "desc" }, { createdAt: "desc" }],
        select: { toStatus: true },
      });
      oldStatus = before?.toStatus ?? "operational";
    }
    await tx.componentStatusChange.create({
      data: {
        componentId: component.id,
        fromStatus: oldStatus,
        toStatus: request.status,
        changedAt: options.at,
        incidentId: options.incidentId ?? null,
        incidentUpdateId: options.updateId ?? null,
        actorId: actorUserId(actor),
      },
    });
    const currentChanged = isCurrent && component.status !== request.status;
    if (currentChanged) {
      await tx.component.update({
        where: { id: component.id },
        data: { status: request.status, version: { increment: 1 } },
      });
      await recordIncidentEvent(tx, {
        type: "component.update",
        componentId: component.id,
        oldStatus: component.status,
        newStatus: request.status,
        ...(options.incidentId ? { incidentId: options.incidentId } : {}),
      });
      component.status = request.status;
    }
    applied.push({
      componentId: component.id,
      componentName: component.name,
      oldStatus,
      newStatus: request.status,
      currentChanged,
    });
  }
  return applied;
}
