import { test, expect } from "@/e2e/support/auth";
import { recordResolvedIncident, uniqueName } from "@/e2e/public/fixtures";

test.use({ role: "viewer" });

test("a viewer sees the console read-only and cannot reach any form", async ({ page }) => {
  const name = uniqueName("Seen by a viewer");
  await recordResolvedIncident(name);
  await page.goto("/admin/incidents");
  await expect(page.getByText("You have read-only access.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Declare incident" })).toHaveCount(0);
  await expect(
    page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "People & access" }),
  ).toHaveCount(0);

  await page.getByRole("region", { name: "Recent" }).getByRole("link", { name }).click();
  await expect(page.getByRole("region", { name: "Timeline" })).toBeVisible();
  await expect(page.getByRole("button")).toHaveText(["Sign out"]);
  await expect(page.locator("form")).toHaveCount(0);

  await page.goto("/admin/incidents/new");
  await expect(page.getByRole("alert").filter({ hasText: "This page needs the responder role." })).toBeVisible();
  await page.goto("/admin/users");
  await expect(page.getByRole("alert").filter({ hasText: "This page needs the owner role." })).toBeVisible();
  await page.goto("/admin/components");
  await expect(page.getByRole("button", { name: "Set" })).toHaveCount(0);
});
