import "server-only";
import { readConfig } from "@/server/config";

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
  const config = readConfig();
  return {
    smtpUrl: config.SMTP_URL ?? null,
    mailFrom: config.MAIL_FROM,
    allowPrivateTargets: config.WEBHOOK_ALLOW_PRIVATE,
    allowLoopbackHttp: process.env.NODE_ENV === "development",
    workerDisabled: config.STATUSPAGE_DISABLE_WORKER,
    publicUrl: config.PUBLIC_URL ?? null,
  };
}
