import { randomUUID } from "node:crypto";
import { expect, test } from "@/e2e/support/auth";
import { getDb } from "@/server/db/client";
import { SYSTEM_ACTOR } from "@/server/services/context";
import { deleteMetric } from "@/server/services/metrics/manage-metrics";
import { recordMetricPoints } from "@/server/services/metrics/record-metric-points";

test.use({ role: "owner" });

test("an owner links Self and Prometheus providers, adds a pushed metric whose preview follows its decimals, and a pushed point shows on the public page", async ({
  page,
  browser,
}) => {
  const suffix = randomUUID().slice(0, 6);
  const name = `E2E latency ${suffix}`;
  const prometheusUrl = `http://127.0.0.1:9/prometheus-${suffix}`;
  let metricId: string | undefined;
  try {
    await page.goto("/admin/metrics");
    const providers = page.getByRole("region", { name: "Providers" });
    const linkSelf = providers.getByRole("button", { name: "Link Self provider" });
    // Another spec may have linked the page's Self provider already; then it is listed and not offered again.
    if (await linkSelf.isVisible()) {
      await linkSelf.click();
      await expect(page.getByRole("status").filter({ hasText: "Self provider linked." })).toBeVisible();
    }
    await expect(providers.getByRole("listitem", { name: "Self (pushed data)" }).first()).toBeVisible();
    await expect(linkSelf).toHaveCount(0);

    // Other specs' providers have their own forms with the same labels.
    const linkForm = providers.locator("details").filter({ hasText: "Link a Prometheus server" });
    await linkForm.getByText("Link a Prometheus server").click();
    await linkForm.getByLabel("Prometheus URL").fill(prometheusUrl);
    await linkForm.getByLabel("Authorization header").fill("Bearer e2e-secret-token");
    await providers.getByRole("button", { name: "Link Prometheus" }).click();
    const prometheus = providers.getByRole("listitem", { name: `Prometheus at ${prometheusUrl}` });
    await expect(prometheus).toContainText("Authorization header set");
    await expect(page.locator("body")).not.toContainText("e2e-secret-token");

    await page.getByRole("link", { name: "Add metric" }).click();
    await expect(page).toHaveURL(/\/admin\/metrics\/new$/);
    await page.getByLabel("Source").selectOption({ label: "Self (pushed data)" });
    await expect(page.getByLabel("PromQL expression")).toHaveCount(0);
    await page.getByLabel("Source").selectOption({ label: `Prometheus at ${prometheusUrl}` });
    await expect(page.getByLabel("PromQL expression")).toBeVisible();
    await page.getByLabel("Source").selectOption({ label: "Self (pushed data)" });
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByLabel("Unit suffix").fill("ms");
    await expect(page.getByTestId("metric-preview")).toHaveAttribute(
      "alt",
      `Preview: ${name} over the last day: no data.`,
    );
    await page.getByRole("button", { name: "Add metric" }).click();
    await expect(page).toHaveURL(/\/admin\/metrics$/);
    const row = page.getByRole("listitem", { name });
    await expect(row).toContainText("No data yet");

    const metric = await getDb().metric.findFirstOrThrow({ where: { name }, select: { id: true } });
    metricId = metric.id;
    await recordMetricPoints({
      ctx: { actor: SYSTEM_ACTOR },
      input: { points: [{ metricId: metric.id, timestamp: Math.floor(Date.now() / 1000) - 60, value: 123.456 }] },
    });
    await page.reload();
    await expect(row.getByTestId("metric-latest")).toHaveText("Latest value: 123 ms");
    await row.getByText(`Push a point to ${name}`).click();
    await expect(row.getByLabel(`Push a point to ${name}`)).toContainText(`/metrics/${metric.id}/data`);

    await row.getByRole("link", { name }).click();
    const preview = page.getByTestId("metric-preview");
    await expect(preview).toHaveAttribute("alt", /latest 123 ms/);
    const before = await preview.getAttribute("src");
    await page.getByLabel("Decimal places").fill("2");
    await expect(preview).toHaveAttribute("alt", /latest 123\.46 ms/);
    expect(await preview.getAttribute("src")).not.toBe(before);
    // The preview never replaces what was typed.
    await expect(page.getByLabel("Decimal places")).toHaveValue("2");
    await page.getByRole("button", { name: "Save metric" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Metric saved." })).toBeVisible();

    const reader = await browser.newPage();
    await expect(async () => {
      await reader.goto("/");
      await expect(reader.getByText(name).first()).toBeVisible({ timeout: 1_000 });
      await expect(reader.getByText("123.46 ms").first()).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 10_000 });
    await reader.close();

    await page.goto("/admin/metrics");
    page.once("dialog", (dialog) => dialog.accept());
    await prometheus.getByRole("button", { name: `Remove Prometheus at ${prometheusUrl}` }).click();
    await expect(prometheus).toHaveCount(0);
  } finally {
    if (metricId) await deleteMetric({ ctx: { actor: SYSTEM_ACTOR }, input: { metricId } }).catch(() => undefined);
  }
});
