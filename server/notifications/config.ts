import "server-only";
import { readConfig, VARIABLES } from "@/server/config";
import { getDb, type DbOrTx } from "@/server/db/client";
import { unsealSecret } from "@/server/notifications/sealed-secret";

export type NotificationConfig = {
  allowPrivateTargets: boolean;
  allowLoopbackHttp: boolean;
  workerDisabled: boolean;
  publicUrl: string | null;
};

/** Notification settings from the environment, read on every call so tests and operators can change them. */
export function getNotificationConfig(): NotificationConfig {
  const config = readConfig();
  return {
    allowPrivateTargets: config.WEBHOOK_ALLOW_PRIVATE,
    allowLoopbackHttp: process.env.NODE_ENV === "development",
    workerDisabled: config.STATUSPAGE_DISABLE_WORKER,
    publicUrl: config.PUBLIC_URL ?? null,
  };
}

export const DEFAULT_MAIL_FROM = VARIABLES.MAIL_FROM.defaultLabel ?? "Status page <status@localhost>";
export const SMTP_PASSWORD_PURPOSE = "mail-settings:smtp-password";

export type MailSource = "environment" | "console";

/** What the environment says about mail; `mailFrom` is null unless MAIL_FROM was set to something of its own. */
export type MailEnvironment = { smtpUrl: string | null; mailFrom: string | null; secret: string | null };

/** The console's saved settings (the MailSettings row), as stored. */
export type SavedMailSettings = { smtpUrl: string | null; smtpPasswordSealed: string | null; mailFrom: string | null };

export type MailConfig = {
  /** The server to send through, password included; null when neither the environment nor the console names one. */
  smtpUrl: string | null;
  smtpSource: MailSource | null;
  mailFrom: string;
  mailFromSource: MailSource | null;
  /** The console's saved password cannot be opened: AUTH_SECRET changed since it was saved. */
  passwordUnreadable: boolean;
};

export function readMailEnvironment(): MailEnvironment {
  const config = readConfig();
  return {
    smtpUrl: config.SMTP_URL ?? null,
    mailFrom: config.MAIL_FROM === DEFAULT_MAIL_FROM ? null : config.MAIL_FROM,
    secret: config.AUTH_SECRET ?? null,
  };
}

/** `url` with `password` set as its password; the URL class percent-encodes what a userinfo cannot hold. */
export function withSmtpPassword(url: string, password: string): string {
  const parsed = new URL(url);
  parsed.password = password;
  return parsed.toString();
}

/** Environment first, field by field; otherwise what an owner saved in the console. */
export function resolveMailConfig(environment: MailEnvironment, saved: SavedMailSettings | null): MailConfig {
  const mailFrom = environment.mailFrom ?? saved?.mailFrom ?? null;
  const mailFromSource = environment.mailFrom ? "environment" : saved?.mailFrom ? "console" : null;
  const from = { mailFrom: mailFrom ?? DEFAULT_MAIL_FROM, mailFromSource } as const;
  if (environment.smtpUrl)
    return { smtpUrl: environment.smtpUrl, smtpSource: "environment", ...from, passwordUnreadable: false };
  if (!saved?.smtpUrl) return { smtpUrl: null, smtpSource: null, ...from, passwordUnreadable: false };
  if (!saved.smtpPasswordSealed)
    return { smtpUrl: saved.smtpUrl, smtpSource: "console", ...from, passwordUnreadable: false };
  const password = environment.secret
    ? unsealSecret(saved.smtpPasswordSealed, environment.secret, SMTP_PASSWORD_PURPOSE)
    : null;
  return {
    smtpUrl: password === null ? saved.smtpUrl : withSmtpPassword(saved.smtpUrl, password),
    smtpSource: "console",
    ...from,
    passwordUnreadable: password === null,
  };
}

export const savedMailSelect = { smtpUrl: true, smtpPasswordSealed: true, mailFrom: true } as const;

/** The mail configuration now, read from the database (`db` may be a test's transaction). */
export async function loadMailConfig(db: DbOrTx = getDb()): Promise<MailConfig> {
  const saved = await db.mailSettings.findUnique({ where: { singleton: true }, select: savedMailSelect });
  return resolveMailConfig(readMailEnvironment(), saved);
}

// Senders read the settings often; a change saved in the console (on any instance) is picked up within this time.
const SAVED_TTL_MS = 5_000;
const globalForMailConfig = globalThis as unknown as {
  statuspageSavedMail?: { at: number; saved: Promise<SavedMailSettings | null> };
};

/**
 * `loadMailConfig` with the console's settings remembered for a few seconds (the environment is read every time);
 * `forgetMailConfig` makes the next call read them again.
 */
export async function currentMailConfig(): Promise<MailConfig> {
  let memo = globalForMailConfig.statuspageSavedMail;
  if (!memo || Date.now() - memo.at >= SAVED_TTL_MS) {
    const saved = getDb().mailSettings.findUnique({ where: { singleton: true }, select: savedMailSelect });
    memo = globalForMailConfig.statuspageSavedMail = { at: Date.now(), saved };
    saved.catch(() => {
      if (globalForMailConfig.statuspageSavedMail?.saved === saved) forgetMailConfig();
    });
  }
  return resolveMailConfig(readMailEnvironment(), await memo.saved);
}

export function forgetMailConfig(): void {
  globalForMailConfig.statuspageSavedMail = undefined;
}
