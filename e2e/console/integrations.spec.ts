import { expect, test } from "@/e2e/support/auth";
import { createTestComponent } from "./fixtures";
import { startChatReceiver } from "@/tests/integrations/chat-receiver";
import { alertmanagerPayload } from "@/tests/integrations/alert-payloads";

test.use({ role: "owner" });

test("an owner adds a Slack channel and an Alertmanager integration; a firing alert takes the component down on the public page and into Slack", async ({
  page,
  request,
}) => {
  const receiver = await startChatReceiver();
  try {
    const component = await createTestComponent("E2E alerting");
    const channelName = `#status-${component.id}`;

    await page.goto("/admin/chat-channels");
    const newChannel = page.getByRole("region", { name: "New channel" });
    await newChannel.getByLabel("Name", { exact: true }).fill(channelName);
    await newChannel.getByLabel("Platform", { exact: true }).selectOption("slack");
    await newChannel.getByLabel("Webhook URL", { exact: true }).fill(receiver.url("slack"));
    await newChannel.getByLabel("Component status changed", { exact: true }).check();
    await newChannel.getByLabel("Only events about these components:").check();
    await newChannel.getByLabel(component.name, { exact: true }).check();
    await newChannel.getByRole("button", { name: "Add channel" }).click();
    const channel = page.getByRole("listitem", { name: channelName });
    await expect(channel).toContainText(`Only: ${component.name}`);

    await channel.getByRole("button", { name: "Send test message" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Test message accepted" })).toBeVisible();
    expect(receiver.rejected).toEqual([]);
    expect(receiver.hits.some((h) => String(h.json.text).startsWith("Test message"))).toBe(true);

    await page.goto("/admin/integrations");
    const newIntegration = page.getByRole("region", { name: "New integration" });
    const integrationName = `Prometheus ${component.id}`;
    await newIntegration.getByLabel("Name", { exact: true }).fill(integrationName);
    await newIntegration.getByLabel("Source", { exact: true }).selectOption("alertmanager");
    await newIntegration.getByLabel("Fire after (seconds)", { exact: true }).fill("2");
    await newIntegration.getByLabel("Recover after (seconds)", { exact: true }).fill("0");
    await newIntegration.getByRole("button", { name: "Create integration" }).click();
    const url = await newIntegration.getByLabel("URL", { exact: true }).inputValue();
    const token = await newIntegration.getByLabel(/^Token/).inputValue();
    expect(token).toMatch(/^spi_/);

    const card = page.getByRole("article", { name: integrationName });
    await card.getByText(`Add a rule to ${integrationName}`).click();
    await card
      .getByLabel("Label matchers", { exact: true })
      .fill(`service="${component.id}", severity=~"critical|page"`);
    await card.getByLabel("Component", { exact: true }).selectOption(component.id);
    await card.getByLabel("While firing", { exact: true }).selectOption("major_outage");
    await card.getByRole("button", { name: "Add rule" }).click();
    await expect(card.getByRole("table")).toContainText(component.name);

    const path = new URL(url).pathname;
    const headers = { Authorization: `Bearer ${token}` };
    const labels = { service: component.id, severity: "critical" };
    expect(
      (
        await request.post(path, {
          headers: { Authorization: "Bearer spi_wrong" },
          data: alertmanagerPayload([{ status: "firing", labels }]),
        })
      ).status(),
    ).toBe(401);
    const firing = await request.post(path, {
      headers,
      data: alertmanagerPayload([{ status: "firing", labels, fingerprint: "e2e-1" }]),
    });
    expect(firing.status()).toBe(200);
    expect((await firing.json()).components[0]).toMatchObject({
      status: "operational",
      pending_until: expect.any(String),
    });

    const publicStatus = async () => {
      const body = await (await request.get("/api/v2/components.json")).json();
      return body.components.find((c: { id: string }) => c.id === component.id)?.status;
    };
    await expect.poll(publicStatus, { timeout: 15_000 }).toBe("major_outage");
    await page.goto("/");
    await expect(page.getByText(component.name).first()).toBeVisible();

    await request.post(path, {
      headers,
      data: alertmanagerPayload([{ status: "resolved", labels, fingerprint: "e2e-1" }]),
    });
    await expect.poll(publicStatus, { timeout: 15_000 }).toBe("operational");

    await expect
      .poll(() => receiver.hits.filter((h) => String(h.json.text).startsWith("Component status changed")).length, {
        timeout: 15_000,
      })
      .toBe(2);
    expect(receiver.rejected).toEqual([]);

    await page.goto("/admin/audit");
    await expect(page.getByText(`Integration “${integrationName}” (Prometheus Alertmanager)`).first()).toBeVisible();
  } finally {
    await receiver.close();
  }
});
