import { expect, test } from "./reader-page";

test("a reader opens an incident and reads its postmortem and updates, newest first", async ({ scenario, page }) => {
  const { jobs, continued } = scenario.incidents;
  const { docker, machine, macos, runner } = scenario.components;
  const { pageName } = scenario;
  await page.goto("/");
  await page.getByRole("region", { name: "Past incidents" }).getByRole("link", { name: jobs, exact: true }).click();
  await expect(page).toHaveURL(/\/incidents\/[\w-]+$/);
  await expect(page).toHaveTitle(`${jobs} | ${pageName} Status`);
  await expect(page.getByRole("heading", { level: 1, name: jobs })).toBeVisible();
  await expect(page.getByText("Critical impact")).toBeVisible();
  await expect(page.getByText(`This incident affected: ${docker}, ${machine}, ${macos}, and ${runner}.`)).toBeVisible();
  await expect(page.getByText(/^Resolved after 7 hours, 23 minutes$/)).toBeVisible();

  await expect(page.getByRole("form", { name: "Notify me about this incident" })).toHaveCount(0);

  const postmortem = page.getByRole("region", { name: "Postmortem" });
  await expect(postmortem.getByText(/^Posted \w{3} \d{1,2}, \d{4} - \d\d:\d\d UTC$/)).toBeVisible();
  await expect(postmortem.getByRole("heading", { name: "What we are changing" })).toBeVisible();
  await expect(postmortem.getByRole("table")).toBeVisible();
  const postmortemBox = await postmortem.boundingBox();
  const updates = page.getByRole("region", { name: "Updates" });
  const updatesBox = await updates.boundingBox();
  expect(postmortemBox!.y).toBeLessThan(updatesBox!.y);

  const items = updates.getByRole("listitem");
  await expect(items).toHaveCount(7);
  await expect(items.first()).toContainText("Resolved");
  await expect(items.first()).toContainText("Jobs are starting normally and the queue backlog has cleared.");
  await expect(items.nth(1)).toContainText("Monitoring");
  await expect(items.nth(3)).toContainText(/^Identified/);
  await expect(items.nth(4)).toContainText(/^Update/);
  await expect(items.last()).toContainText(/^Investigating/);
  const posted = items.first().locator("time");
  await expect(posted).toHaveText(/^\w{3} \d{1,2}, \d{4} - \d\d:\d\d UTC$/);
  await expect(posted).toHaveAttribute("title", /days? ago$/);
  await expect(posted).toHaveAttribute("datetime", /^\d{4}-\d\d-\d\dT/);

  await page.getByRole("region", { name: "Related incidents" }).getByRole("link", { name: continued }).click();
  await expect(page.getByRole("heading", { level: 1, name: continued })).toBeVisible();
  await expect(page.getByText(`This incident affected: ${docker} and ${machine}.`)).toBeVisible();
  await expect(
    page.getByRole("region", { name: "Related incidents" }).getByRole("link", { name: jobs, exact: true }),
  ).toBeVisible();
});

test("markdown in updates is rendered and sanitized", async ({ scenario, page }) => {
  await page.goto("/");
  await page
    .getByRole("region", { name: "Active incidents" })
    .getByRole("link", { name: scenario.incidents.active })
    .click();
  await expect(
    page.getByRole("region", { name: "Updates" }).locator("em", { hasText: "infrastructure error" }),
  ).toBeVisible();
  await expect(page.getByText(`This incident affects: ${scenario.components.macos}.`)).toBeVisible();
});

test("an unresolved incident offers to notify the reader and checks the address", async ({ scenario, page }) => {
  await page.goto("/");
  await page
    .getByRole("region", { name: "Active incidents" })
    .getByRole("link", { name: scenario.incidents.active })
    .click();
  const form = page.getByRole("form", { name: "Notify me about this incident" });
  await form.getByRole("button", { name: "Notify me" }).click();
  await expect(form.getByText("Enter an email address such as you@example.com.")).toBeVisible();
  await expect(form.getByLabel("Email address for updates about this incident")).toHaveAttribute(
    "aria-invalid",
    "true",
  );
});

test("a scheduled maintenance page shows its window and affected components", async ({ scenario, page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: scenario.maintenance }).click();
  await expect(page.getByRole("heading", { level: 1, name: scenario.maintenance })).toBeVisible();
  await expect(page.getByText(/^\w{3} \d{1,2}, \d{4} - 06:00 UTC to \w{3} \d{1,2}, \d{4} - 08:00 UTC$/)).toBeVisible();
  await expect(
    page.getByText(`This maintenance affects: ${scenario.components.webApp} and ${scenario.components.api}.`),
  ).toBeVisible();
  await expect(page.getByRole("region", { name: "Updates" }).getByText("Scheduled", { exact: true })).toBeVisible();
  await expect(page.getByRole("form", { name: "Notify me about this incident" })).toBeVisible();
});

test("an unknown incident gets a 404 page", async ({ page }) => {
  for (const path of ["/incidents/does-not-exist", "/incidents/%E2%9C%93%3Cscript%3E", "/no-such-page"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Current status" })).toBeVisible();
  }
});
