import { randomBytes, randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { test, expect } from "@/e2e/support/auth";
import { getDb } from "@/server/db/client";
import { SYSTEM_ACTOR } from "@/server/services/context";
import { createIncident } from "@/server/services/incidents/create-incident";
import { scheduleMaintenance } from "@/server/services/maintenance/schedule-maintenance";
import { createTestComponent } from "@/e2e/console/fixtures";

const ctx = { actor: SYSTEM_ACTOR };
const suffix = () => randomUUID().slice(0, 6);

async function declare(name: string, components: { componentId: string; status: "major_outage" }[] = []) {
  const { incident } = await createIncident({
    ctx,
    input: {
      name,
      impact: "major",
      status: "identified",
      message: "Looking into it.",
      components,
      deliverNotifications: false,
    },
  });
  return incident;
}

/** An incident nobody has updated for `minutes`. */
async function lastPostedMinutesAgo(incidentId: string, minutes: number) {
  await getDb().incidentUpdate.updateMany({
    where: { incidentId },
    data: { createdAt: new Date(Date.now() - minutes * 60_000) },
  });
}

async function seedOverview() {
  const component = await createTestComponent("Overview API");
  const stale = await declare(`Stale queue ${suffix()}`, [{ componentId: component.id, status: "major_outage" }]);
  await lastPostedMinutesAgo(stale.id, 42);
  const start = Date.now() + 2 * 86_400_000;
  const { maintenance } = await scheduleMaintenance({
    ctx,
    input: {
      name: `Overview window ${suffix()}`,
      message: "Upgrading.",
      scheduledFor: new Date(start),
      scheduledUntil: new Date(start + 3_600_000),
      deliverNotifications: false,
    },
  });
  // Declared last, so it leads the recent activity.
  const fresh = await declare(`Fresh errors ${suffix()}`);
  return { component, stale, fresh, maintenance };
}

async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

test.describe("as a responder", () => {
  test.use({ role: "responder" });

  test("the overview shows what is broken, flags the stale incident and leads to posting an update", async ({
    page,
  }) => {
    const { component, stale, fresh, maintenance } = await seedOverview();
    await page.goto("/admin");
    await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
    await expect(
      page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Overview" }),
    ).toHaveAttribute("aria-current", "page");
    await expect(page.getByRole("main")).toBeVisible();

    const incidents = page.getByRole("region", { name: "Open incidents" });
    const staleItem = incidents
      .getByRole("listitem")
      .filter({ has: page.getByRole("link", { name: stale.name, exact: true }) });
    await expect(staleItem).toContainText(/Needs an update: the last one was 4\d minutes ago/);
    await expect(staleItem).toContainText(`Affects ${component.name} (Major Outage)`);
    const freshItem = incidents
      .getByRole("listitem")
      .filter({ has: page.getByRole("link", { name: fresh.name, exact: true }) });
    await expect(freshItem).toContainText("Last update just now");
    await expect(freshItem).not.toContainText("Needs an update");
    // The stale one comes before the fresh one.
    const names = await incidents
      .getByRole("listitem")
      .evaluateAll((items) => items.map((item) => item.textContent ?? ""));
    expect(names.findIndex((text) => text.includes(stale.name))).toBeLessThan(
      names.findIndex((text) => text.includes(fresh.name)),
    );

    const broken = page.getByRole("region", { name: "Components not operational" });
    await expect(broken.getByRole("listitem").filter({ hasText: component.name })).toContainText("Major Outage");
    await expect(
      page.getByRole("region", { name: "Maintenance" }).getByRole("link", { name: maintenance.name }),
    ).toBeVisible();
    const activity = page.getByRole("region", { name: "Recent activity" });
    await expect(activity.getByRole("link", { name: fresh.name })).toHaveAttribute(
      "href",
      `/admin/incidents/${fresh.id}`,
    );
    await expect(activity).toContainText(`Incident declared: ${fresh.name}`);
    const notifications = page.getByRole("region", { name: "Subscribers and deliveries" });
    await expect(notifications.getByRole("heading", { name: /^Webhook deliveries/ })).toBeVisible();

    await staleItem.getByRole("link", { name: `Post update to ${stale.name}` }).click();
    await expect(page).toHaveURL(new RegExp(`/admin/incidents/${stale.id}#post-update$`));
    await expect(page.getByRole("region", { name: "Post an update" })).toBeInViewport();

    await page.goto("/admin");
    await page.getByRole("link", { name: "Declare incident" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Declare incident" })).toBeVisible();
  });

  test.describe("on a phone", () => {
    test.use({ viewport: { width: 390, height: 844 } });

    test("the overview fits 390 px in light and dark, a stale incident included, with no accessibility violations", async ({
      page,
    }) => {
      const { stale } = await seedOverview();
      for (const colorScheme of ["light", "dark"] as const) {
        await page.emulateMedia({ colorScheme });
        await page.goto("/admin");
        await expect(page.getByRole("link", { name: `Post update to ${stale.name}` })).toBeVisible();
        await expectNoSidewaysScroll(page);
        const { violations } = await new AxeBuilder({ page }).analyze();
        expect(
          violations.map(
            (v) =>
              `${colorScheme}: ${v.id} (${v.nodes
                .map((n) => n.target.join(" "))
                .slice(0, 3)
                .join(", ")})`,
          ),
        ).toEqual([]);
      }
    });
  });
});

test.describe("as an owner", () => {
  test.use({ role: "owner" });

  test("a disabled webhook shows under delivery health and links to its subscriber", async ({ page }) => {
    const endpoint = `http://127.0.0.1:9/overview-${suffix()}`;
    const hook = await getDb().subscriber.create({
      data: {
        kind: "webhook",
        endpoint,
        manageToken: randomBytes(24).toString("hex"),
        confirmedAt: new Date(),
        disabledAt: new Date(),
        disabledReason: "Failed too many times in a row.",
        consecutiveFailures: 100_000,
      },
    });
    await page.goto("/admin");
    const notifications = page.getByRole("region", { name: "Subscribers and deliveries" });
    await expect(notifications).toContainText(/\d+ webhooks? (is|are) disabled after repeated failures\./);
    await notifications.getByRole("link", { name: endpoint }).click();
    await expect(page).toHaveURL(new RegExp(`/admin/subscribers/${hook.id}$`));
    await getDb().subscriber.delete({ where: { id: hook.id } });
  });
});

test.describe("as a viewer", () => {
  test.use({ role: "viewer" });

  test("the overview reads the same but offers no actions", async ({ page }) => {
    const { stale } = await seedOverview();
    await page.goto("/admin");
    await expect(
      page.getByRole("region", { name: "Open incidents" }).getByRole("link", { name: stale.name, exact: true }),
    ).toBeVisible();
    await expect(page.getByRole("link", { name: "Declare incident" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: /^Post update/ })).toHaveCount(0);
  });
});
