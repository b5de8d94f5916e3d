import { afterAll, describe, expect, it } from "vitest";
import { applyMigrations } from "../../scripts/lib/schema-engine";
import { hasConsoleMail, hasConsoleUser, mailSetup, startBanner } from "../../scripts/lib/start-banner";
import { createScratchDatabase, withClient } from "../support/scratch-database";

describe("start banner", () => {
  const drops: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const drop of drops) await drop();
  });

  it("offers the owner set-up only while no user exists", async () => {
    const scratch = await createScratchDatabase("banner");
    drops.push(scratch.drop);
    await applyMigrations(scratch.url);
    const banner = async () =>
      startBanner({ publicUrl: "http://localhost:4123", hasUser: await hasConsoleUser(scratch.url), database: "test" });

    expect(await banner()).toContain("first run: create the owner account at http://localhost:4123/admin/setup");
    await withClient(scratch.url, (client) =>
      client.query(
        "insert into users (id, email, name, role, password_hash, updated_at) values ('u1', 'o@example.test', 'O', 'owner', 'x', now())",
      ),
    );
    const withOwner = await banner();
    expect(withOwner).toContain("Console:      http://localhost:4123/admin");
    expect(withOwner).not.toContain("first run");
    expect(withOwner).not.toContain("/admin/setup");
  });

  it("says plainly when email is not configured, and how to fix it, until the environment or the console sets it", async () => {
    const scratch = await createScratchDatabase("banner-mail");
    drops.push(scratch.drop);
    await applyMigrations(scratch.url);
    const banner = async (smtpUrl?: string) =>
      startBanner({
        publicUrl: "http://localhost:4123",
        hasUser: true,
        database: "test",
        mail: mailSetup(smtpUrl, await hasConsoleMail(scratch.url)),
      });

    const unconfigured = await banner();
    expect(unconfigured).toContain("Email:        not configured, so readers are offered webhooks and feeds only.");
    expect(unconfigured).toContain(
      "Set SMTP_URL and MAIL_FROM, or configure it at http://localhost:4123/admin/settings/email",
    );
    expect(unconfigured).toContain("npx maildev@3");
    expect(await banner("smtp://127.0.0.1:1025")).toContain("Email:        sent through SMTP_URL");

    await withClient(scratch.url, (client) =>
      client.query(
        "insert into mail_settings (id, smtp_url, updated_at) values ('m1', 'smtp://mail.example.test', now())",
      ),
    );
    const fromConsole = await banner();
    expect(fromConsole).toContain(
      "Email:        sent through the server set at http://localhost:4123/admin/settings/email",
    );
    expect(fromConsole).not.toContain("not configured");
  });

  it("names the owner an unattended install creates", () => {
    expect(
      startBanner({ publicUrl: "http://x.test", hasUser: false, ownerEmail: "ops@example.test", database: "test" }),
    ).toContain("sign in as ops@example.test");
  });
});
