import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./reader-page";
import { escapeRegExp } from "./fixtures";

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

async function incidentPath(page: Page, name: string): Promise<string> {
  await page.goto("/history");
  return (await page.getByRole("link", { name, exact: true }).getAttribute("href"))!;
}

for (const colorScheme of ["light", "dark"] as const) {
  test.describe(`${colorScheme} mode`, () => {
    test.use({ colorScheme });
    // axe walks every node of a page with bars; a busy CI machine needs more than the default minute.
    test.describe.configure({ timeout: 150_000 });

    test("the home page has no accessibility violations", async ({ scenario, page }) => {
      await page.goto("/");
      await expect(page.getByRole("region", { name: "Components" })).toBeVisible();
      await expectNoViolations(page);
      const { docker } = scenario.components;
      await page.getByRole("button", { name: `Explore ${docker} day by day` }).focus();
      await expect(
        page
          .getByRole("list", { name: new RegExp(`^${escapeRegExp(docker)}: daily status`) })
          .getByRole("button")
          .last(),
      ).toBeFocused();
      await expectNoViolations(page);
    });

    test("an incident page has no accessibility violations", async ({ scenario, page }) => {
      await page.goto(await incidentPath(page, scenario.incidents.jobs));
      await expect(page.getByRole("region", { name: "Postmortem" })).toBeVisible();
      await expectNoViolations(page);
    });

    test("the history page has no accessibility violations", async ({ page }) => {
      await page.goto("/history");
      await expectNoViolations(page);
    });

    test("the 404 page has no accessibility violations", async ({ page }) => {
      await page.goto("/incidents/does-not-exist");
      await expectNoViolations(page);
    });
  });
}
