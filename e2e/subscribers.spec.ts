import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { test as publicTest, expect } from "@playwright/test";
import { test as ownerTest } from "@/e2e/support/auth";
import { SYSTEM_ACTOR } from "@/server/services/context";
import { getDb } from "@/server/db/client";
import { createComponent } from "@/server/services/components/create-component";
import { createIncident } from "@/server/services/incidents/create-incident";
import { createSubscription } from "@/server/services/subscribers/create-subscription";
import { verifyWebhookSignature } from "@/server/notifications/signature";
import type { Mailer, OutgoingMail } from "@/server/notifications/mailer";
import { startVerifyingEndpoint, verificationAnswer } from "@/tests/support/webhook-endpoint";

async function testComponent(prefix: string) {
  const { component } = await createComponent({
    ctx: { actor: SYSTEM_ACTOR },
    input: { name: `${prefix} ${randomUUID().slice(0, 6)}` },
  });
  return component;
}

// The fixtures below call services in this process; the app under test is started with the same setting.
process.env.WEBHOOK_ALLOW_PRIVATE = "1";

type Hit = { id: string; signature: string; body: string };

async function startReceiver() {
  const hits: Hit[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      const verification = verificationAnswer(body);
      if (verification) {
        res.writeHead(200, { "Content-Type": "application/json" }).end(verification);
        return;
      }
      hits.push({
        id: String(req.headers["webhook-id"]),
        signature: String(req.headers["x-statuspage-signature"]),
        body,
      });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/status-hook`,
    hits,
    close: () => new Promise((r) => server.close(r)),
  };
}

/** Subscribes an address the way the form does, keeping the confirmation email instead of sending it. */
async function emailSubscription(componentId: string) {
  const sent: OutgoingMail[] = [];
  const mailer: Mailer = { send: async (mail) => void sent.push(mail) };
  const email = `reader-${randomUUID().slice(0, 8)}@example.test`;
  await createSubscription({
    ctx: { mailer },
    input: { kind: "email", email, allComponents: false, componentIds: [componentId] },
  });
  const token = /\/subscribe\/confirm\/([\w-]+)/.exec(sent[0].text)![1];
  return { email, token };
}

publicTest(
  "a visitor subscribes a webhook, copies the secret, and receives a signed notification when an incident is declared",
  async ({ page }) => {
    const receiver = await startReceiver();
    try {
      const component = await testComponent("Hooks API");
      await page.goto("/subscribe");
      await page.getByRole("radio", { name: "Webhook" }).check();
      await page.getByLabel("Webhook URL").fill(receiver.url);
      await page.getByRole("button", { name: "Subscribe" }).click();
      await expect(page.getByText("Webhook subscribed")).toBeVisible();
      const secret = await page.getByLabel("Signing secret").inputValue();
      expect(secret).toMatch(/^whsec_[0-9a-f]{64}$/);

      const name = `Hook outage ${randomUUID().slice(0, 6)}`;
      await createIncident({
        ctx: { actor: SYSTEM_ACTOR },
        input: {
          name,
          impact: "major",
          status: "investigating",
          message: "Hooks are delayed.",
          components: [{ componentId: component.id, status: "partial_outage" }],
          deliverNotifications: true,
        },
      });
      await expect.poll(() => receiver.hits.filter((h) => h.body.includes(name)).length, { timeout: 20_000 }).toBe(1);
      const hit = receiver.hits.find((h) => h.body.includes(name))!;
      expect(verifyWebhookSignature({ secret, body: hit.body, header: hit.signature })).toBe(true);
      expect(JSON.parse(hit.body)).toMatchObject({
        incident: { name, status: "investigating" },
        page: { status_indicator: expect.any(String) },
      });
    } finally {
      await receiver.close();
    }
  },
);

publicTest("the subscribe form names the field at fault", async ({ page }) => {
  await page.goto("/subscribe");
  await page.getByLabel("Email address").fill("not-an-address");
  await page.getByRole("radio", { name: "Only the components I choose" }).check();
  await page.getByRole("button", { name: "Subscribe" }).click();
  await expect(page.getByText("Enter an email address such as you@example.com.")).toBeVisible();
  await expect(page.getByText("Choose at least one component, or all components.")).toBeVisible();
  await expect(page.getByLabel("Email address")).toHaveValue("not-an-address");
});

publicTest(
  "an email subscriber confirms, changes components and unsubscribes; one-click unsubscribe answers mail clients",
  async ({ page, request }) => {
    const own = await testComponent("Mail API");
    const { email, token } = await emailSubscription(own.id);

    await page.goto(`/subscribe/confirm/${token}`);
    await page.getByRole("button", { name: "Confirm subscription" }).click();
    await expect(page.getByText("Your subscription is confirmed.")).toBeVisible();
    await expect(page.getByText(email)).toBeVisible();

    // The picker lists what the app's component cache holds: this component's creation invalidates it.
    const { component: other } = await createComponent({
      ctx: { actor: SYSTEM_ACTOR },
      input: { name: `Invoices ${randomUUID().slice(0, 6)}` },
    });
    const otherBox = page.getByRole("checkbox", { name: other.name });
    await expect(async () => {
      await page.reload();
      await expect(otherBox).toBeAttached({ timeout: 1_000 });
    }).toPass({ timeout: 15_000 });
    await page.getByRole("radio", { name: "Only the components I choose" }).check();
    await otherBox.check();
    await page.getByRole("button", { name: "Save components" }).click();
    await expect(page.getByText("Your choice of components is saved.")).toBeVisible();
    await page.reload();
    await expect(otherBox).toBeChecked();

    await page.getByRole("button", { name: "Unsubscribe" }).click();
    await expect(page.getByRole("heading", { name: "You are unsubscribed" })).toBeVisible();

    const again = await emailSubscription(own.id);
    await page.goto(`/subscribe/confirm/${again.token}`);
    await page.getByRole("button", { name: "Confirm subscription" }).click();
    await expect(page.getByText("Your subscription is confirmed.")).toBeVisible();
    const manageToken = new URL(page.url()).pathname.split("/").pop();
    const oneClick = await request.post(`/api/subscriptions/unsubscribe?token=${manageToken}`, {
      form: { "List-Unsubscribe": "One-Click" },
    });
    expect(oneClick.status()).toBe(200);
    expect(await oneClick.json()).toMatchObject({ unsubscribed: true });
    await page.reload();
    await expect(page.getByText("Unsubscribed", { exact: true })).toBeVisible();
  },
);

ownerTest.describe("console", () => {
  ownerTest.use({ role: "owner" });

  ownerTest("an owner finds a subscriber, reads its delivery log, exports CSV and removes it", async ({ page }) => {
    const component = await testComponent("Console API");
    const deadEndpoint = await startVerifyingEndpoint();
    const hook = await createSubscription({
      ctx: {},
      input: {
        kind: "webhook",
        endpoint: deadEndpoint.url(`/${randomUUID()}`),
        allComponents: false,
        componentIds: [component.id],
      },
    });
    if (hook.kind !== "webhook") throw new Error("expected a webhook");
    await createIncident({
      ctx: { actor: SYSTEM_ACTOR },
      input: {
        name: `Logged ${randomUUID().slice(0, 6)}`,
        impact: "minor",
        status: "investigating",
        message: "Checking.",
        components: [{ componentId: component.id, status: "degraded_performance" }],
        deliverNotifications: true,
      },
    });

    await page.goto("/admin/subscribers");
    await expect(page.getByRole("heading", { name: "Subscribers" })).toBeVisible();
    const address = (await getDb().subscriber.findUniqueOrThrow({ where: { id: hook.subscriberId } })).endpoint!;
    await page.getByLabel("Search subscribers").fill(address);
    await page.getByRole("button", { name: "Search" }).click();
    await page.getByRole("link", { name: address }).click();
    await expect(page.getByRole("heading", { name: "Delivery log" })).toBeVisible();
    await expect(async () => {
      await page.reload();
      await expect(page.getByText(/Last error: HTTP 503/).first()).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 20_000 });

    const csv = await page.request.get("/admin/subscribers/export.csv");
    expect(csv.headers()["content-type"]).toContain("text/csv");
    expect(await csv.text()).toContain(address);

    page.once("dialog", (dialog) => dialog.accept());
    await page.getByRole("button", { name: `Remove ${address}` }).click();
    await expect(page).toHaveURL(/\/admin\/subscribers$/);
    await page.getByLabel("Search subscribers").fill(address);
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page.getByText("No subscriber matches that search.")).toBeVisible();
  });

  ownerTest("page settings show the embed snippets and link to the public embed page", async ({ page }) => {
    await page.goto("/admin/settings");
    const embed = page.getByRole("region", { name: "Embed the status elsewhere" });
    await expect(embed.getByRole("heading", { name: "Status widget" })).toBeVisible();
    await expect(embed.getByText(/\/embed\/status\.js/)).toBeVisible();
    await expect(embed.getByRole("link", { name: "embed page" })).toHaveAttribute("href", "/embed");
  });
});

async function expectNoAxeViolations(page: import("@playwright/test").Page) {
  const { default: AxeBuilder } = await import("@axe-core/playwright");
  const results = await new AxeBuilder({ page }).analyze();
  expect(
    results.violations.map(
      (v) =>
        `${v.id}: ${v.help} (${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(", ")})`,
    ),
  ).toEqual([]);
}

for (const colorScheme of ["light", "dark"] as const) {
  publicTest.describe(`${colorScheme} mode`, () => {
    publicTest.use({ colorScheme });

    publicTest("the subscribe and manage pages have no accessibility violations", async ({ page }) => {
      await page.goto("/subscribe");
      await page.getByRole("button", { name: "Subscribe" }).click();
      await expect(page.getByText("Enter an email address such as you@example.com.")).toBeVisible();
      await page.getByRole("radio", { name: "Only the components I choose" }).check();
      await expectNoAxeViolations(page);

      const { token } = await emailSubscription((await testComponent("A11y")).id);
      await page.goto(`/subscribe/confirm/${token}`);
      await expectNoAxeViolations(page);
      await page.getByRole("button", { name: "Confirm subscription" }).click();
      await expect(page.getByText("Your subscription is confirmed.")).toBeVisible();
      // The action's answer replaces the document's metadata a moment after its content.
      await expect(page).toHaveTitle(/\S/);
      await expectNoAxeViolations(page);
    });
  });
}

ownerTest.describe("console accessibility", () => {
  ownerTest.use({ role: "owner" });
  for (const colorScheme of ["light", "dark"] as const) {
    ownerTest(`/admin/subscribers has no accessibility violations in ${colorScheme} mode`, async ({ page }) => {
      await page.emulateMedia({ colorScheme });
      const deadEndpoint = await startVerifyingEndpoint();
      await createSubscription({
        ctx: {},
        input: { kind: "webhook", endpoint: deadEndpoint.url(`/${randomUUID()}`), allComponents: true },
      });
      await page.goto("/admin/subscribers");
      await expect(page.getByRole("heading", { level: 1, name: "Subscribers" })).toBeVisible();
      await expectNoAxeViolations(page);
      await page
        .getByRole("link", { name: new RegExp(deadEndpoint.host.replace(/\./g, "\\.")) })
        .first()
        .click();
      await expect(page.getByRole("heading", { name: "Delivery log" })).toBeVisible();
      await expectNoAxeViolations(page);
    });
  }
});
