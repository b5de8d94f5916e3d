import { expect, test } from "./reader-page";
import { escapeRegExp, withoutLiveUpdates } from "./fixtures";

const BANNERS =
  /^(All Systems Operational|Minor Service Outage|Partial System Outage|Major Service Outage|Service Under Maintenance)$/;

test("a reader sees the overall banner, the components in their groups and the active incident", async ({
  scenario,
  page,
}) => {
  const { incidents, components: names, groups, maintenance: maintenanceName, pageName } = scenario;
  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  await expect(page).toHaveTitle(`${pageName} Status`);
  await expect(page.getByRole("heading", { level: 2, name: BANNERS })).toBeVisible();

  const components = page.getByRole("region", { name: "Components" });
  await expect(components.getByRole("heading", { name: groups.pipelines })).toBeVisible();
  await expect(components.getByText(names.macos, { exact: true })).toBeVisible();
  await expect(components.getByText(/\d+\.\d\d % uptime/).first()).toBeVisible();

  const active = page.getByRole("region", { name: "Active incidents" });
  await expect(active.getByRole("link", { name: incidents.active })).toBeVisible();
  const ours = active.getByRole("listitem").filter({ has: page.getByRole("link", { name: incidents.active }) });
  await expect(ours.getByText(incidents.batchUpdate)).toBeVisible();
  await expect(ours.getByText("Minor impact")).toBeVisible();

  const maintenance = page.getByRole("region", { name: "Scheduled maintenance" });
  await expect(maintenance.getByRole("link", { name: maintenanceName })).toBeVisible();
  await expect(
    maintenance
      .getByRole("listitem")
      .filter({ has: page.getByRole("link", { name: maintenanceName }) })
      .getByText(`Affects ${names.webApp} and ${names.api}.`),
  ).toBeVisible();

  const past = page.getByRole("region", { name: "Past incidents" });
  await expect(past.getByRole("heading", { level: 3 })).toHaveCount(14);
  await expect(past.getByText("No incidents reported.").first()).toBeVisible();
  await expect(past.getByRole("link", { name: incidents.jobs, exact: true })).toBeVisible();
  // A resolved incident is one line: how it ended and how many updates its own page holds.
  const resolved = past
    .getByRole("listitem")
    .filter({ has: page.getByRole("link", { name: incidents.jobs, exact: true }) })
    .last();
  await expect(resolved).toContainText(
    /Resolved \w{3} \d{1,2}, \d{4} - \d\d:\d\d UTC · \d+ updates · postmortem published/,
  );
  await expect(past.getByText(incidents.active)).toBeVisible();
  await expect(page.getByText(/^Last updated \d\d:\d\d UTC$/)).toBeVisible();
});

test("groups collapse and expand, and show the worst status of their components", async ({ scenario, page }) => {
  await page.goto("/");
  const components = page.getByRole("region", { name: "Components" });
  const platform = components.locator("details", {
    has: page.getByRole("heading", { name: scenario.groups.platform }),
  });
  await expect(platform.getByText(scenario.components.webApp, { exact: true })).toBeHidden();
  await platform.locator("summary").click();
  await expect(platform.getByText(scenario.components.webApp, { exact: true })).toBeVisible();
  const pipelines = components.locator("summary", {
    has: page.getByRole("heading", { name: scenario.groups.pipelines }),
  });
  await expect(pipelines.getByText("Degraded Performance")).toBeVisible();
});

test("a component's description shows on focus", async ({ scenario, page }) => {
  await page.goto("/");
  const help = page.getByRole("button", { name: `About ${scenario.components.docker}` });
  await help.focus();
  await expect(page.getByRole("tooltip", { name: "Jobs that run in containers on our fleet" })).toBeVisible();
  await expect(help).toHaveAccessibleDescription("Jobs that run in containers on our fleet");
});

