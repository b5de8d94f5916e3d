import { test, expect } from "@/e2e/support/auth";
import { randomUUID } from "node:crypto";
import { createTestComponent } from "@/e2e/console/fixtures";

test.use({ role: "responder" });

const utcInput = (date: Date) => date.toISOString().slice(0, 19);

test("a scheduled maintenance starts and completes by itself, taking its components under maintenance and back", async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  const component = await createTestComponent("Database");
  const name = `Database upgrade ${randomUUID().slice(0, 6)}`;
  await page.goto("/admin/maintenance");
  await page.getByRole("link", { name: "Schedule maintenance" }).click();
  await page.getByLabel("Name").fill(name);
  const start = new Date(Date.now() + 6_000);
  await page.getByLabel("Starts at (UTC)").fill(utcInput(start));
  await page.getByLabel("Ends at (UTC)").fill(utcInput(new Date(start.getTime() + 8_000)));
  await page.getByLabel("Message").fill("We are upgrading the database.");
  await page.getByLabel(component.name).check();
  await page.getByRole("button", { name: "Schedule maintenance" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const incidentId = page.url().split("/").pop()!;
  await expect(page.getByText("Status: Scheduled", { exact: true })).toBeVisible();

  const publicPage = await context.newPage();
  await expect(async () => {
    await page.reload();
    await expect(page.getByText("Status: In progress", { exact: true })).toBeVisible({ timeout: 1_000 });
    await expect(page.getByText(`${component.name} (Under Maintenance)`)).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000, intervals: [1_000] });
  await publicPage.goto(`/incidents/${incidentId}`);
  // The update posted at the start carries the responder's scheduled message, so it now shows twice.
  await expect(publicPage.getByText("We are upgrading the database.")).toHaveCount(2);

  await expect(async () => {
    await page.reload();
    await expect(page.getByText("Status: Completed", { exact: true })).toBeVisible({ timeout: 1_000 });
    await expect(page.getByText(`${component.name} (Operational)`)).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 40_000, intervals: [1_000] });
  await publicPage.goto(`/incidents/${incidentId}`);
  await expect(publicPage.getByText("The scheduled maintenance has been completed.")).toBeVisible();
});
