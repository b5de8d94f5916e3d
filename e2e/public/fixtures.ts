import type { Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { SYSTEM_ACTOR } from "@/server/services/context";
import { createComponent } from "@/server/services/components/create-component";
import { setComponentStatus } from "@/server/services/components/set-component-status";
import { createIncident } from "@/server/services/incidents/create-incident";
import { resolveIncident } from "@/server/services/incidents/resolve-incident";
import { postIncidentUpdate } from "@/server/services/incidents/post-incident-update";
import type { ComponentStatus } from "@/lib/status";

// Public specs change data through the console's own services, which tell the running app what changed (PostgreSQL
// NOTIFY, committed with the change), exactly as a console action does.
const ctx = { actor: SYSTEM_ACTOR };

export function uniqueName(prefix: string): string {
  return `${prefix} ${randomUUID().slice(0, 8)}`;
}

export async function addComponent(name: string, options: { onlyShowIfDegraded?: boolean } = {}) {
  const { component } = await createComponent({
    ctx,
    input: { name, description: `${name} for e2e`, onlyShowIfDegraded: options.onlyShowIfDegraded ?? false },
  });
  return component;
}

export async function changeComponentStatus(componentId: string, status: ComponentStatus) {
  await setComponentStatus({ ctx, input: { componentId, status } });
}

export async function declareIncident(input: {
  name: string;
  message: string;
  componentId: string;
  componentStatus: ComponentStatus;
  impact?: "minor" | "major" | "critical";
}) {
  const { incident } = await createIncident({
    ctx,
    input: {
      name: input.name,
      impact: input.impact ?? "minor",
      status: "investigating",
      message: input.message,
      components: [{ componentId: input.componentId, status: input.componentStatus }],
      deliverNotifications: false,
    },
  });
  return incident;
}

export async function resolve(incidentId: string) {
  await resolveIncident({ ctx, input: { incidentId, body: "Resolved by the e2e test.", deliverNotifications: false } });
}

/** NOTIFY reaches the app asynchronously; give it a moment before the next request. */
export function settle(ms = 300) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Records a resolved incident in the past, as a responder backfilling history would. */
export async function backfillIncident(name: string, startedAt: Date) {
  const { incident } = await createIncident({
    ctx,
    input: {
      name,
      impact: "minor",
      status: "resolved",
      message: "Backfilled for the e2e test.",
      components: [],
      deliverNotifications: false,
      startedAt,
    },
  });
  return incident;
}

export async function postUpdate(
  incidentId: string,
  status: "investigating" | "identified" | "monitoring",
  body: string,
) {
  await postIncidentUpdate({ ctx, input: { incidentId, status, body, components: [], deliverNotifications: false } });
}

/**
 * For specs that reload a public page to check what the server sends: an open page otherwise refreshes itself when
 * other specs change data, and a refresh landing during a reload cancels that navigation.
 */
export async function withoutLiveUpdates(page: Page) {
  await page.route("**/api/live**", (route) => route.abort());
}
