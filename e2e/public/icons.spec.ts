import { expect, test } from "@playwright/test";

test("a first visit loads the page's icons without a single console error", async ({ page }) => {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && !/Failed to load resource/.test(message.text())) errors.push(message.text());
  });
  const failed: string[] = [];
  page.on("response", (response) => {
    // Only the page's own assets: other specs' incidents may embed images that do not exist.
    const path = new URL(response.url()).pathname;
    const ownAsset =
      path === "/" ||
      path.startsWith("/_next/") ||
      /^\/(favicon\.ico|icon|apple-touch-icon|manifest\.webmanifest|uptime\.svg)/.test(path);
    if (ownAsset && response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
  });
  await page.goto("/");
  await page.waitForLoadState("networkidle");
  expect(failed).toEqual([]);
  expect(errors).toEqual([]);
  await expect(page.locator('head link[rel="icon"][href^="/favicon.ico"]')).toHaveCount(1);
  await expect(page.locator('head link[rel="apple-touch-icon"]')).toHaveAttribute("href", /\/apple-touch-icon\.png/);
  await expect(page.locator('head link[rel="manifest"]')).toHaveAttribute("href", /\/manifest\.webmanifest/);
});

test("the favicon, touch icon and manifest are drawn from the page's brand colour", async ({ request }) => {
  const favicon = await request.get("/favicon.ico");
  expect(favicon.status()).toBe(200);
  expect(favicon.headers()["content-type"]).toBe("image/x-icon");
  const ico = await favicon.body();
  expect([...ico.subarray(0, 6)]).toEqual([0, 0, 1, 0, 1, 0]);
  expect([...ico.subarray(22, 26)]).toEqual([0x89, 0x50, 0x4e, 0x47]);

  const touch = await request.get("/apple-touch-icon.png");
  expect(touch.headers()["content-type"]).toBe("image/png");
  expect([...(await touch.body()).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);

  const manifest = await (await request.get("/manifest.webmanifest")).json();
  expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
  const svg = await (await request.get("/icon.svg")).text();
  expect(svg).toContain(`fill="${manifest.theme_color}"`);
  for (const icon of manifest.icons as { src: string }[]) expect((await request.get(icon.src)).status()).toBe(200);
});
