import "server-only";
import { readEnvironment } from "@/server/environment";

export type NotificationConfig = {
  smtpUrl: string | null;
  mailFrom: string;
  allowPrivateTargets: boolean;
  allowLoopbackHttp: boolean;
  workerDisabled: boolean;
  publicUrl: string | null;
};

/** Notification settings from the environment, read on every call so tests and operators can change them. */
export function getNotificationConfig(): NotificationConfig {
  const env = readEnvironment([
    "SMTP_URL",
    "MAIL_FROM",
    "WEBHOOK_ALLOW_PRIVATE",
    "STATUSPAGE_DISABLE_WORKER",
    "PUBLIC_URL",
  ]);
  return {
    smtpUrl: env.SMTP_URL ?? null,
    mailFrom: env.MAIL_FROM ?? "Status page <status@localhost>",
    allowPrivateTargets: env.WEBHOOK_ALLOW_PRIVATE === "1",
    allowLoopbackHttp: process.env.NODE_ENV === "development",
    workerDisabled: env.STATUSPAGE_DISABLE_WORKER === "1",
    publicUrl: env.PUBLIC_URL ?? null,
  };
}
