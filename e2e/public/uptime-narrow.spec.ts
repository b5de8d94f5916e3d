import { expect, test, type Locator, type Page } from "@playwright/test";
import { SYSTEM_ACTOR } from "@/server/services/context";
import { createComponent } from "@/server/services/components/create-component";
import { addUtcDays, formatUtcDate, startOfUtcDay } from "@/lib/format";
import { uniqueName, waitUntilListed } from "./fixtures";

// Tracked for the last 60 days only: on a wide screen the first third of its bar is "no data" grey, while a narrow
// screen, which shows only the latest 30 days, is green from edge to edge.
async function addComponentTrackedFor(days: number) {
  const name = uniqueName("Narrow bars");
  const startDate = addUtcDays(startOfUtcDay(new Date()), -(days - 1));
  const { component } = await createComponent({
    ctx: { actor: SYSTEM_ACTOR },
    input: { name, startDate, showcase: true },
  });
  await waitUntilListed(component.id);
  return component;
}

const intro = (page: Page) => page.getByRole("region", { name: "Components" }).locator("p").first();

const dayOffset = (days: number) => formatUtcDate(addUtcDays(startOfUtcDay(new Date()), days));

/** The colour drawn at the middle of each given day (0 = the bar's first shown day) of a strip of `shown` days. */
async function dayColours(page: Page, strip: Locator, shown: number, days: number[]): Promise<string[]> {
  const png = (await strip.screenshot()).toString("base64");
  return page.evaluate(
    async ({ png, shown, days }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${png}`;
      await image.decode();
      const canvas = document.createElement("canvas");
      canvas.width = image.naturalWidth;
      canvas.height = image.naturalHeight;
      const context = canvas.getContext("2d")!;
      context.drawImage(image, 0, 0);
      const dayWidth = image.naturalWidth / shown;
      return days.map((day) => {
        const [r, g, b] = context.getImageData(
          Math.floor((day + 0.4) * dayWidth),
          Math.floor(image.naturalHeight / 2),
          1,
          1,
        ).data;
        return r > 150 && g > 150 && b > 150 ? "grey" : g > r && g > b ? "green" : `rgb(${r},${g},${b})`;
      });
    },
    { png, shown, days },
  );
}

test.describe("on a phone (390 px)", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the uptime bars show the latest 30 days, wide enough to tap, and describe those 30 days", async ({ page }) => {
    const component = await addComponentTrackedFor(60);
    await page.goto("/");
    const row = page
      .getByRole("region", { name: "Components" })
      .getByRole("listitem")
      .filter({ hasText: component.name });

    const strip = row.getByRole("img", {
      name: `${component.name}: daily status from ${dayOffset(-29)} to ${dayOffset(0)}. No downtime recorded.`,
    });
    await expect(strip).toBeVisible();
    await expect(row.getByRole("img", { name: new RegExp(`from ${dayOffset(-89)}`) })).toHaveCount(0);
    await expect(row.getByText("30 days ago", { exact: true })).toBeVisible();
    await expect(row.getByText("90 days ago", { exact: true })).toBeHidden();
    await expect(row.getByText("100.00 % uptime", { exact: true })).toBeVisible();
    await expect(intro(page)).toContainText("Uptime over the last 30 days.", { useInnerText: true });

    const box = (await strip.boundingBox())!;
    expect(box.width / 30).toBeGreaterThanOrEqual(9);
    expect(await dayColours(page, strip, 30, [0, 15, 29])).toEqual(["green", "green", "green"]);

    await row.getByRole("button", { name: `Explore ${component.name} day by day` }).click();
    const days = row
      .getByRole("list", { name: `${component.name}: daily status from ${dayOffset(-29)} to ${dayOffset(0)}` })
      .getByRole("button");
    await expect(days).toHaveCount(30);
    await expect(days.last()).toBeFocused();
    await page.keyboard.press("Home");
    await expect(days.first()).toBeFocused();
    await expect(days.first()).toHaveAccessibleName(new RegExp(`^${dayOffset(-29)}: `));
  });
});

test.describe("on a desktop (1280 px)", () => {
  test.use({ viewport: { width: 1280, height: 900 } });

  test("the uptime bars show all 90 days and describe all 90", async ({ page }) => {
    const component = await addComponentTrackedFor(60);
    await page.goto("/");
    const row = page
      .getByRole("region", { name: "Components" })
      .getByRole("listitem")
      .filter({ hasText: component.name });

    const strip = row.getByRole("img", {
      name: `${component.name}: daily status from ${dayOffset(-89)} to ${dayOffset(0)}. No downtime recorded.`,
    });
    await expect(strip).toBeVisible();
    await expect(row.getByRole("img", { name: new RegExp(`from ${dayOffset(-29)}`) })).toHaveCount(0);
    await expect(row.getByText("90 days ago", { exact: true })).toBeVisible();
    await expect(row.getByText("30 days ago", { exact: true })).toBeHidden();
    await expect(intro(page)).toContainText("Uptime over the last 90 days.", { useInnerText: true });
    expect(await dayColours(page, strip, 90, [0, 29, 30, 89])).toEqual(["grey", "grey", "green", "green"]);

    await row.getByRole("button", { name: `Explore ${component.name} day by day` }).hover();
    const days = row
      .getByRole("list", { name: `${component.name}: daily status from ${dayOffset(-89)} to ${dayOffset(0)}` })
      .getByRole("button");
    await expect(days).toHaveCount(90);
  });
});
