import { test as sharedPageTest } from "@playwright/test";
import { backfillIncident, uniqueName } from "./fixtures";
import { expect, test } from "./reader-page";

const MONTH = /^(January|February|March|April|May|June|July|August|September|October|November|December) \d{4}$/;

test("a reader browses the history by month, three months a page", async ({ scenario, page }) => {
  const { jobs } = scenario.incidents;
  const { pageName } = scenario;
  await page.goto("/");
  await page.getByRole("link", { name: "Incident history" }).first().click();
  await expect(page).toHaveURL(/\/history$/);
  await expect(page).toHaveTitle(`Incident history | ${pageName} Status`);
  await expect(page.getByRole("heading", { level: 1, name: "Incident history" })).toBeVisible();
  const months = page.getByRole("heading", { level: 2, name: MONTH });
  await expect(months).toHaveCount(3);
  const firstPageMonths = await months.allTextContents();
  await expect(page.getByRole("link", { name: jobs, exact: true })).toBeVisible();
  const jobsItem = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: jobs, exact: true }) });
  await expect(jobsItem).toContainText("Critical impact");
  await expect(jobsItem).toContainText("lasted 7 hours, 23 minutes");

  await page.getByRole("link", { name: "Older incidents" }).click();
  await expect(page).toHaveURL(/\/history\?page=2$/);
  await expect(months).toHaveCount(3);
  const secondPageMonths = await months.allTextContents();
  expect(secondPageMonths.some((m) => firstPageMonths.includes(m))).toBe(false);
  await page.getByRole("link", { name: "Newer incidents" }).click();
  await expect(page).toHaveURL(/\/history$/);
});

test("a reader filters the history by component", async ({ scenario, page }) => {
  const { webApp } = scenario.components;
  const { jobs } = scenario.incidents;
  await page.goto("/history");
  await page.getByLabel("Component").selectOption({ label: webApp });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/\/history\?component=[\w-]+$/);
  await expect(page.getByText(`Showing incidents that affected ${webApp}.`)).toBeVisible();
  await expect(page.getByRole("link", { name: jobs, exact: true })).toHaveCount(0);
  await expect(page.getByRole("link", { name: scenario.incidents.webApp, exact: true })).toBeVisible();
  // The upcoming maintenance on the web app is on the home page, not in the history until it starts.
  await expect(page.getByRole("link", { name: scenario.maintenance })).toHaveCount(0);
  await page.getByRole("link", { name: "Show all components" }).click();
  await expect(page.getByRole("link", { name: jobs, exact: true })).toBeVisible();
});

test("malformed query strings never fail the page", async ({ page }) => {
  const cases = [
    "/history?page=abc",
    "/history?page=-1",
    "/history?page=99999999999999999999",
    "/history?page=1&page=2",
    "/history?component=%27%3B%20drop%20table",
    "/history?component=unknown-component",
    "/history?component[]=x&page[]=3",
    "/history?%E0%A4%A=1",
    "/?page=%ZZ",
  ];
  for (const path of cases) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
  }
  await page.goto("/history?page=abc");
  await expect(page.getByRole("status")).toContainText("page must be a whole number");
  await page.goto("/history?component=unknown-component");
  await expect(page.getByRole("status")).toContainText("There is no component with that id");
});

// It writes through the services, so it reads the shared app whose database those write to.
sharedPageTest("a busy month lists 25 incidents and links to all of them", async ({ page }) => {
  const prefix = uniqueName("Busy month");
  const monthStart = Date.UTC(2021, 2, 1);
  for (let i = 0; i < 26; i++)
    await backfillIncident(`${prefix} #${i + 1}`, new Date(monthStart + (i + 1) * 86_400_000));
  const now = new Date();
  const monthsBack = (now.getUTCFullYear() - 2021) * 12 + (now.getUTCMonth() - 2);
  await page.goto(`/history?page=${Math.floor(monthsBack / 3) + 1}`);
  const march = page.getByRole("region", { name: "March 2021" });
  await expect(march.getByRole("link", { name: new RegExp(`^${prefix} #`) })).toHaveCount(25);
  await march.getByRole("link", { name: "Show all 26 incidents from March 2021" }).click();
  await expect(page).toHaveURL(/\/history\?month=2021-03$/);
  await expect(page.getByRole("link", { name: new RegExp(`^${prefix} #`) })).toHaveCount(26);
  await page.getByRole("link", { name: "Back to the latest months" }).click();
  await expect(page).toHaveURL(/\/history$/);
});
