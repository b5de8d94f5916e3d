import { expect, test } from "@playwright/test";

test("the embed page sits under the site header, and each snippet is shown whole with a copy button", async ({
  page,
  context,
  baseURL,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/embed");
  await expect(page.getByRole("banner").getByRole("link", { name: /Status$/ })).toBeVisible();
  const widget = page.getByLabel("Status widget code", { exact: true });
  expect(await widget.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
  await page.getByRole("button", { name: "Copy the status widget code" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await widget.innerText());
});

test("subscribers see how to subscribe; webhook internals wait behind a developers' disclosure", async ({ page }) => {
  await page.goto("/subscribe");
  await expect(page.getByText("HMAC-SHA256", { exact: false })).toBeHidden();
  await page.getByText("For developers: webhook format and signatures").click();
  await expect(page.getByText("HMAC-SHA256", { exact: false })).toBeVisible();
});
