import { expect, test } from "@playwright/test";
import {
  addComponent,
  changeComponentStatus,
  declareIncident,
  reloadUntil,
  resolve,
  uniqueName,
  waitUntilListed,
  withoutLiveUpdates,
} from "./fixtures";

// Short expectations inside reloadUntil, so a reload that came too early is retried with another.
const soon = { timeout: 200 };

test("a change made through the services shows on the page once the app is told, not when a cache expires", async ({
  page,
}) => {
  await withoutLiveUpdates(page);
  await page.goto("/");
  const componentName = uniqueName("E2E Queue");
  const component = await addComponent(componentName);
  await reloadUntil(page, () => expect(page.getByText(componentName, { exact: true })).toBeVisible(soon));

  const incidentName = uniqueName("Queue stalled");
  const incident = await declareIncident({
    name: incidentName,
    message: "Messages are **not** being delivered.",
    componentId: component.id,
    componentStatus: "degraded_performance",
  });
  const active = page.getByRole("region", { name: "Active incidents" });
  await reloadUntil(page, () => expect(active.getByRole("link", { name: incidentName })).toBeVisible(soon));
  await expect(active.locator("strong", { hasText: "not" })).toBeVisible();
  const row = page
    .getByRole("listitem")
    .filter({ has: page.getByText(componentName, { exact: true }) })
    .last();
  await expect(row.getByText("Degraded Performance")).toBeVisible();

  await page.goto(`/incidents/${incident.id}`);
  await expect(page.getByRole("heading", { level: 1, name: incidentName })).toBeVisible();
  await resolve(incident.id);
  await reloadUntil(page, () =>
    expect(page.getByRole("region", { name: "Updates" }).getByRole("listitem").first()).toContainText(
      "Resolved by the e2e test.",
      soon,
    ),
  );
  await page.goto("/");
  await expect(
    page.getByRole("region", { name: "Active incidents" }).getByRole("link", { name: incidentName }),
  ).toHaveCount(0);
});

test("an open page refreshes itself when the data changes", async ({ page }) => {
  test.setTimeout(90_000);
  const componentName = uniqueName("E2E Live");
  const component = await addComponent(componentName);
  await waitUntilListed(component.id);
  await page.goto("/");
  await expect(page.getByText(componentName, { exact: true })).toBeVisible();
  const incidentName = uniqueName("Live refresh check");
  const incident = await declareIncident({
    name: incidentName,
    message: "Checking live refresh.",
    componentId: component.id,
    componentStatus: "degraded_performance",
  });
  await expect(
    page.getByRole("region", { name: "Active incidents" }).getByRole("link", { name: incidentName }),
  ).toBeVisible({ timeout: 45_000 });
  await resolve(incident.id);
});

test("a component shown only when degraded appears while degraded and disappears when operational again", async ({
  page,
}) => {
  await withoutLiveUpdates(page);
  const name = uniqueName("E2E Only When Degraded");
  const component = await addComponent(name, { onlyShowIfDegraded: true });
  await waitUntilListed(component.id);
  await page.goto("/");
  await expect(page.getByRole("region", { name: "Components" })).toBeVisible();
  await expect(page.getByText(name, { exact: true })).toHaveCount(0);

  await changeComponentStatus(component.id, "degraded_performance");
  const row = page
    .getByRole("listitem")
    .filter({ has: page.getByText(name, { exact: true }) })
    .last();
  await reloadUntil(page, () => expect(row.getByText("Degraded Performance")).toBeVisible(soon));

  await changeComponentStatus(component.id, "operational");
  await reloadUntil(page, () => expect(page.getByText(name, { exact: true })).toHaveCount(0, soon));
});
