import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { test, expect } from "@/e2e/support/auth";
import { recordResolvedIncident, uniqueName } from "@/e2e/public/fixtures";

async function expectNoViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map(
    (v) =>
      `${v.id}: ${v.help} (${v.nodes
        .map((n) => n.target.join(" "))
        .slice(0, 3)
        .join(", ")})`,
  );
  expect(summary).toEqual([]);
}

test.use({ role: "owner" });

// The console's pages are checked with content of the spec's own: a component and a resolved incident on it.
let resolvedIncidentId: string;
test.beforeAll(async () => {
  resolvedIncidentId = (await recordResolvedIncident(uniqueName("A11y incident"))).id;
});

const PAGES = [
  "/admin",
  "/admin/incidents",
  "/admin/incidents/new",
  "/admin/maintenance",
  "/admin/maintenance/new",
  "/admin/components",
  "/admin/templates",
  "/admin/settings",
  "/admin/users",
  "/admin/audit",
  "/admin/chat-channels",
  "/admin/integrations",
  "/admin/metrics",
  "/admin/metrics/new",
];

// Dark mode changes colours only: one page of each kind (overview cards, a long form, lists with controls, the
// settings forms) covers every component the others reuse, and keeps CI within its time.
const DARK_PAGES = ["/admin", "/admin/incidents/new", "/admin/components", "/admin/settings"];

for (const colorScheme of ["light", "dark"] as const) {
  test.describe(`${colorScheme} mode`, () => {
    test.use({ colorScheme });

    for (const path of colorScheme === "dark" ? DARK_PAGES : PAGES) {
      test(`${path} has no accessibility violations`, async ({ page }) => {
        await page.goto(path);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        await expectNoViolations(page);
      });
    }

    test("an incident page and its postmortem editor have no accessibility violations", async ({ page }) => {
      const path = `/admin/incidents/${resolvedIncidentId}`;
      await page.goto(path);
      await expect(page.getByRole("region", { name: "Timeline" })).toBeVisible();
      await expectNoViolations(page);
      await page.goto(`${path}/postmortem`);
      await expect(page.getByRole("heading", { level: 1, name: "Postmortem" })).toBeVisible();
      await expectNoViolations(page);
    });
  });
}

test("the sign-in page has no accessibility violations", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/login");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await expectNoViolations(page);
  await context.close();
});
