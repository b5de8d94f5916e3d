import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./reader-page";

/** The colour as sRGB bytes, whatever notation the browser computes (lab, oklch, rgb). */
async function rgb(page: Page, colour: string): Promise<[number, number, number]> {
  return page.evaluate((value) => {
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 1;
    const context = canvas.getContext("2d")!;
    context.fillStyle = value;
    context.fillRect(0, 0, 1, 1);
    const [r, g, b] = context.getImageData(0, 0, 1, 1).data;
    return [r, g, b] as [number, number, number];
  }, colour);
}

function contrast(a: [number, number, number], b: [number, number, number]): number {
  const luminance = ([r, g, b]: [number, number, number]) => {
    const [R, G, B] = [r, g, b].map((v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4));
    return 0.2126 * R + 0.7152 * G + 0.0722 * B;
  };
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (high + 0.05) / (low + 0.05);
}

const style = (locator: Locator, property: string) =>
  locator.evaluate((element, name) => getComputedStyle(element).getPropertyValue(name), property);

for (const colorScheme of ["light", "dark"] as const) {
  // The reader page's one active incident is minor, and its components are degraded at worst.
  test(`a minor incident colours the banner and its card amber, readable in ${colorScheme} mode`, async ({
    scenario,
    page,
  }) => {
    await page.emulateMedia({ colorScheme });
    await page.goto("/");
    await expect(page.locator("#overall-status")).toHaveText("Minor Service Outage");
    const banner = page.locator('section[aria-labelledby="overall-status"]');
    const background = await rgb(page, await style(banner, "background-color"));
    const text = await rgb(page, await style(banner, "color"));
    expect(contrast(background, text)).toBeGreaterThanOrEqual(4.5);
    const [r, g, b] = background;
    expect(r > 200 && g > 140 && b < 80).toBe(true);

    const card = page
      .getByRole("region", { name: "Active incidents" })
      .getByRole("listitem")
      .filter({ has: page.getByRole("link", { name: scenario.incidents.active }) });
    await expect(card).toContainText("Minor impact");
    const left = await rgb(page, await style(card, "border-left-color"));
    const top = await rgb(page, await style(card, "border-top-color"));
    expect(left).not.toEqual(top);
    expect(left[0] > 200 && left[2] < 80).toBe(true);
  });
}
