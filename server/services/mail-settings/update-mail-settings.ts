import "server-only";
import { z } from "zod";
import { authorize, inTransaction, type ServiceContext } from "@/server/services/context";
import { writeAudit } from "@/server/services/audit";
import { booleanish, parseInput, version } from "@/server/services/validation";
import { AppError, FIELD_ERRORS_SUMMARY } from "@/server/errors";
import { TAGS } from "@/server/cache/tags";
import { STALE_MESSAGE } from "@/server/services/incidents/edit-incident-update";
import { forgetMailConfig, readMailEnvironment, SMTP_PASSWORD_PURPOSE } from "@/server/notifications/config";
import { sealSecret } from "@/server/notifications/sealed-secret";
import {
  auditView,
  lockMailSettings,
  MAIL_SETTINGS_ENTITY,
  senderAddress,
} from "@/server/services/mail-settings/mail-settings-shared";

const SMTP_URL_MESSAGE = "SMTP URL must look like smtp://user@mail.example.com:587 or smtps://mail.example.com:465.";

function parseSmtpUrl(value: string): URL | null {
  try {
    const url = new URL(value);
    return /^smtps?:$/.test(url.protocol) && url.hostname !== "" ? url : null;
  } catch {
    return null;
  }
}

export const updateMailSettingsSchema = z
  .object({
    version,
    /** Empty removes the console's server; absent keeps it (the form leaves it out when the environment sets it). */
    smtpUrl: z
      .string()
      .trim()
      .max(2_000, "SMTP URL must be at most 2,000 characters.")
      .refine((value) => value === "" || parseSmtpUrl(value) !== null, SMTP_URL_MESSAGE)
      .optional(),
    /** Write-only: empty keeps the saved password. */
    password: z.string().max(1_000, "Password must be at most 1,000 characters.").optional(),
    removePassword: booleanish.optional(),
    mailFrom: z
      .string()
      .trim()
      .max(320, "Sender must be at most 320 characters.")
      .refine(
        (value) => value === "" || senderAddress(value) !== null,
        "Sender must be an address such as Status <status@example.com>.",
      )
      .optional(),
  })
  .superRefine((data, context) => {
    if (data.password && data.removePassword)
      context.addIssue({
        code: "custom",
        path: ["password"],
        message: "Enter a new password or remove the saved one, not both.",
      });
  });

export type UpdateMailSettingsInput = z.input<typeof updateMailSettingsSchema>;

/** The URL as stored (its password taken out) and the password it carried, if any. */
function splitSmtpUrl(value: string | undefined): { url: string | null | undefined; password: string | null } {
  if (value === undefined) return { url: undefined, password: null };
  const url = value === "" ? null : parseSmtpUrl(value);
  if (!url) return { url: null, password: null };
  const password = url.password ? decodeURIComponent(url.password) : null;
  url.password = "";
  return { url: url.toString(), password };
}

function sealPassword(password: string): string {
  const { secret } = readMailEnvironment();
  if (!secret) throw new AppError("UNAVAILABLE", "AUTH_SECRET is not set, so a password cannot be stored safely.");
  return sealSecret(password, secret, SMTP_PASSWORD_PURPOSE);
}

/**
 * Owner-only mail settings used when the environment does not set SMTP_URL or MAIL_FROM. The password is stored
 * sealed and never returned or audited. Turning email on or off changes what the public forms offer.
 */
export async function updateMailSettings({ ctx, input }: { ctx: ServiceContext; input: UpdateMailSettingsInput }) {
  authorize(ctx.actor, "owner");
  const data = parseInput(updateMailSettingsSchema, input);
  const fromUrl = splitSmtpUrl(data.smtpUrl);
  const result = await inTransaction(ctx, async (tx) => {
    const before = await lockMailSettings(tx);
    if (before.version !== data.version) throw new AppError("CONFLICT", STALE_MESSAGE);
    const smtpUrl = fromUrl.url === undefined ? before.smtpUrl : fromUrl.url;
    const newPassword = data.password || fromUrl.password;
    if (newPassword && smtpUrl && !new URL(smtpUrl).username)
      throw new AppError("VALIDATION", FIELD_ERRORS_SUMMARY, {
        smtpUrl: ["Add the user name to the SMTP URL (smtp://user@mail.example.com:587) for the password to go with."],
      });
    if (newPassword && !smtpUrl)
      throw new AppError("VALIDATION", FIELD_ERRORS_SUMMARY, { smtpUrl: ["Enter the SMTP URL the password is for."] });
    const smtpPasswordSealed =
      data.removePassword || !smtpUrl ? null : newPassword ? sealPassword(newPassword) : before.smtpPasswordSealed;
    const mailFrom = data.mailFrom === undefined ? before.mailFrom : data.mailFrom || null;
    const changed =
      smtpUrl !== before.smtpUrl || smtpPasswordSealed !== before.smtpPasswordSealed || mailFrom !== before.mailFrom;
    const after = await tx.mailSettings.update({
      where: { id: before.id },
      data: {
        smtpUrl,
        smtpPasswordSealed,
        mailFrom,
        version: { increment: 1 },
        // A test's answer speaks for the settings it tried, not for new ones.
        ...(changed ? { lastTestAt: null, lastTestOk: null, lastTestAnswer: null } : {}),
      },
      select: { id: true, smtpUrl: true, smtpPasswordSealed: true, mailFrom: true, version: true },
    });
    await writeAudit(tx, ctx.actor, {
      action: "mail-settings.edit",
      entityType: MAIL_SETTINGS_ENTITY,
      entityId: after.id,
      before: auditView(before),
      after: auditView(after),
    });
    // Whether readers are offered email (a server, and a password that opens) shows on the subscribe page and every
    // incident page; all of them read the page tag.
    const offerMayChange = smtpUrl !== before.smtpUrl || smtpPasswordSealed !== before.smtpPasswordSealed;
    return { settings: { ...auditView(after), version: after.version }, tags: offerMayChange ? [TAGS.page] : [] };
  });
  forgetMailConfig();
  return result;
}
