import { expect, type Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { SYSTEM_ACTOR } from "@/server/services/context";
import { createComponent } from "@/server/services/components/create-component";
import { setComponentStatus } from "@/server/services/components/set-component-status";
import { createIncident } from "@/server/services/incidents/create-incident";
import { resolveIncident } from "@/server/services/incidents/resolve-incident";
import { postIncidentUpdate } from "@/server/services/incidents/post-incident-update";
import { getPage } from "@/server/queries/public-status";
import type { ComponentStatus } from "@/lib/status";

// Public specs change data through the console's own services, which tell the running app what changed (PostgreSQL
// NOTIFY, committed with the change), exactly as a console action does.
const ctx = { actor: SYSTEM_ACTOR };

/** The page's own settings (name, description) as the app reads them; no spec assumes what the seed called it. */
export function readPageSettings() {
  return getPage();
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

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

// The app's caches keep a page for a minute or longer unless a change invalidates it, so a change showing within
// this deadline was shown by its invalidation (the NOTIFY committed with it), not by expiry. It leaves room for a
// reload of a page that many specs have filled, on a CI machine whose two cores both run a browser: at 3 s one
// spec missed it while the app was busy, not because the change had not been applied.
const INVALIDATION_DEADLINE_MS = 10_000;

/** Reloads the page until `check` passes: the app applies a change's NOTIFY asynchronously, a moment after commit. */
export async function reloadUntil(page: Page, check: () => Promise<unknown>) {
  await expect(async () => {
    await page.reload();
    await check();
  }).toPass({ timeout: INVALIDATION_DEADLINE_MS, intervals: [50, 100, 200] });
}

/** Waits until the app's public component list holds the component: the app has learnt of its creation. */
export async function waitUntilListed(componentId: string) {
  await expect
    .poll(
      async () => {
        const response = await fetch(new URL("/api/v2/components.json", process.env.E2E_BASE_URL));
        return ((await response.json()).components as { id: string }[]).some((c) => c.id === componentId);
      },
      { timeout: INVALIDATION_DEADLINE_MS, intervals: [50, 100, 200] },
    )
    .toBe(true);
}

/** An incident on a component of its own, with an update, resolved: something finished for a page to show. */
export async function recordResolvedIncident(name: string) {
  const component = await addComponent(uniqueName(`${name} component`));
  const incident = await declareIncident({
    name,
    message: "Some requests fail.",
    componentId: component.id,
    componentStatus: "partial_outage",
  });
  await postUpdate(incident.id, "identified", "A bad deploy; rolling back.");
  await resolve(incident.id);
  return incident;
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
