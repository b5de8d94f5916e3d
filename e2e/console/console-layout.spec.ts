import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { test, expect } from "@/e2e/support/auth";
import { SYSTEM_ACTOR } from "@/server/services/context";
import { scheduleMaintenance } from "@/server/services/maintenance/schedule-maintenance";

test.use({ role: "owner" });

const nav = (page: Page) => page.getByRole("navigation", { name: "Console" });
const suffix = () => randomUUID().slice(0, 6);

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("the console's tabs fold into one Menu row that opens and navigates", async ({ page }) => {
    await page.goto("/admin/incidents");
    const closed = await nav(page).boundingBox();
    expect(closed!.height).toBeLessThanOrEqual(60);
    await expect(nav(page).getByRole("link")).toHaveCount(0);

    await nav(page).locator("summary").tap();
    const links = nav(page).getByRole("link");
    await expect(links).toHaveCount(13);
    await expect(links.filter({ hasText: "Incidents" }).first()).toHaveAttribute("aria-current", "page");
    for (const link of await links.all()) {
      const box = await link.boundingBox();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    }
    await links.filter({ hasText: "Audit log" }).tap();
    await expect(page).toHaveURL(/\/admin\/audit$/);
    // The menu closes again on the page it opened.
    await expect(nav(page).getByRole("link")).toHaveCount(0);
    await expect(nav(page).locator("summary")).toContainText("Audit log");
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
  });
});

test.describe("at 1280 px", () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test("the sections take one row and the current section's pages a second", async ({ page }) => {
    await page.goto("/admin/api-keys");
    const box = await nav(page).boundingBox();
    expect(box!.height).toBeLessThanOrEqual(100);
    const sections = nav(page).getByRole("list").first().getByRole("link");
    await expect(sections).toHaveText([
      "Overview",
      "Incidents & maintenance",
      "Page",
      "People & access",
      "Integrations",
    ]);
    const tops = new Set(await sections.evaluateAll((links) => links.map((l) => l.getBoundingClientRect().top)));
    expect(tops.size).toBe(1);
    await expect(nav(page).getByRole("link", { name: "People & access" })).toHaveAttribute("aria-current", "true");
    await expect(nav(page).getByRole("link", { name: "API keys" })).toHaveAttribute("aria-current", "page");
    await nav(page).getByRole("link", { name: "Integrations", exact: true }).first().click();
    await expect(page).toHaveURL(/\/admin\/integrations$/);
    await expect(nav(page).getByRole("link", { name: "Chat channels" })).toBeVisible();
  });

  test("a maintenance opens under Maintenance and marks it current", async ({ page }) => {
    const start = Date.now() + 3 * 3_600_000;
    const name = `Layout window ${suffix()}`;
    const { maintenance } = await scheduleMaintenance({
      ctx: { actor: SYSTEM_ACTOR },
      input: {
        name,
        message: "Upgrading.",
        scheduledFor: new Date(start),
        scheduledUntil: new Date(start + 3_600_000),
        deliverNotifications: false,
      },
    });
    await page.goto("/admin/maintenance");
    await page.getByRole("link", { name, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/admin/maintenance/${maintenance.id}$`));
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(nav(page).getByRole("link", { name: "Maintenance", exact: true })).toHaveAttribute(
      "aria-current",
      "page",
    );
    await expect(nav(page).getByRole("link", { name: "Incidents", exact: true })).not.toHaveAttribute(
      "aria-current",
      "page",
    );
  });
});

test("a mistyped console address shows the console's not-found page with a way back", async ({ page }) => {
  const response = await page.goto("/admin/nope");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Not found" })).toBeVisible();
  await expect(nav(page)).toBeVisible();
  await page.getByRole("link", { name: "Back to the overview" }).click();
  await expect(page).toHaveURL(/\/admin$/);
});

test("a new API key is shown whole with a Copy button, and the form starts empty again", async ({
  page,
  context,
  baseURL,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  await page.goto("/admin/api-keys");
  const keyName = `Copy check ${suffix()}`;
  await page.getByLabel("Name", { exact: true }).fill(keyName);
  await page.getByRole("button", { name: "Create API key" }).click();
  const token = page.getByLabel("New API key");
  await expect(token).toHaveValue(/^sp_/);
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("");
  const copy = page.getByRole("button", { name: "Copy API key" });
  await copy.click();
  await expect(copy).toContainText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await token.inputValue());
  // Shown whole: the field is as wide as it looks and needs no scrolling.
  const clipped = await token.evaluate((field) => field.scrollWidth > field.clientWidth);
  expect(clipped).toBe(false);
});

test("the overview updates without a reload when an incident is declared in another tab", async ({ page, context }) => {
  await page.goto("/admin");
  await expect(page.locator("[data-live-state]")).toHaveAttribute("data-live-state", "live");
  await page.evaluate(() => Object.assign(window, { notReloaded: true }));

  const elsewhere = await context.newPage();
  const name = `Declared elsewhere ${suffix()}`;
  await elsewhere.goto("/admin/incidents/new");
  await elsewhere.getByLabel("Name").fill(name);
  await elsewhere.getByLabel("Message").fill("Investigating from another tab.");
  await elsewhere.getByRole("button", { name: "Declare incident" }).click();
  await expect(elsewhere.getByRole("heading", { level: 1, name })).toBeVisible();

  await expect(
    page.getByRole("region", { name: "Open incidents" }).getByRole("link", { name, exact: true }),
  ).toBeVisible({ timeout: 15_000 });
  expect(await page.evaluate(() => "notReloaded" in window)).toBe(true);
});
