import "server-only";
import { z } from "zod";

const schema = z.object({
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "SMTP_URL must look like smtp://user:password@host:587 or smtps://host:465")
    .optional(),
  MAIL_FROM: z.string().min(3, "MAIL_FROM must be an address such as Status <status@example.com>").optional(),
  WEBHOOK_ALLOW_PRIVATE: z.enum(["0", "1"], { error: "WEBHOOK_ALLOW_PRIVATE must be 0 or 1" }).optional(),
  STATUSPAGE_DISABLE_WORKER: z.enum(["0", "1"], { error: "STATUSPAGE_DISABLE_WORKER must be 0 or 1" }).optional(),
  PUBLIC_URL: z.string().url("PUBLIC_URL must be an absolute URL such as https://status.example.com").optional(),
});

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
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid notification configuration:\n${lines.join("\n")}`);
  }
  const env = parsed.data;
  return {
    smtpUrl: env.SMTP_URL ?? null,
    mailFrom: env.MAIL_FROM ?? "Status page <status@localhost>",
    allowPrivateTargets: env.WEBHOOK_ALLOW_PRIVATE === "1",
    allowLoopbackHttp: process.env.NODE_ENV === "development",
    workerDisabled: env.STATUSPAGE_DISABLE_WORKER === "1",
    publicUrl: env.PUBLIC_URL ?? null,
  };
}
