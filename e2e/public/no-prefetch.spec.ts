import { expect, test } from "@playwright/test";
import { addComponent, declareIncident, resolve, uniqueName } from "./fixtures";

// Every open tab refreshes itself on each change; a prefetched link would then be fetched again by each of them.
test("public pages never prefetch the pages they link to", async ({ page }) => {
  const component = await addComponent(uniqueName("Prefetch component"));
  const open = await declareIncident({
    name: uniqueName("Open incident"),
    message: "Looking into it.",
    componentId: component.id,
    componentStatus: "degraded_performance",
  });
  const past = await declareIncident({
    name: uniqueName("Past incident"),
    message: "It was brief.",
    componentId: component.id,
    componentStatus: "degraded_performance",
  });
  await resolve(past.id);

  const prefetches: string[] = [];
  page.on("request", (request) => {
    if (request.headers()["next-router-prefetch"]) prefetches.push(request.url());
  });
  for (const path of ["/", "/history", `/incidents/${open.id}`]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
  }
  await expect(page.getByRole("link", { name: /history/i }).first()).toBeVisible();
  await page.goto("/history");
  await expect(page.getByRole("link", { name: past.name })).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(prefetches).toEqual([]);
});
