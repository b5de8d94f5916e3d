import { randomUUID } from "node:crypto";
import { test, expect } from "@/e2e/support/auth";
import { createTestComponent, createTestIncident } from "@/e2e/console/fixtures";

test.use({ role: "responder" });

const selectFor = (name: string) => new RegExp(`^${name} \\(now`);

test("a refused declaration keeps status, impact and every component choice, and focuses the field to fix", async ({
  page,
}) => {
  const docker = await createTestComponent("Docker");
  const machine = await createTestComponent("Machine");
  await page.goto("/admin/incidents/new");
  await expect(page.getByRole("heading", { level: 1, name: "Declare incident" })).toBeVisible();
  await page.getByLabel("Status", { exact: true }).selectOption("identified");
  await page.getByLabel("Impact").selectOption("critical");
  await page.getByLabel("Message").fill("Builds are failing to start.");
  await page.getByLabel(selectFor(docker.name)).selectOption("major_outage");
  await page.getByLabel(selectFor(machine.name)).selectOption("partial_outage");
  await page.getByLabel("Notify subscribers").uncheck();
  await page.getByRole("button", { name: "Declare incident" }).click();

  const alert = page.getByRole("alert").filter({ hasText: "Name is required." });
  await expect(alert).toBeVisible();
  await expect(alert.getByRole("link", { name: "Name is required." })).toBeVisible();
  await expect(page.getByLabel("Name")).toBeFocused();
  await expect(page.getByLabel("Status", { exact: true })).toHaveValue("identified");
  await expect(page.getByLabel("Impact")).toHaveValue("critical");
  await expect(page.getByLabel("Message")).toHaveValue("Builds are failing to start.");
  await expect(page.getByLabel(selectFor(docker.name))).toHaveValue("major_outage");
  await expect(page.getByLabel(selectFor(machine.name))).toHaveValue("partial_outage");
  await expect(page.getByLabel("Notify subscribers")).not.toBeChecked();

  const name = `Builds not starting ${randomUUID().slice(0, 6)}`;
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Declare incident" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByText("Impact: Critical")).toBeVisible();
  await expect(page.getByText(`${docker.name} (Major Outage)`)).toBeVisible();
  await expect(page.getByText(`${machine.name} (Partial Outage)`)).toBeVisible();
});

test("a refused maintenance keeps its component choices and switches", async ({ page }) => {
  const component = await createTestComponent("Registry");
  await page.goto("/admin/maintenance/new");
  await page.getByLabel(component.name).check();
  await page.getByLabel("Set components to “Under Maintenance”").uncheck();
  await page.getByLabel("Message").fill("Upgrading the registry.");
  await page.getByRole("button", { name: "Schedule maintenance" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Name is required." })).toBeVisible();
  await expect(page.getByLabel("Name")).toBeFocused();
  await expect(page.getByLabel(component.name)).toBeChecked();
  await expect(page.getByLabel("Set components to “Under Maintenance”")).not.toBeChecked();
  await expect(page.getByLabel("Message")).toHaveValue("Upgrading the registry.");
});

test("a refused component keeps its initial status", async ({ page }) => {
  await page.goto("/admin/components");
  await page.getByLabel("Initial status").selectOption("partial_outage");
  await page.getByRole("button", { name: "Add component" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Name is required." })).toBeVisible();
  await expect(page.getByLabel("Initial status")).toHaveValue("partial_outage");
});

test("the update form follows the incident's status after every post, and a resolved incident offers Reopen", async ({
  page,
}) => {
  const name = `Queue backlog ${randomUUID().slice(0, 6)}`;
  const incident = await createTestIncident({ name, message: "Jobs are queueing." });
  await page.goto(`/admin/incidents/${incident.id}`);
  const postUpdate = page.getByRole("region", { name: "Post an update" });
  const status = postUpdate.getByLabel("Status", { exact: true });
  await expect(status).toHaveValue("investigating");

  await status.selectOption("identified");
  await postUpdate.getByLabel("Message").fill("A noisy neighbour is saturating the queue.");
  await postUpdate.getByRole("button", { name: "Post update" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Update posted (Identified)." })).toBeVisible();
  await expect(page.getByText("Status: Identified", { exact: true })).toBeVisible();
  await expect(status).toHaveValue("identified");

  await status.selectOption("monitoring");
  await postUpdate.getByLabel("Message").fill("Throttled; watching the queue drain.");
  await postUpdate.getByRole("button", { name: "Post update" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Update posted (Monitoring)." })).toBeVisible();
  await expect(status).toHaveValue("monitoring");

  const resolve = page.getByRole("region", { name: "Resolve incident" });
  page.once("dialog", (dialog) => dialog.accept());
  await resolve.getByRole("button", { name: "Resolve incident" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Incident resolved." })).toBeVisible();
  await expect(page.getByText("Update posted")).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Post an update" })).toHaveCount(0);
  await expect(
    page.getByRole("region", { name: "Reopen" }).getByRole("button", { name: "Reopen incident" }),
  ).toBeVisible();
});

test("resolving is set apart from posting an update", async ({ page }) => {
  const incident = await createTestIncident({
    name: `Slow API ${randomUUID().slice(0, 6)}`,
    message: "Slow responses.",
  });
  await page.goto(`/admin/incidents/${incident.id}`);
  const post = page.getByRole("button", { name: "Post update" });
  const resolve = page.getByRole("button", { name: "Resolve incident" });
  const background = (locator: typeof post) => locator.evaluate((element) => getComputedStyle(element).backgroundColor);
  expect(await background(resolve)).not.toBe(await background(post));
  await expect(page.getByRole("region", { name: "Resolve incident" })).toContainText("Posts a final Resolved update");
});
