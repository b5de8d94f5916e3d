import { describe, expect, it } from "vitest";
import {
  DEFAULT_MAIL_FROM,
  resolveMailConfig,
  SMTP_PASSWORD_PURPOSE,
  type MailEnvironment,
} from "@/server/notifications/config";
import { sealSecret } from "@/server/notifications/sealed-secret";

const SECRET = "test-secret-test-secret-test-secret";
const none: MailEnvironment = { smtpUrl: null, mailFrom: null, secret: SECRET };
const saved = (overrides: Partial<{ smtpUrl: string; smtpPasswordSealed: string; mailFrom: string }> = {}) => ({
  smtpUrl: null,
  smtpPasswordSealed: null,
  mailFrom: null,
  ...overrides,
});

describe("mail configuration", () => {
  it("is not configured when neither the environment nor the console names a server", () => {
    expect(resolveMailConfig(none, null)).toEqual({
      smtpUrl: null,
      smtpSource: null,
      mailFrom: DEFAULT_MAIL_FROM,
      mailFromSource: null,
      passwordUnreadable: false,
    });
  });

  it("uses the console's server with its sealed password put back into the URL", () => {
    const config = resolveMailConfig(
      none,
      saved({
        smtpUrl: "smtp://mailer@mail.example.test:587",
        smtpPasswordSealed: sealSecret("p@ss/word", SECRET, SMTP_PASSWORD_PURPOSE),
        mailFrom: "Status <status@example.test>",
      }),
    );
    expect(config).toMatchObject({ smtpSource: "console", mailFromSource: "console", passwordUnreadable: false });
    expect(config.mailFrom).toBe("Status <status@example.test>");
    const url = new URL(config.smtpUrl!);
    expect([url.username, decodeURIComponent(url.password), url.host]).toEqual([
      "mailer",
      "p@ss/word",
      "mail.example.test:587",
    ]);
  });

  it("lets the environment win, field by field", () => {
    const console_ = saved({ smtpUrl: "smtp://console.example.test:25", mailFrom: "Console <c@example.test>" });
    const serverOnly = resolveMailConfig({ ...none, smtpUrl: "smtp://env.example.test:2525" }, console_);
    expect(serverOnly).toMatchObject({
      smtpUrl: "smtp://env.example.test:2525",
      smtpSource: "environment",
      mailFrom: "Console <c@example.test>",
      mailFromSource: "console",
    });
    const senderOnly = resolveMailConfig({ ...none, mailFrom: "Env <e@example.test>" }, console_);
    expect(senderOnly).toMatchObject({
      smtpUrl: "smtp://console.example.test:25",
      smtpSource: "console",
      mailFrom: "Env <e@example.test>",
      mailFromSource: "environment",
    });
  });

  it("says when the saved password cannot be opened because AUTH_SECRET changed", () => {
    const config = resolveMailConfig(
      { ...none, secret: "another-secret-another-secret-xx" },
      saved({
        smtpUrl: "smtp://mailer@mail.example.test:587",
        smtpPasswordSealed: sealSecret("hunter2", SECRET, SMTP_PASSWORD_PURPOSE),
      }),
    );
    expect(config).toMatchObject({ smtpUrl: "smtp://mailer@mail.example.test:587", passwordUnreadable: true });
  });
});
