import { test as base, expect } from "@playwright/test";
import { credentialsFor, signInThroughForm } from "@/e2e/support/auth";

base("an unauthenticated visit to the console goes to sign-in and comes back after signing in", async ({ page }) => {
  await page.goto("/admin/components");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fadmin%2Fcomponents/);
  const { email, password, name } = credentialsFor("responder");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/admin\/components$/);
  await expect(page.getByText(name)).toBeVisible();
  await expect(page.getByLabel("Role: responder")).toBeVisible();
});

base("a wrong password gets a message that does not say which field was wrong", async ({ page }) => {
  const { email } = credentialsFor("viewer");
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Incorrect email or password." })).toBeVisible();
  await page.getByLabel("Email").fill("nobody@e2e.test");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Incorrect email or password." })).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});

base("a user signs in and signs out; the console is then closed again", async ({ page }) => {
  await signInThroughForm(page, "owner");
  await expect(
    page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "People & access" }),
  ).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login\?signedOut=1/);
  await expect(page.getByRole("status")).toHaveText("You have signed out.");
  await page.goto("/admin/incidents");
  await expect(page).toHaveURL(/\/login\?redirectTo=/);
});

base("redirectTo cannot send a user to another site", async ({ page }) => {
  const { email, password } = credentialsFor("viewer");
  await page.goto("/login?redirectTo=//evil.example/phish");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/admin$/);
});
