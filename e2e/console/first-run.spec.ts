import { expect, test } from "@playwright/test";
import { OwnStack } from "@/e2e/support/own-stack";

test.describe.configure({ mode: "serial" });

const OWNER = { name: "Dana Demo", email: "demo-owner@e2e.test", password: "correct horse battery staple 42" };

let stack: OwnStack;
test.beforeAll(async () => {
  test.setTimeout(120_000);
  // What `npm start` now gives a new install: an empty, unnamed page and no account yet.
  stack = await OwnStack.start(1);
});
test.afterAll(async () => {
  await stack?.stop();
});

test("the owner starts with the demo, deletes one of its incidents, then removes the demo for a blank page", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const base = stack.instances[0].base;
  const context = await browser.newContext({ baseURL: base });
  const page = await context.newPage();
  const reader = await (await browser.newContext({ baseURL: base })).newPage();

  await reader.goto("/");
  await expect(reader).toHaveTitle("Status");
  await expect(reader.getByRole("heading", { level: 2, name: "This status page is being set up" })).toBeVisible();

  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin\/setup$/);
  await page.getByLabel("Your name").fill(OWNER.name);
  await page.getByLabel("Email").fill(OWNER.email);
  await page.getByLabel("Password", { exact: true }).fill(OWNER.password);
  await page.getByLabel("Confirm password").fill(OWNER.password);
  await page.getByRole("radio", { name: "Start with the demo to explore" }).check();
  await page.getByRole("button", { name: "Create owner account" }).click();
  await expect(page).toHaveURL(/\/admin$/, { timeout: 30_000 });
  const notice = page.getByRole("region", { name: "This page shows demo data" });
  await expect(notice).toBeVisible();

  await reader.reload();
  await expect(reader).toHaveTitle("Forgeline Status");

  // Delete the demo's open incident: behind a disclosure, and only with its name typed back.
  await page.goto("/admin/incidents");
  await page.getByRole("region", { name: "Unresolved" }).getByRole("link").first().click();
  await expect(page).toHaveURL(/\/admin\/incidents\/[A-Za-z0-9_-]+$/);
  await expect(page.getByRole("heading", { name: "Post an update" })).toBeVisible();
  const name = (await page.getByRole("heading", { level: 1 }).textContent())!.trim();
  const incidentPath = new URL(page.url()).pathname.replace("/admin", "");
  await page.getByText("Delete this incident…").click();
  await page.getByLabel("Type the incident's name to confirm").fill("not the name");
  await page.getByRole("button", { name: "Delete incident" }).click();
  await expect(page.locator("#confirmName-error")).toHaveText("Type the incident's name exactly.");
  await page.getByLabel("Type the incident's name to confirm").fill(name);
  await page.getByRole("button", { name: "Delete incident" }).click();
  await expect(page).toHaveURL(/\/admin\/incidents\?deleted=incident$/);
  await expect(page.getByRole("status").filter({ hasText: "The incident was deleted." })).toBeVisible();
  // Addresses nobody asked for before share a small render budget (503 + Retry-After when spent): ask as a client would.
  const statusOf = async (path: string) => (await reader.request.get(path)).status();
  await expect.poll(() => statusOf(incidentPath), { intervals: [500, 2_000] }).toBe(404);
  await expect
    .poll(() => statusOf(`/api/v2/incidents${incidentPath.replace("/incidents", "")}.json`), {
      intervals: [500, 2_000],
    })
    .toBe(404);

  // Remove the demo: a confirmation step, then a blank page with the set-up checklist.
  await page.goto("/admin");
  await notice.locator("summary", { hasText: "Remove the demo" }).click();
  await notice.getByRole("button", { name: "Yes, remove the demo data" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Demo removed:" })).toBeVisible();
  await expect(notice).toBeHidden();
  const checklist = page.getByRole("region", { name: "Set up your status page" });
  await expect(checklist).toBeVisible();
  await expect(checklist.getByRole("link", { name: "Open the settings" })).toBeVisible();
  await expect(page.getByText("No components exist yet.")).toBeVisible();

  await reader.goto("/");
  await expect(reader).toHaveTitle("Status");
  await expect(reader.getByRole("heading", { level: 2, name: "This status page is being set up" })).toBeVisible();
  await context.close();
});
