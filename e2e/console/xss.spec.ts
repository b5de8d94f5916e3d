import { test, expect } from "@/e2e/support/auth";
import { randomUUID } from "node:crypto";

test.use({ role: "responder" });

const PAYLOAD = [
  "Payload check <script>window.__xss = 1; alert('script')</script>",
  "<img src=x onerror=\"window.__xss = 2; alert('img')\">",
  "[javascript link](javascript:alert('link'))",
  "[data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  '<svg onload="window.__xss = 3"><circle r="4"/></svg>',
  "<iframe src=\"javascript:alert('frame')\"></iframe>",
  "<a href=\"&#106;avascript:alert('entity')\">entity link</a>",
].join("\n\n");

test("XSS payloads in an incident update are shown inert on the public page and in the console", async ({ page }) => {
  const dialogs: string[] = [];
  page.on("dialog", async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  const name = `XSS probe ${randomUUID().slice(0, 6)}`;
  await page.goto("/admin/incidents/new");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Message").fill(PAYLOAD);
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("region", { name: "Preview" })).toContainText("Payload check");
  await page.getByRole("button", { name: "Declare incident" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const incidentId = page.url().split("/").pop()!;

  for (const path of [`/admin/incidents/${incidentId}`, `/incidents/${incidentId}`]) {
    await page.goto(path);
    await expect(page.getByText("Payload check").first()).toBeVisible();
    await expect(page.getByText("entity link").first()).toBeVisible();
    const unsafe = await page.evaluate(() => ({
      scripts: [...document.querySelectorAll("main script")].filter((s) => s.textContent?.includes("__xss")).length,
      handlers: [...document.querySelectorAll("main *")].filter((el) =>
        [...el.attributes].some((a) => a.name.startsWith("on")),
      ).length,
      badLinks: [...document.querySelectorAll("main a[href], main iframe, main img[src]")].filter((el) =>
        /^\s*(javascript|data):/i.test(el.getAttribute("href") ?? el.getAttribute("src") ?? ""),
      ).length,
      svg: document.querySelectorAll("main svg[onload]").length,
      flag: (window as unknown as { __xss?: number }).__xss ?? null,
    }));
    expect(unsafe).toEqual({ scripts: 0, handlers: 0, badLinks: 0, svg: 0, flag: null });
  }
  expect(dialogs).toEqual([]);
});