test("keyboard only: a reader tabs to an incident link and walks an uptime bar to a day's incidents", async ({
  scenario,
  page,
}) => {
  await page.goto("/");
  // The bars become buttons once the page is hydrated; a reader tabbing earlier passes them by.
  await expect(page.getByRole("button", { name: /^Explore .* day by day$/ }).first()).toBeAttached();
  const focusedName = () =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el ? `${el.tagName}|${el.getAttribute("aria-label") ?? el.textContent ?? ""}` : "";
    });

  const dayButton = /^BUTTON\|\w{3} \d{1,2}, \d{4}: /;
  let reachedIncident = false;
  let reachedDay = false;
  for (let i = 0; i < 40 && !reachedDay; i++) {
    await page.keyboard.press("Tab");
    let name = await focusedName();
    if (name === `A|${scenario.incidents.active}`) reachedIncident = true;
    if (/^BUTTON\|Explore .* day by day$/.test(name)) {
      // Focusing a bar opens its day-by-day view and moves focus to today.
      await expect.poll(focusedName).toMatch(dayButton);
      name = await focusedName();
    }
    if (dayButton.test(name)) reachedDay = true;
  }
  expect(reachedIncident).toBe(true);
  expect(reachedDay).toBe(true);

  // The first bar is the Pipelines group's; its focus starts on today. Nine days ago "Jobs not starting" began.
  const { jobs } = scenario.incidents;
  const groupDays = page.getByRole("list", {
    name: new RegExp(`^${escapeRegExp(`${scenario.groups.pipelines} (all components)`)}: daily status`),
  });
  await expect(groupDays.getByRole("button").last()).toBeFocused();
  const todayLabel = await page.evaluate(() => document.activeElement?.getAttribute("aria-label"));
  expect(todayLabel).toMatch(/\w{3} \d{1,2}, \d{4}/);
  for (let i = 0; i < 9; i++) await page.keyboard.press("ArrowLeft");
  const dayLabel = await page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? "");
  expect(dayLabel).toContain(jobs);
  expect(dayLabel).toMatch(/Major outage \d+ hr/);

  const tooltipLink = page.getByRole("link", { name: jobs, exact: true }).first();
  await page.keyboard.press("Tab");
  await expect(tooltipLink).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/incidents\//);
  await expect(page.getByRole("heading", { level: 1, name: jobs })).toBeVisible();
});

test("hovering a day shows its date, outage minutes and incidents", async ({ scenario, page }) => {
  await page.goto("/");
  const { docker } = scenario.components;
  const { jobs } = scenario.incidents;
  await page.getByRole("button", { name: `Explore ${docker} day by day` }).hover();
  const bar = page.getByRole("list", { name: new RegExp(`^${escapeRegExp(docker)}: daily status`) });
  const day = bar.getByRole("button", { name: new RegExp(escapeRegExp(jobs)) }).first();
  // The same day also holds "Jobs not starting (continued)".
  await day.hover();
  const tooltip = page.locator(`[id="${await day.getAttribute("aria-describedby")}"]`);
  await expect(tooltip).toBeVisible();
  await expect(tooltip).toContainText(/\w{3} \d{1,2}, \d{4}/);
  await expect(tooltip).toContainText(/Major outage \d+ hr/);
  await expect(tooltip.getByRole("link", { name: jobs, exact: true })).toBeVisible();
});

test("the reader can switch times to their own time zone", async ({ browser }) => {
  const context = await browser.newContext({ timezoneId: "America/New_York" });
  const page = await context.newPage();
  await withoutLiveUpdates(page);
  await page.goto("/");
  const firstPosted = page.getByRole("region", { name: "Active incidents" }).locator("time").first();
  await expect(firstPosted).toHaveText(/UTC$/);
  await page.getByRole("button", { name: "Show local time" }).click();
  await expect(firstPosted).toHaveText(/E[SD]T$/);
  await page.reload();
  await expect(firstPosted).toHaveText(/E[SD]T$/);
  await page.getByRole("button", { name: "Show UTC" }).click();
  await expect(firstPosted).toHaveText(/UTC$/);
  await context.close();
});

test("the page is readable with JavaScript disabled", async ({ scenario, browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 2, name: BANNERS })).toBeVisible();
  await expect(page.getByRole("link", { name: scenario.incidents.active }).first()).toBeVisible();
  await expect(
    page.getByRole("img", {
      name: new RegExp(
        `^${escapeRegExp(scenario.components.docker)}: daily status .* \\d+ days? with incidents or downtime; most recently \\w{3} \\d{1,2}, \\d{4}: `,
      ),
    }),
  ).toBeVisible();
  await expect(
    page.getByRole("img", {
      name: new RegExp(`^${escapeRegExp(scenario.components.billing)}: daily status .*No downtime recorded\\.$`),
    }),
  ).toBeVisible();
  await context.close();
});

