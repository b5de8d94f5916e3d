import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, type DbOrTx, type Tx } from "@/server/db/client";
import { TAGS } from "@/server/cache/tags";
import type { Actor } from "@/server/services/context";
import { smtpMailer } from "@/server/notifications/mailer";
import { getConsoleOverview } from "@/server/queries/console-overview";
import { getMailSettingsForOwner, isEmailSubscriptionOffered } from "@/server/queries/mail-settings";
import { updateMailSettings } from "@/server/services/mail-settings/update-mail-settings";
import { sendTestEmail } from "@/server/services/mail-settings/send-test-email";
import { createSubscription, EMAIL_NOT_OFFERED_MESSAGE } from "@/server/services/subscribers/create-subscription";
import { actorFor, unique } from "@/tests/support/factories";
import { expectAppError } from "@/tests/console/helpers";
import { startSmtpRecorder } from "@/tests/subscribers/support";
import { sealSecret } from "@/server/notifications/sealed-secret";
import { SMTP_PASSWORD_PURPOSE } from "@/server/notifications/config";

const ROLLBACK = new Error("rollback");

/**
 * Runs `work` in a repeatable-read transaction that is rolled back: the singleton settings row is this test's alone,
 * and other tests' deliveries committed meanwhile stay out of the overview it reads.
 */
async function inRollback(work: (tx: Tx) => Promise<void>) {
  await expect(
    getDb().$transaction(
      async (tx) => {
        await work(tx);
        throw ROLLBACK;
      },
      { isolationLevel: "RepeatableRead", timeout: 30_000, maxWait: 10_000 },
    ),
  ).rejects.toBe(ROLLBACK);
}

async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", () => resolve()));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

async function currentVersion(db: DbOrTx) {
  return (await db.mailSettings.findUnique({ where: { singleton: true }, select: { version: true } }))?.version ?? 1;
}

let owner: Actor;
let responder: Actor;
beforeAll(async () => {
  delete process.env.SMTP_URL;
  delete process.env.MAIL_FROM;
  owner = await actorFor("owner");
  responder = await actorFor("responder");
});

