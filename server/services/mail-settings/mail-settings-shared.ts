import "server-only";
import { z } from "zod";
import type { Tx } from "@/server/db/client";

export const MAIL_SETTINGS_ENTITY = "mail_settings";
export const ANSWER_MAX = 1_000;

const SENDER = /^(?:[^<>]*<\s*([^<>\s]+)\s*>|([^<>\s]+))$/;
const emailAddress = z.email();

/** The address in `Name <address>` or a bare address, when it is one. */
export function senderAddress(value: string): string | null {
  const match = SENDER.exec(value.trim());
  const address = match?.[1] ?? match?.[2];
  return address && emailAddress.safeParse(address).success ? address : null;
}

/** What the audit log may show of the settings: never the password, only whether one is saved. */
export function auditView(row: { smtpUrl: string | null; smtpPasswordSealed: string | null; mailFrom: string | null }) {
  return { smtpUrl: row.smtpUrl, hasPassword: row.smtpPasswordSealed !== null, mailFrom: row.mailFrom };
}

export const mailSettingsRowSelect = {
  id: true,
  smtpUrl: true,
  smtpPasswordSealed: true,
  mailFrom: true,
  version: true,
} as const;

/** The singleton row, created empty the first time it is needed (the environment alone may configure mail). */
export async function lockMailSettings(tx: Tx) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended('mail-settings', 0))`;
  return (
    (await tx.mailSettings.findUnique({ where: { singleton: true }, select: mailSettingsRowSelect })) ??
    (await tx.mailSettings.create({ data: {}, select: mailSettingsRowSelect }))
  );
}