test("the bars draw their days from one uptime image that a browser may keep until a bar changes", async ({
  scenario,
  page,
}) => {
  const image = page.waitForResponse((response) => new URL(response.url()).pathname === "/uptime.svg");
  await page.goto("/");
  const response = await image;
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/^image\/svg\+xml/);
  expect(response.headers()["cache-control"]).toContain("immutable");
  const svg = await response.text();
  expect(svg).toMatch(/<path class="m" d="M\d+ \d+h/);

  const strip = page.getByRole("img", {
    name: new RegExp(`^${escapeRegExp(scenario.components.docker)}: daily status`),
  });
  const background = await strip.evaluate((element) => getComputedStyle(element).backgroundImage);
  expect(background).toContain(new URL(response.url()).search);
  const rows = Number(/viewBox="0 0 \d+ (\d+)"/.exec(svg)![1]);
  expect(rows).toBeGreaterThan(10);

  const stale = await page.request.get("/uptime.svg?v=not-the-current-version");
  expect(stale.headers()["cache-control"]).not.toContain("immutable");
});

test("a bar's day-by-day details are a public JSON resource, and an unknown bar is a JSON 404", async ({
  scenario,
  request,
}) => {
  const components = await (await request.get("/api/v2/components.json")).json();
  const docker = components.components.find((c: { name: string }) => c.name === scenario.components.docker);
  const response = await request.get(`/api/uptime/component/${docker.id}`);
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body.label).toBe(scenario.components.docker);
  expect(body.days.statuses).toHaveLength(90);
  expect(body.days.incidents.map((incident: [string, string]) => incident[1])).toContain(scenario.incidents.jobs);

  const missing = await request.get("/api/uptime/component/no-such-component");
  expect(missing.status()).toBe(404);
  expect((await missing.json()).error.code).toBe("not_found");
  expect((await request.get(`/api/uptime/planet/${docker.id}`)).status()).toBe(404);
});

test("feeds are discoverable and the page has a description and Open Graph preview", async ({ scenario, page }) => {
  await page.goto("/");
  await expect(page.locator('link[rel="alternate"][type="application/rss+xml"]')).toHaveAttribute(
    "href",
    /\/history\.rss$/,
  );
  await expect(page.locator('link[rel="alternate"][type="application/atom+xml"]')).toHaveAttribute(
    "href",
    /\/history\.atom$/,
  );
  const { pageName } = scenario;
  await expect(page.locator('meta[name="description"]')).toHaveAttribute(
    "content",
    `Current status and incident history of ${pageName}.`,
  );
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute("content", `${pageName} Status`);
  await expect(page.locator('meta[property="og:site_name"]')).toHaveAttribute("content", `${pageName} Status`);
});

test("the header leads to subscribing and the footer to the feeds, the JSON API and the embed page", async ({
  page,
}) => {
  await page.goto("/");
  await page
    .getByRole("navigation", { name: "Status page" })
    .getByRole("link", { name: "Subscribe to updates" })
    .click();
  await expect(page).toHaveURL(/\/subscribe$/);
  await expect(page.getByRole("heading", { level: 1, name: "Subscribe to updates" })).toBeVisible();

  const footer = page.getByRole("contentinfo");
  await expect(footer.getByRole("link", { name: "RSS" })).toHaveAttribute("href", "/history.rss");
  await expect(footer.getByRole("link", { name: "Atom" })).toHaveAttribute("href", "/history.atom");
  await expect(footer.getByRole("link", { name: "JSON API" })).toHaveAttribute("href", "/api/v2/summary.json");
  await footer.getByRole("link", { name: "Embed the status" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Show .* status on your site$/ })).toBeVisible();
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

  test("the home page fits 360 px without sideways scrolling and still shows status and bars", async ({
    scenario,
    page,
  }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 2, name: BANNERS })).toBeVisible();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    const explore = page.getByRole("button", { name: `Explore ${scenario.components.docker} day by day` });
    await explore.scrollIntoViewIfNeeded();
    const box = await explore.boundingBox();
    expect(box!.width).toBeGreaterThan(250);
    expect(box!.x + box!.width).toBeLessThanOrEqual(360);
    await explore.tap();
    const today = page
      .getByRole("list", { name: new RegExp(`^${escapeRegExp(scenario.components.docker)}: daily status`) })
      .getByRole("button")
      .last();
    await expect(today).toBeFocused();
    const tooltip = page.locator(`[id="${await today.getAttribute("aria-describedby")}"]`);
    await expect(tooltip).toBeVisible();
    const tip = await tooltip.boundingBox();
    expect(tip!.x).toBeGreaterThanOrEqual(0);
    expect(tip!.x + tip!.width).toBeLessThanOrEqual(360);
  });

  test("an incident page fits 360 px", async ({ scenario, page }) => {
    await page.goto("/");
    await page.getByRole("link", { name: scenario.incidents.jobs, exact: true }).first().click();
    await expect(page.getByRole("heading", { level: 1, name: scenario.incidents.jobs })).toBeVisible();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
