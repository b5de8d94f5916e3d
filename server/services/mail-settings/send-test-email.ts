import "server-only";
import { z } from "zod";
import { getDb } from "@/server/db/client";
import { authorize, inTransaction, type ServiceContext } from "@/server/services/context";
import { writeAudit } from "@/server/services/audit";
import { parseInput } from "@/server/services/validation";
import { AppError } from "@/server/errors";
import { escapeHtml } from "@/lib/escape-html";
import { loadMailConfig } from "@/server/notifications/config";
import { sendWithAnswer, type OutgoingMail, type SmtpAnswer } from "@/server/notifications/mailer";
import {
  ANSWER_MAX,
  lockMailSettings,
  MAIL_SETTINGS_ENTITY,
} from "@/server/services/mail-settings/mail-settings-shared";

export const sendTestEmailSchema = z.object({
  to: z
    .string({ error: "Enter the address to send the test email to." })
    .trim()
    .max(254, "That address is too long.")
    .pipe(z.email("Enter an email address such as you@example.com.")),
});

function testEmail(to: string, sentAt: Date): OutgoingMail {
  const text = `This is a test email from your status page, sent at ${sentAt.toISOString()}. Email works: readers can subscribe by email.`;
  return { to, subject: "Test email from your status page", text, html: `<p>${escapeHtml(text)}</p>` };
}

/**
 * Sends a test email with the settings in force now (environment or console) and records the mail server's exact
 * answer, which the console shows and the overview's delivery health reads.
 */
export async function sendTestEmail({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.input<typeof sendTestEmailSchema>;
}): Promise<SmtpAnswer & { tags: string[] }> {
  authorize(ctx.actor, "owner");
  const data = parseInput(sendTestEmailSchema, input);
  const config = await loadMailConfig(ctx.db ?? getDb());
  if (!config.smtpUrl)
    throw new AppError("VALIDATION", "Save an SMTP server first: there is nothing to send the test email through.");
  const at = new Date();
  const outcome = await sendWithAnswer(config, testEmail(data.to, at));
  const answer = outcome.answer.slice(0, ANSWER_MAX);
  await inTransaction(ctx, async (tx) => {
    const row = await lockMailSettings(tx);
    await tx.mailSettings.update({
      where: { id: row.id },
      data: { lastTestAt: at, lastTestOk: outcome.ok, lastTestAnswer: answer },
    });
    await writeAudit(tx, ctx.actor, {
      action: "mail-settings.test",
      entityType: MAIL_SETTINGS_ENTITY,
      entityId: row.id,
      after: { to: data.to, ok: outcome.ok, answer },
    });
  });
  return { ok: outcome.ok, answer, tags: [] };
}
