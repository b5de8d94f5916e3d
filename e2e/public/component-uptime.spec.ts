import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { SYSTEM_ACTOR } from "@/server/services/context";
import { publishPostmortem } from "@/server/services/postmortems/postmortem-services";
import {
  addComponent,
  changeComponentStatus,
  declareIncident,
  postUpdate,
  recordResolvedIncident,
  reloadUntil,
  uniqueName,
  waitUntilListed,
  withoutLiveUpdates,
} from "./fixtures";

async function expectNoViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes[0]?.target.join(" ")})`)).toEqual([]);
}

const activeIncidents = (page: Page) => page.getByRole("region", { name: "Active incidents" });

test("an incident card shows the affected components and the latest updates, the rest behind a disclosure", async ({
  page,
}) => {
  await withoutLiveUpdates(page);
  const component = await addComponent(uniqueName("E2E Card"));
  const name = uniqueName("Card thread");
  const incident = await declareIncident({
    name,
    message: "Update one: investigating.",
    componentId: component.id,
    componentStatus: "degraded_performance",
  });
  await postUpdate(incident.id, "identified", "Update two: identified.");
  await postUpdate(incident.id, "monitoring", "Update three: monitoring.");
  await postUpdate(incident.id, "monitoring", "Update four: still monitoring.");
  await postUpdate(incident.id, "monitoring", "Update five: nearly there.");

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/");
  const card = activeIncidents(page)
    .getByRole("listitem")
    .filter({ has: page.getByRole("link", { name, exact: true }) });
  await reloadUntil(page, () => expect(card.getByText("Update five: nearly there.")).toBeVisible({ timeout: 200 }));
  await expect(card.getByText(`Affects: ${component.name}`)).toBeVisible();
  await expect(card.getByText("Update four: still monitoring.")).toBeVisible();
  await expect(card.getByText("Update three: monitoring.")).toBeVisible();
  await expect(card.getByText("Update two: identified.")).toBeHidden();
  const earlier = card.getByText("Show 2 earlier updates");
  await expect(earlier).toBeVisible();
  // On a phone the card stays within the screen and short until the reader asks for more.
  const box = (await card.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  expect(box.height).toBeLessThan(420);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  await earlier.click();
  await expect(card.getByText("Update two: identified.")).toBeVisible();
  await expect(card.getByText("Update one: investigating.")).toBeVisible();
});

test("the disclosure works without JavaScript", async ({ browser }) => {
  const component = await addComponent(uniqueName("E2E No JS Card"));
  const name = uniqueName("No JS thread");
  const incident = await declareIncident({
    name,
    message: "First words.",
    componentId: component.id,
    componentStatus: "degraded_performance",
  });
  for (const body of ["Second words.", "Third words.", "Fourth words."])
    await postUpdate(incident.id, "identified", body);
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/");
  const card = activeIncidents(page)
    .getByRole("listitem")
    .filter({ has: page.getByRole("link", { name, exact: true }) });
  await reloadUntil(page, () => expect(card.getByText("Fourth words.")).toBeVisible({ timeout: 200 }));
  await expect(card.getByText("First words.")).toBeHidden();
  await card.getByText("Show 1 earlier update").click();
  await expect(card.getByText("First words.")).toBeVisible();
  await context.close();
});

test("a component's name leads to its uptime month by month, where a day corrected within seconds reads as such", async ({
  page,
}) => {
  await withoutLiveUpdates(page);
  const component = await addComponent(uniqueName("E2E Uptime"));
  await waitUntilListed(component.id);
  await changeComponentStatus(component.id, "major_outage");
  await changeComponentStatus(component.id, "operational");
  const name = uniqueName("Uptime incident");
  await declareIncident({ name, message: "Checking.", componentId: component.id, componentStatus: "operational" });

  await page.goto("/");
  await reloadUntil(page, () =>
    expect(page.getByRole("link", { name: component.name, exact: true })).toBeVisible({ timeout: 200 }),
  );
  await page.getByRole("link", { name: component.name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: `${component.name} uptime` })).toBeVisible();

  const now = new Date();
  const monthName = now.toLocaleString("en-US", { month: "long", year: "numeric", timeZone: "UTC" });
  const month = page.getByRole("region", { name: monthName });
  await expect(month.getByRole("table", { name: `Daily status in ${monthName}` })).toBeVisible();
  await expect(month.getByText(/^\d+\.\d\d % uptime$/)).toBeVisible();
  const today = `${now.toLocaleString("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" })}`;
  await expect(month.getByText(`${today}: Major Outage, Major outage less than 1 min`)).toBeAttached();
  await expect(month.getByRole("link", { name, exact: true })).toBeVisible();
  // Tracking began today, so there are no earlier months to page back to.
  await expect(page.getByRole("link", { name: "Previous months" })).toHaveCount(0);

  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await expectNoViolations(page);
  }
});

test("an unknown component or a malformed month has no uptime page", async ({ page }) => {
  expect((await page.goto("/components/does-not-exist/uptime"))?.status()).toBe(404);
  const component = await addComponent(uniqueName("E2E Uptime 404"));
  await waitUntilListed(component.id);
  expect((await page.goto(`/components/${component.id}/uptime/2026-13`))?.status()).toBe(404);
});

test("an incident with a published postmortem reads as resolved, with a link to the postmortem", async ({ page }) => {
  const name = uniqueName("Postmortem label");
  const incident = await recordResolvedIncident(name);
  await publishPostmortem({
    ctx: { actor: SYSTEM_ACTOR },
    input: { incidentId: incident.id, body: "What happened, and what we changed.", version: 0 },
  });
  await page.goto(`/incidents/${incident.id}`);
  await reloadUntil(page, () => expect(page.getByRole("region", { name: "Postmortem" })).toBeVisible({ timeout: 200 }));
  await expect(page.getByRole("definition").filter({ hasText: "Resolved · postmortem published" })).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: /^Postmortem$/ })).toHaveCount(0);
  await page.getByRole("link", { name: "postmortem published" }).click();
  await expect(page).toHaveURL(/#postmortem$/);
});

test("a component's description tip never widens a phone's page, wherever its ? lands", async ({ page }) => {
  // Names of these lengths put the "?" near the right edge at 360 and 390 px, where a centred tip would stick out.
  const components = [];
  for (const words of ["A11y incident 60610163 component 0efb45c8", "Seen by a viewer 0081aa81 component 71019979"])
    components.push(await addComponent(uniqueName(words)));
  for (const component of components) await waitUntilListed(component.id);
  for (const width of [360, 390]) {
    await page.setViewportSize({ width, height: 800 });
    await page.goto("/");
    await expect(page.getByRole("button", { name: `About ${components[0].name}` })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `${width} px`).toBeLessThanOrEqual(width);
    const help = page.getByRole("button", { name: `About ${components[1].name}` });
    await help.focus();
    await expect(page.getByRole("tooltip", { name: `${components[1].name} for e2e` })).toBeVisible();
  }
});