describe("email settings", () => {
  it("only an owner reads, changes or tests them", async () => {
    const ctx = { actor: responder };
    await expectAppError(getMailSettingsForOwner({ ctx }), "FORBIDDEN");
    await expectAppError(updateMailSettings({ ctx, input: { version: 1, smtpUrl: "smtp://x.test" } }), "FORBIDDEN");
    await expectAppError(sendTestEmail({ ctx, input: { to: "a@example.test" } }), "FORBIDDEN");
  });

  it("bad input names each field at fault", async () => {
    const error = await expectAppError(
      updateMailSettings({
        ctx: { actor: owner },
        input: {
          version: 1,
          smtpUrl: "http://mail.example.test",
          password: "x",
          removePassword: "on",
          mailFrom: "not an address",
        },
      }),
      "VALIDATION",
    );
    expect(error.fieldErrors).toEqual({
      smtpUrl: [expect.stringMatching(/^SMTP URL must look like smtp:\/\//)],
      password: [expect.stringMatching(/new password or remove the saved one/)],
      mailFrom: [expect.stringMatching(/^Sender must be an address/)],
    });
    await inRollback(async (tx) => {
      const noUser = await expectAppError(
        updateMailSettings({
          ctx: { actor: owner, db: tx },
          input: { version: await currentVersion(tx), smtpUrl: "smtp://mail.example.test:587", password: "pw" },
        }),
        "VALIDATION",
      );
      expect(noUser.fieldErrors?.smtpUrl?.[0]).toMatch(/user name/);
      const test = await expectAppError(
        sendTestEmail({ ctx: { actor: owner, db: tx }, input: { to: "nope" } }),
        "VALIDATION",
      );
      expect(test.fieldErrors?.to?.[0]).toMatch(/email address/);
    });
  });

  it("keeps the password sealed and write-only, and never puts it in the audit log", async () => {
    await inRollback(async (tx) => {
      const ctx = { actor: owner, db: tx };
      const saved = await updateMailSettings({
        ctx,
        input: {
          version: await currentVersion(tx),
          smtpUrl: "smtp://mailer:url-pass-123@mail.example.test:587",
          mailFrom: "Status <status@example.test>",
        },
      });
      expect(saved.tags).toEqual([TAGS.page]);
      const row = await tx.mailSettings.findUniqueOrThrow({ where: { singleton: true } });
      expect(row.smtpUrl).toBe("smtp://mailer@mail.example.test:587");
      expect(row.smtpPasswordSealed).toMatch(/^v1\./);
      expect(row.smtpPasswordSealed).not.toContain("url-pass-123");

      const field = await updateMailSettings({
        ctx,
        input: { version: row.version, password: "field-pass-456", mailFrom: "Ops <ops@example.test>" },
      });
      expect(field.tags).toEqual([TAGS.page]);
      const afterField = await tx.mailSettings.findUniqueOrThrow({ where: { singleton: true } });
      expect(afterField.smtpPasswordSealed).not.toBe(row.smtpPasswordSealed);

      const blank = await updateMailSettings({ ctx, input: { version: afterField.version, password: "" } });
      expect(blank.tags).toEqual([]);
      const kept = await tx.mailSettings.findUniqueOrThrow({ where: { singleton: true } });
      expect(kept.smtpPasswordSealed).toBe(afterField.smtpPasswordSealed);

      const view = await getMailSettingsForOwner({ ctx });
      expect(view.saved).toMatchObject({
        smtpUrl: "smtp://mailer@mail.example.test:587",
        hasPassword: true,
        passwordUnreadable: false,
        mailFrom: "Ops <ops@example.test>",
      });
      expect(JSON.stringify(view)).not.toMatch(/url-pass-123|field-pass-456/);

      await updateMailSettings({ ctx, input: { version: kept.version, removePassword: "on" } });
      expect((await getMailSettingsForOwner({ ctx })).saved.hasPassword).toBe(false);
      await expectAppError(updateMailSettings({ ctx, input: { version: kept.version, mailFrom: "" } }), "CONFLICT");

      const audit = await tx.auditLog.findMany({ where: { entityType: "mail_settings", entityId: row.id } });
      expect(audit.map((a) => a.action)).toEqual(Array(4).fill("mail-settings.edit"));
      const logged = JSON.stringify(audit.map((a) => [a.before, a.after]));
      expect(logged).not.toMatch(/url-pass-123|field-pass-456/);
      expect(logged).not.toContain(afterField.smtpPasswordSealed!);
      expect(audit[0].after).toMatchObject({ smtpUrl: "smtp://mailer@mail.example.test:587", hasPassword: true });
    });
  });

  it("a password sealed under an earlier AUTH_SECRET asks to be entered again, and email is not offered meanwhile", async () => {
    await inRollback(async (tx) => {
      await tx.mailSettings.upsert({
        where: { singleton: true },
        create: {
          smtpUrl: "smtp://mailer@mail.example.test:587",
          smtpPasswordSealed: sealSecret("old", "an-earlier-secret-an-earlier-secret", SMTP_PASSWORD_PURPOSE),
        },
        update: {
          smtpUrl: "smtp://mailer@mail.example.test:587",
          smtpPasswordSealed: sealSecret("old", "an-earlier-secret-an-earlier-secret", SMTP_PASSWORD_PURPOSE),
        },
      });
      const view = await getMailSettingsForOwner({ ctx: { actor: owner, db: tx } });
      expect(view.saved).toMatchObject({ hasPassword: true, passwordUnreadable: true });
      expect(await isEmailSubscriptionOffered(tx)).toBe(false);
    });
  });

  it("readers are refused email subscriptions until a mail server is configured", async () => {
    await inRollback(async (tx) => {
      expect(await isEmailSubscriptionOffered(tx)).toBe(false);
      const refused = await expectAppError(
        createSubscription({ ctx: { db: tx }, input: { kind: "email", email: "r@example.test", allComponents: true } }),
        "NOT_SUPPORTED",
      );
      expect(refused.message).toBe(EMAIL_NOT_OFFERED_MESSAGE);
      const overview = await getConsoleOverview({ ctx: { actor: owner, db: tx } });
      expect(overview.deliveries.email.configured).toBe(false);

      await updateMailSettings({
        ctx: { actor: owner, db: tx },
        input: { version: await currentVersion(tx), smtpUrl: "smtp://127.0.0.1:2525" },
      });
      expect(await isEmailSubscriptionOffered(tx)).toBe(true);
    });
    process.env.SMTP_URL = "smtp://127.0.0.1:2525";
    try {
      expect(await isEmailSubscriptionOffered()).toBe(true);
    } finally {
      delete process.env.SMTP_URL;
    }
  });

  it("a test email records the server's exact answer, which the overview shows when it failed", async () => {
    const smtp = await startSmtpRecorder();
    try {
      await inRollback(async (tx) => {
        const ctx = { actor: owner, db: tx };
        await updateMailSettings({ ctx, input: { version: await currentVersion(tx), smtpUrl: smtp.url } });
        const to = `${unique("owner")}@example.test`;
        const accepted = await sendTestEmail({ ctx, input: { to } });
        expect(accepted).toMatchObject({ ok: true, answer: expect.stringMatching(/^250 /) });
        expect(smtp.to(to)).toHaveLength(1);
        expect((await getMailSettingsForOwner({ ctx })).lastTest).toMatchObject({ ok: true, answer: accepted.answer });
        // Other tests' failed deliveries may show; a passing test email is no failure of its own.
        const healthy = (await getConsoleOverview({ ctx })).deliveries.email;
        expect(healthy.configured).toBe(true);
        expect(healthy.lastFailure?.source).not.toBe("test");

        const port = await closedPort();
        await updateMailSettings({
          ctx,
          input: { version: await currentVersion(tx), smtpUrl: `smtp://127.0.0.1:${port}` },
        });
        const refused = await sendTestEmail({ ctx, input: { to } });
        expect(refused.ok).toBe(false);
        expect(refused.answer).toContain("ECONNREFUSED");
        const { lastFailure } = (await getConsoleOverview({ ctx })).deliveries.email;
        expect(lastFailure).toMatchObject({ source: "test", error: refused.answer });
        const audit = await tx.auditLog.findFirst({
          where: { action: "mail-settings.test" },
          orderBy: { id: "desc" },
        });
        expect(audit?.after).toMatchObject({ to, ok: false, answer: refused.answer });
      });
    } finally {
      await smtp.close();
    }
  });
});

describe("senders use the console's settings without a restart", () => {
  const servers: Awaited<ReturnType<typeof startSmtpRecorder>>[] = [];
  afterAll(async () => {
    await getDb().mailSettings.deleteMany({ where: { singleton: true } });
    await Promise.all(servers.map((server) => server.close()));
  });

  it("the outbox's mailer follows a change saved here at once, and one saved by another instance shortly", async () => {
    const [first, second, third] = await Promise.all([startSmtpRecorder(), startSmtpRecorder(), startSmtpRecorder()]);
    servers.push(first, second, third);
    const to = `${unique("reader")}@example.test`;
    const mail = { to, subject: "Incident", text: "Text", html: "<p>Text</p>" };
    const save = async (smtpUrl: string) =>
      updateMailSettings({
        ctx: { actor: owner },
        input: { version: await currentVersion(getDb()), smtpUrl },
      });

    await save(first.url);
    await smtpMailer.send(mail);
    expect(first.to(to)).toHaveLength(1);

    await save(second.url);
    await smtpMailer.send(mail);
    expect(second.to(to)).toHaveLength(1);

    await getDb().mailSettings.update({ where: { singleton: true }, data: { smtpUrl: third.url } });
    await expect
      .poll(
        async () => {
          await smtpMailer.send(mail);
          return third.to(to).length;
        },
        { timeout: 15_000, interval: 1_000 },
      )
      .toBeGreaterThan(0);
  });
});
