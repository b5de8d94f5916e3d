import { expect, test } from "@playwright/test";
import { readPageSettings } from "@/e2e/public/fixtures";

test("a reader opens the home page and sees the status page's name", async ({ page }) => {
  const { name } = await readPageSettings();
  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  await expect(page.getByText(name).first()).toBeVisible();
});

test("the health endpoint reports the app and database as healthy", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body).toMatchObject({ status: "ok", database: { status: "ok" } });
});
