import { startMailCatcher } from "@/tests/support/mail-catcher";
import { test, expect } from "@/e2e/support/auth";
import { getDb } from "@/server/db/client";

test.use({ role: "owner" });

const PASSWORD = "mail-pass:42/secret";

test("an owner sets up email, sends a test email, reads the server's exact answer, and the email arrives", async ({
  page,
}) => {
  const mail = await startMailCatcher({ login: { user: "mailer", password: PASSWORD } });
  const before = await getDb().mailSettings.findUnique({
    where: { singleton: true },
    select: { smtpUrl: true, smtpPasswordSealed: true, mailFrom: true },
  });
  try {
    await page.goto("/admin/settings");
    await page.getByRole("link", { name: "Email settings" }).click();
    await expect(page.getByRole("heading", { name: "Email settings", level: 1 })).toBeVisible();

    const url = `smtp://mailer@127.0.0.1:${mail.port}`;
    await page.getByLabel("SMTP URL").fill(url);
    await page.getByLabel("SMTP password").fill(PASSWORD);
    await page.getByLabel("Sender").fill("Status <status@e2e.test>");
    await page.getByRole("button", { name: "Save email settings" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Email settings saved." })).toBeVisible();
    await page.reload();
    await expect(page.getByLabel("SMTP URL")).toHaveValue(url);
    await expect(page.getByLabel("SMTP password")).toHaveValue("");
    await expect(page.getByText("A password is saved and never shown.")).toBeVisible();

    await expect(page.getByLabel("Send a test email to")).toHaveValue("owner@e2e.test");
    await page.getByRole("button", { name: "Send test email" }).click();
    await expect(
      page.getByRole("status").filter({ hasText: "The mail server accepted the test email: 250 OK: message queued" }),
    ).toBeVisible();
    await expect(page.getByTestId("mail-last-test")).toContainText("The mail server answered: 250 OK: message queued");
    await expect.poll(() => mail.received.length).toBe(1);
    expect(mail.received[0]).toMatchObject({ from: "status@e2e.test", to: ["owner@e2e.test"] });
    expect(mail.received[0].raw).toContain("Subject: Test email from your status page");

    await page.getByLabel("SMTP password").fill("not-the-password");
    await page.getByRole("button", { name: "Save email settings" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Email settings saved." })).toBeVisible();
    await page.getByRole("button", { name: "Send test email" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "refused the test email" })).toContainText(
      "The mail server refused the test email: EAUTH: 535 5.7.8 Authentication credentials invalid",
    );
    expect(mail.received).toHaveLength(1);

    await page.goto("/subscribe");
    await expect(page.getByRole("radio", { name: "Email" })).toBeVisible();
  } finally {
    if (before) await getDb().mailSettings.update({ where: { singleton: true }, data: before });
    await mail.close();
  }
});
