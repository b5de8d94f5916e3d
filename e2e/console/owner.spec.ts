import { randomUUID } from "node:crypto";
import { test, expect } from "@/e2e/support/auth";
import { createTestComponent } from "@/e2e/console/fixtures";

test.use({ role: "owner" });

test("an owner adds a user with a temporary password; deactivating them ends their session at once", async ({
  page,
  browser,
  baseURL,
}) => {
  const email = `temp-${randomUUID().slice(0, 8)}@e2e.test`;
  await page.goto("/admin/users");
  await page.getByLabel("Name").fill("Tess Temporary");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption("responder");
  await page.getByLabel("Temporary password").fill("temporary-password-1");
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByRole("status").filter({ hasText: "User created." })).toBeVisible();

  const theirs = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const them = await theirs.newPage();
  await them.goto("/login");
  await them.getByLabel("Email").fill(email);
  await them.getByLabel("Password").fill("temporary-password-1");
  await them.getByRole("button", { name: "Sign in" }).click();
  await expect(them.getByLabel("Role: responder")).toBeVisible();

  await page.reload();
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("listitem").filter({ hasText: email }).getByRole("button", { name: "Deactivate" }).click();
  await expect(page.getByRole("status").filter({ hasText: "User deactivated" })).toBeVisible();

  await them.goto("/admin/incidents");
  await expect(them).toHaveURL(/\/login/);
  await theirs.close();
});

test("a responder-level change from the components page shows on the public page at once", async ({
  page,
  context,
}) => {
  const component = await createTestComponent("Direct");
  await page.goto("/admin/components");
  await page.getByLabel(`Status of ${component.name}`, { exact: true }).selectOption("major_outage");
  await page.getByRole("button", { name: `Set status of ${component.name}` }).click();
  await expect(page.getByRole("status").filter({ hasText: "Status set." }).first()).toBeVisible();
  const response = await context.request.get("/api/v2/components.json");
  const body = (await response.json()) as { components: { name: string; status: string }[] };
  expect(body.components.find((c) => c.name === component.name)?.status).toBe("major_outage");
});

test("page settings show on the public page immediately", async ({ page, context }) => {
  await page.goto("/admin/settings");
  const footer = page.getByLabel("Footer text");
  const original = await footer.inputValue();
  const marker = `Footer check ${randomUUID().slice(0, 6)}`;
  await footer.fill(marker);
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Settings saved" })).toBeVisible();
  const publicPage = await context.newPage();
  await publicPage.goto("/");
  await expect(publicPage.getByText(marker)).toBeVisible();
  await page.reload();
  await page.getByLabel("Footer text").fill(original);
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Settings saved" })).toBeVisible();
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

  test("every console page is in the menu at 360 px, without sideways scrolling", async ({ page }) => {
    await page.goto("/admin/incidents");
    await page.getByRole("navigation", { name: "Console" }).locator("summary").tap();
    const tabs = page.getByRole("navigation", { name: "Console" }).getByRole("link");
    await expect(tabs).toHaveCount(13);
    for (const tab of await tabs.all()) {
      const box = await tab.boundingBox();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(360);
    }
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await tabs.filter({ hasText: "Audit log" }).tap();
    await expect(page).toHaveURL(/\/admin\/audit$/);
  });
});
