import { randomUUID } from "node:crypto";
import { getDb } from "@/server/db/client";
import { SYSTEM_ACTOR } from "@/server/services/context";
import { runMutation } from "@/server/services/run-mutation";
import { createComponent } from "@/server/services/components/create-component";
import type { ComponentStatus } from "@/lib/status";

// Components are created through the console's own service (runMutation invalidates the app's cache through
// PostgreSQL NOTIFY). Incident services load their notification handlers with a dynamic import that Playwright's
// loader cannot run, so incidents are written with Prisma and followed by the same NOTIFY a service would send.
const ctx = { actor: SYSTEM_ACTOR };

export function uniqueName(prefix: string): string {
  return `${prefix} ${randomUUID().slice(0, 8)}`;
}

async function invalidateEverything() {
  const payload = JSON.stringify({ from: "e2e", tags: ["*"] });
  await getDb().$executeRaw`SELECT pg_notify('statuspage_cache_invalidation', ${payload})`;
}

export async function addComponent(name: string, options: { onlyShowIfDegraded?: boolean } = {}) {
  const { component } = await runMutation(
    createComponent({ ctx, input: { name, description: `${name} for e2e`, onlyShowIfDegraded: options.onlyShowIfDegraded ?? false } }),
  );
  return component;
}

/** A status change outside any incident, as the console's "set status" records it. */
export async function changeComponentStatus(componentId: string, status: ComponentStatus) {
  const db = getDb();
  const current = await db.component.findUniqueOrThrow({ where: { id: componentId }, select: { status: true } });
  await db.component.update({ where: { id: componentId }, data: { status } });
  await db.componentStatusChange.create({ data: { componentId, fromStatus: current.status, toStatus: status, changedAt: new Date() } });
  await invalidateEverything();
}

async function setComponentStatus(componentId: string, status: ComponentStatus, at: Date, incidentId: string, incidentUpdateId: string) {
  const db = getDb();
  const current = await db.component.findUniqueOrThrow({ where: { id: componentId }, select: { status: true, name: true } });
  await db.component.update({ where: { id: componentId }, data: { status } });
  await db.componentStatusChange.create({ data: { componentId, fromStatus: current.status, toStatus: status, changedAt: at, incidentId, incidentUpdateId } });
  await db.incidentUpdateComponent.create({ data: { updateId: incidentUpdateId, componentId, componentName: current.name, oldStatus: current.status, newStatus: status } });
}

export async function declareIncident(input: { name: string; message: string; componentId: string; componentStatus: ComponentStatus }) {
  const db = getDb();
  const now = new Date();
  const incident = await db.incident.create({
    data: { name: input.name, status: "investigating", impact: "minor", startedAt: now, components: { create: [{ componentId: input.componentId }] } },
  });
  const update = await db.incidentUpdate.create({ data: { incidentId: incident.id, status: "investigating", body: input.message, displayAt: now, deliverNotifications: false } });
  await setComponentStatus(input.componentId, input.componentStatus, now, incident.id, update.id);
  await invalidateEverything();
  return incident;
}

export async function resolve(incidentId: string, componentId: string) {
  const db = getDb();
  const now = new Date();
  await db.incident.update({ where: { id: incidentId }, data: { status: "resolved", resolvedAt: now } });
  const update = await db.incidentUpdate.create({ data: { incidentId, status: "resolved", body: "Resolved by the e2e test.", displayAt: now, deliverNotifications: false } });
  await setComponentStatus(componentId, "operational", now, incidentId, update.id);
  await invalidateEverything();
}

/** NOTIFY reaches the app asynchronously; give it a moment before the next request. */
export function settle(ms = 300) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
