import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { escapeRegExp, readPageSettings } from "@/e2e/public/fixtures";

// A "partner site" on another port reads the public API and embeds the widget, as other sites would.
let server: http.Server;
let partnerOrigin: string;

test.beforeAll(async ({}, testInfo) => {
  const appUrl = String(testInfo.project.use.baseURL).replace(/\/$/, "");
  server = http.createServer((req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    if (req.url === "/widget") {
      res.end(`<!doctype html><html lang="en"><title>Partner</title><body><h1>Partner site</h1>
<span id="status-widget"></span>
<script src="${appUrl}/embed/status.js" data-target="#status-widget" async></script></body></html>`);
      return;
    }
    res.end(`<!doctype html><html lang="en"><title>Partner</title><body><h1>Partner dashboard</h1><p id="out">loading</p>
<script>
fetch(${JSON.stringify(`${appUrl}/api/v2/summary.json`)})
  .then((response) => response.json().then((data) => {
    document.getElementById("out").textContent = [data.page.name, data.status.indicator, data.components.length, response.headers.get("etag")].join(" | ");
  }))
  .catch((error) => { document.getElementById("out").textContent = "failed: " + error; });
</script></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  partnerOrigin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

test("a page on another origin reads summary.json with fetch", async ({ page, baseURL }) => {
  expect(new URL(partnerOrigin).origin).not.toBe(new URL(baseURL!).origin);
  const apiResponse = page.waitForResponse((response) => response.url().endsWith("/api/v2/summary.json"));
  await page.goto(`${partnerOrigin}/`);
  const response = await apiResponse;
  expect(response.headers()["access-control-allow-origin"]).toBe("*");
  expect(await response.request().headerValue("origin")).toBe(partnerOrigin);
  const { name } = await readPageSettings();
  await expect(page.locator("#out")).toHaveText(
    new RegExp(`^${escapeRegExp(name)} \\| (none|minor|major|critical|maintenance) \\| \\d+ \\| "[\\w-]+"$`),
  );
});

test("the embed widget shows the current status on another site", async ({ page, request }) => {
  const status = await (await request.get("/api/v2/status.json")).json();
  await page.goto(`${partnerOrigin}/widget`);
  const widget = page.getByRole("link", { name: status.status.description });
  await expect(widget).toBeVisible();
  await expect(widget).toHaveAttribute("data-statuspage-widget", status.status.indicator);
  await expect(widget).toHaveAttribute("href", /^http/);
});

test("the /embed page previews the widget and badge and shows copy-paste snippets", async ({
  page,
  request,
  baseURL,
}) => {
  const status = await (await request.get("/api/v2/status.json")).json();
  await page.goto("/embed");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("status on your site");
  const preview = page.frameLocator('iframe[title="Status widget preview"]');
  await expect(preview.getByRole("link", { name: status.status.description })).toBeVisible();
  await expect(page.getByRole("img", { name: "Current status badge" })).toBeVisible();
  await expect(page.getByText(`${status.page.url}/embed/status.js`).first()).toBeVisible();
  expect(status.page.url).toBe(String(baseURL).replace(/\/$/, ""));
});
