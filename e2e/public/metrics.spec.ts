import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { addComponent, declareIncident, escapeRegExp, uniqueName } from "./fixtures";
import { addPushedMetric, recordRecentPoints } from "./metric-fixtures";

type Seeded = { metricId: string; name: string; component: string; incident: string };

let seeded: Seeded;

test.beforeAll(async () => {
  const component = uniqueName("Job queue");
  const { id: componentId } = await addComponent(component);
  const name = uniqueName("Queue wait");
  const metric = await addPushedMetric({
    name,
    suffix: "ms",
    componentId,
    tooltipDescription: "How long a job waits before a runner takes it.",
  });
  // Two days of data every 5 minutes, with a spike two hours ago, and a gap between 6 and 8 hours ago.
  await recordRecentPoints(metric.id, {
    hours: 48,
    stepSeconds: 300,
    valueAt: (hoursAgo) => (hoursAgo > 6 && hoursAgo < 8 ? null : hoursAgo < 2.5 && hoursAgo > 1.5 ? 900 : 120),
  });
  const incident = uniqueName("Runners backed up");
  await declareIncident({
    name: incident,
    message: "Jobs wait for a runner.",
    componentId,
    componentStatus: "degraded_performance",
    impact: "major",
  });
  seeded = { metricId: metric.id, name, component, incident };
});

function metricItem(page: Page) {
  return page
    .getByRole("region", { name: "System metrics" })
    .getByRole("listitem")
    .filter({ has: page.getByRole("link", { name: seeded.name, exact: true }) });
}

test("a reader sees the metric's latest value and chart, and switches ranges without JavaScript", async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/");
  const item = metricItem(page);
  await expect(item.getByText(/^1\d\d ms$/)).toBeVisible();
  const day = item.getByRole("img", { name: /^Last day: latest 1\d\d ms, min 1\d\d ms, max 900 ms, average / });
  await expect(day).toBeVisible();
  await expect(item.getByRole("img", { name: /^Last week:/ })).toBeHidden();
  await expect.poll(() => day.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

  await item.getByText("Week", { exact: true }).click();
  await expect(day).toBeHidden();
  const week = item.getByRole("img", { name: /^Last week: latest / });
  await expect(week).toBeVisible();
  await expect.poll(() => week.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await context.close();
});

test("the incident on the metric's component is marked on its chart", async ({ request }) => {
  const svg = await (await request.get(`/metrics/${seeded.metricId}/day.svg`)).text();
  const marker = new RegExp(
    `<g class="mk i-major" data-kind="incident"><title>Incident: ${escapeRegExp(seeded.incident)}, major impact, from [^<]+, ongoing</title>`,
  );
  expect(svg).toMatch(marker);
  expect(svg.match(/<path class="ln"/g)?.length).toBeGreaterThanOrEqual(1);
});

test("the metrics-display JSON answers Statuspage's shape, and 404 for an unknown range", async ({ request }) => {
  const response = await request.get(`/metrics-display/${seeded.metricId}/day.json`);
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body.period).toEqual({ count: 288, interval: 300, identifier: "day" });
  expect(body.summary).toEqual({
    sum: expect.any(Number),
    mean: expect.any(Number),
    min: expect.any(Number),
    max: 900,
    last: expect.any(Number),
  });
  const [{ metric, data }] = body.metrics;
  expect(metric).toMatchObject({ id: seeded.metricId, name: seeded.name, suffix: "ms" });
  expect(data.length).toBeGreaterThan(200);
  expect(data[0]).toEqual({ timestamp: expect.any(Number), value: expect.any(Number) });
  expect(data[0].timestamp % 300).toBe(0);
  expect(data[0].timestamp).toBeLessThan(Date.now() / 1000);

  const unknown = await request.get(`/metrics-display/${seeded.metricId}/year.json`);
  expect(unknown.status()).toBe(404);
  expect(unknown.headers()["content-type"]).toMatch(/json/);
});

test("the metric's page has its summary and data table, and hover reads a value out", async ({ page }) => {
  await page.goto("/");
  const item = metricItem(page);
  await item.getByRole("img", { name: /^Last day:/ }).hover();
  await expect(item.getByRole("status")).toHaveText(/^\d{4}-\d\d-\d\d \d\d:\d\d UTC: \d+ ms$/);

  await item.getByRole("link", { name: seeded.name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: seeded.name })).toBeVisible();
  const day = page.getByRole("region", { name: "Last day" });
  await expect(day.getByText("Maximum")).toBeVisible();
  await day.getByText("Data as a table").click();
  const table = day.getByRole("table");
  await expect(table.getByRole("columnheader", { name: "Value" })).toBeVisible();
  expect(await table.getByRole("row").count()).toBeGreaterThan(200);
  await expect(page.getByRole("link", { name: "Current status" })).toHaveAttribute("href", "/");

  expect((await page.request.get("/metrics/nosuchmetric")).status()).toBe(404);
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`the metrics have no accessibility violations in ${colorScheme} mode`, async ({ browser }) => {
    const context = await browser.newContext({ colorScheme });
    const page = await context.newPage();
    await page.goto("/");
    await expect(metricItem(page)).toBeVisible();
    const home = await new AxeBuilder({ page }).include('section[aria-labelledby="metrics-heading"]').analyze();
    expect(home.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await page.goto(`/metrics/${seeded.metricId}`);
    const own = await new AxeBuilder({ page }).include("main").analyze();
    expect(own.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await context.close();
  });
}

test("a 390 px screen shows the metrics without sideways scrolling", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto("/");
  await expect(metricItem(page)).toBeVisible();
  await metricItem(page).scrollIntoViewIfNeeded();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.goto(`/metrics/${seeded.metricId}`);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await context.close();
});
