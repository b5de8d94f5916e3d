import { expect, test, type Page } from "@playwright/test";
import { addComponent, declareIncident, postUpdate, resolve, uniqueName } from "./fixtures";

// The scenario of issue #11: a reader keeps the page open while responders post updates tens of seconds apart.
// Browser caches held refreshes for up to 30 s, so the spacing is the point of the test, not a wait for something.
const UPDATE_SPACING_MS = 25_000;
const PUSH_DEADLINE_MS = 5_000;
const POLL_DEADLINE_MS = 27_000;

async function pause(page: Page, ms: number) {
  await page.waitForTimeout(ms);
}

function activeIncidents(page: Page) {
  return page.getByRole("region", { name: "Active incidents" });
}

test.describe("an open tab", () => {
  test("follows an incident from declaration to resolution over the live stream, on the home and incident pages", async ({
    page,
    context,
  }) => {
    test.setTimeout(240_000);
    const component = await addComponent(uniqueName("E2E Open Tab"));
    const name = uniqueName("Open tab outage");
    await page.goto("/");
    await expect(page.getByTestId("live-state")).toHaveText("Live");

    // A minor impact, so specs running beside this one that check the page's overall banner are not disturbed.
    const incident = await declareIncident({
      name,
      message: "We are investigating failed logins.",
      componentId: component.id,
      componentStatus: "degraded_performance",
    });
    await expect(activeIncidents(page).getByRole("link", { name })).toBeVisible({ timeout: PUSH_DEADLINE_MS });

    const incidentTab = await context.newPage();
    await incidentTab.goto(`/incidents/${incident.id}`);
    await expect(incidentTab.getByTestId("live-state")).toHaveText("Live");
    const updates = incidentTab.getByRole("region", { name: "Updates" }).getByRole("listitem");

    const steps = [
      ["identified", "The cause is a certificate that expired."],
      ["monitoring", "A new certificate is deployed; watching sign-ins."],
      ["monitoring", "Sign-ins are back to normal rates."],
    ] as const;
    for (const [status, body] of steps) {
      await pause(page, UPDATE_SPACING_MS);
      await postUpdate(incident.id, status, body);
      await expect(activeIncidents(page).getByText(body)).toBeVisible({ timeout: PUSH_DEADLINE_MS });
      await expect(updates.first()).toContainText(body, { timeout: PUSH_DEADLINE_MS });
    }

    await pause(page, UPDATE_SPACING_MS);
    await resolve(incident.id);
    await expect(activeIncidents(page).getByRole("link", { name })).toHaveCount(0, { timeout: PUSH_DEADLINE_MS });
    await expect(updates.first()).toContainText("Resolved by the e2e test.", { timeout: PUSH_DEADLINE_MS });
    await expect(page.getByTestId("live-state")).toHaveText("Live");
    await expect(incidentTab.getByTestId("live-state")).toHaveText("Live");
  });

  test("falls back to polling when the stream is blocked, and still follows every change", async ({ page }) => {
    test.setTimeout(180_000);
    await page.route("**/api/live/stream**", (route) => route.abort());
    const component = await addComponent(uniqueName("E2E Polling Tab"));
    const name = uniqueName("Polling tab outage");
    await page.goto("/");
    await expect(page.getByTestId("live-state")).toHaveText(/Checking every 20 s/);

    const incident = await declareIncident({
      name,
      message: "Investigating slow builds.",
      componentId: component.id,
      componentStatus: "degraded_performance",
    });
    await expect(activeIncidents(page).getByRole("link", { name })).toBeVisible({ timeout: POLL_DEADLINE_MS });
    await pause(page, UPDATE_SPACING_MS);
    await postUpdate(incident.id, "identified", "A slow disk on one builder.");
    await expect(activeIncidents(page).getByText("A slow disk on one builder.")).toBeVisible({
      timeout: POLL_DEADLINE_MS,
    });
    await pause(page, UPDATE_SPACING_MS);
    await resolve(incident.id);
    await expect(activeIncidents(page).getByRole("link", { name })).toHaveCount(0, { timeout: POLL_DEADLINE_MS });
  });

  test("says when its content was produced, and catches up at once after being offline", async ({ page, context }) => {
    test.setTimeout(90_000);
    const component = await addComponent(uniqueName("E2E Offline Tab"));
    const name = uniqueName("Offline tab outage");
    await page.goto("/");
    await expect(page.getByTestId("live-state")).toHaveText("Live");
    const renderedAt = await page.locator("[data-live-version] time").getAttribute("datetime");

    await context.setOffline(true);
    await expect(page.getByTestId("live-state")).toHaveText(/Offline|Reconnecting/);
    const incident = await declareIncident({
      name,
      message: "Investigating while the reader is offline.",
      componentId: component.id,
      componentStatus: "degraded_performance",
    });
    await context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event("online")));
    await expect(activeIncidents(page).getByRole("link", { name })).toBeVisible({ timeout: PUSH_DEADLINE_MS });
    await expect(page.getByTestId("live-state")).toHaveText("Live");
    const refreshedAt = await page.locator("[data-live-version] time").getAttribute("datetime");
    expect(Date.parse(refreshedAt!)).toBeGreaterThan(Date.parse(renderedAt!));
    await resolve(incident.id);
  });
});
