import { expect, test } from "@/e2e/support/auth";
import { getDb } from "@/server/db/client";
import { SYSTEM_ACTOR } from "@/server/services/context";
import { deleteMetricsProvider } from "@/server/services/metrics/manage-providers";
import { startExporter, startPrometheus } from "@/tests/support/prometheus";
import { addComponent, declareIncident, resolve, uniqueName } from "@/e2e/public/fixtures";

// Issue #27's "done when", with a real Prometheus: a responder adds a metric from a PromQL expression in the console,
// sees the preview drawn from Prometheus, and readers see its latest value and its chart with the incident marked.
test.use({ role: "owner" });

test("an owner charts a Prometheus metric for readers, with the component's incident marked on it", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const exporter = await startExporter();
  const series = `checkout_latency_ms_${Date.now()}`;
  exporter.set(series, 182);
  const prometheus = await startPrometheus({ targets: [exporter.host] });
  const component = await addComponent(uniqueName("E2E Checkout"));
  const name = uniqueName("Checkout latency");
  try {
    await prometheus.waitForValue(series, (value) => value === 182);

    await page.goto("/admin/metrics");
    const providers = page.getByRole("region", { name: "Providers" });
    const linkForm = providers.locator("details").filter({ hasText: "Link a Prometheus server" });
    await linkForm.getByText("Link a Prometheus server").click();
    await linkForm.getByLabel("Prometheus URL").fill(prometheus.url);
    await providers.getByRole("button", { name: "Link Prometheus" }).click();
    await expect(providers.getByRole("listitem", { name: `Prometheus at ${prometheus.url}` })).toBeVisible();

    await page.getByRole("link", { name: "Add metric" }).click();
    await page.getByLabel("Source").selectOption({ label: `Prometheus at ${prometheus.url}` });
    await page.getByLabel("PromQL expression").fill(series);
    // Polled every 15 s (the least allowed): Prometheus began scraping this series moments ago, so the first poll,
    // which reads up to the last whole step, may find nothing yet and back off one interval.
    await page.getByLabel("Poll interval (seconds)").fill("15");
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByLabel("Unit suffix").fill("ms");
    await page.getByLabel("Component").selectOption({ label: component.name });
    // The preview runs the expression through Prometheus before anything is saved.
    await expect(page.getByTestId("metric-preview")).toHaveAttribute("alt", /latest 182 ms/);
    await page.getByRole("button", { name: "Add metric" }).click();
    await expect(page).toHaveURL(/\/admin\/metrics$/);

    const incident = await declareIncident({
      name: uniqueName("Slow checkout"),
      message: "Checkout is slow for some shoppers.",
      componentId: component.id,
      componentStatus: "degraded_performance",
    });

    // The app's scheduler polls the new metric; readers then see its value and chart.
    const metrics = page.getByRole("region", { name: "System metrics" });
    await expect(async () => {
      await page.goto("/");
      await expect(metrics.getByRole("link", { name, exact: true })).toBeVisible({ timeout: 1_000 });
      await expect(metrics.getByRole("listitem").filter({ hasText: name })).toContainText("182 ms", { timeout: 1_000 });
    }).toPass({ timeout: 45_000 });

    const { id } = await getDb().metric.findFirstOrThrow({ where: { name }, select: { id: true } });
    const item = metrics.getByRole("listitem").filter({ hasText: name });
    const chart = item.getByRole("img", { name: /^Last day: latest 182 ms/ });
    const src = await chart.getAttribute("src");
    expect(src).toContain(`/metrics/${id}/day.svg`);
    const svg = await (await page.request.get(src!)).text();
    expect(svg).toMatch(/<g class="mk i-minor" data-kind="incident"><title>Incident: Slow checkout/);
    expect(svg).toMatch(/<path class="ln"/);
    await resolve(incident.id);
  } finally {
    const providers = await getDb().metricsProvider.findMany({
      where: { baseUrl: prometheus.url },
      select: { id: true },
    });
    for (const { id } of providers)
      await deleteMetricsProvider({ ctx: { actor: SYSTEM_ACTOR }, input: { providerId: id } }).catch(() => undefined);
    await prometheus.close();
    await exporter.close();
  }
});
