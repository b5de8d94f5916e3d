import { expect, test } from "@playwright/test";
import { OwnStack } from "@/e2e/support/own-stack";

test.describe.configure({ mode: "serial" });

const OWNER = { name: "Fiona First", email: "first-owner@e2e.test", password: "first-run-password-42" };

let stack: OwnStack;
test.beforeAll(async () => {
  test.setTimeout(120_000);
  // What `SEED_DEMO=1 npm start` gives a new user: the demo page (so set-up offers no choice), and no account yet.
  stack = await OwnStack.start(1, {}, [{ script: "prisma/seed.ts" }]);
});
test.afterAll(async () => {
  await stack?.stop();
});

test("on first run the console offers a one-time owner setup, then only sign-in", async ({ browser }) => {
  test.setTimeout(90_000);
  const context = await browser.newContext({ baseURL: stack.instances[0].base });
  const page = await context.newPage();
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin\/setup$/);
  await expect(page.getByRole("heading", { name: "Create the owner account" })).toBeVisible();

  await page.getByLabel("Your name").fill(OWNER.name);
  await page.getByLabel("Email").fill(OWNER.email);
  await page.getByLabel("Password", { exact: true }).fill("Fiona First");
  await page.getByLabel("Confirm password").fill("something else");
  await page.getByRole("button", { name: "Create owner account" }).click();
  const passwordError = page.locator("#password-error");
  await expect(passwordError).toContainText("Use at least 12 characters.");
  await expect(passwordError).toContainText("Do not use your name or email address in the password.");
  await expect(page.locator("#confirmPassword-error")).toHaveText("The passwords do not match.");
  await expect(page.getByLabel("Password", { exact: true })).toBeFocused();
  await expect(page.getByLabel("Email")).toHaveValue(OWNER.email);

  await page.getByLabel("Password", { exact: true }).fill(OWNER.password);
  await page.getByLabel("Confirm password").fill(OWNER.password);
  await page.getByRole("button", { name: "Create owner account" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByLabel("Role: owner")).toBeVisible();

  await context.close();

  const anonymous = await browser.newContext({ baseURL: stack.instances[0].base });
  const visitor = await anonymous.newPage();
  await visitor.goto("/admin/setup");
  await expect(visitor).toHaveURL(/\/login$/);
  await expect(visitor.getByRole("button", { name: "Sign in" })).toBeVisible();
  await anonymous.close();
});

test("a database outage while posting says nothing was saved and keeps the text; posting again afterwards works", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ baseURL: stack.instances[0].base });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(OWNER.email);
  await page.getByLabel("Password").fill(OWNER.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await page.goto("/admin/incidents");
  await expect(page.getByRole("heading", { level: 1, name: "Incidents" })).toBeVisible();
  await page.getByRole("region", { name: "Unresolved" }).getByRole("link").first().click();
  await expect(page.getByRole("heading", { name: "Post an update" })).toBeVisible();

  const message = "We have identified the cause. This text must survive the outage.";
  await page.getByLabel("Message").first().fill(message);
  await stack.stopDatabase();
  try {
    await page.getByRole("button", { name: "Post update" }).click();
    await expect(
      page.getByRole("alert").filter({ hasText: /database is unavailable.*nothing was saved/i }),
    ).toBeVisible({ timeout: 30_000 });
    await expect(page.getByLabel("Message").first()).toHaveValue(message);
  } finally {
    await stack.startDatabase();
  }

  await expect(async () => {
    await page.getByRole("button", { name: "Post update" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Update posted (" })).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 40_000, intervals: [2_000] });
  await expect(
    page
      .getByRole("region", { name: "Timeline" })
      .getByRole("paragraph")
      .filter({ hasText: "This text must survive the outage." }),
  ).toBeVisible();
  await context.close();
});
