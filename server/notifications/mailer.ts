import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { getNotificationConfig } from "@/server/notifications/config";

export type OutgoingMail = {
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId?: string;
  headers?: Record<string, string>;
};

export type Mailer = { send(mail: OutgoingMail): Promise<void> };

const globalForMail = globalThis as unknown as { statuspageTransports?: Map<string, Transporter> };

function transportFor(smtpUrl: string): Transporter {
  globalForMail.statuspageTransports ??= new Map();
  let transport = globalForMail.statuspageTransports.get(smtpUrl);
  if (!transport) {
    transport = nodemailer.createTransport(smtpUrl, {
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    });
    globalForMail.statuspageTransports.set(smtpUrl, transport);
  }
  return transport;
}

export class MailNotConfiguredError extends Error {
  constructor() {
    super(
      "Email is not configured: set SMTP_URL (for example smtp://user:password@mail.example.com:587) and MAIL_FROM.",
    );
    this.name = "MailNotConfiguredError";
  }
}

/** Sends through the SMTP server named by SMTP_URL, read at send time. */
export const smtpMailer: Mailer = {
  async send(mail) {
    const config = getNotificationConfig();
    if (!config.smtpUrl) throw new MailNotConfiguredError();
    await transportFor(config.smtpUrl).sendMail({
      from: config.mailFrom,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: mail.messageId,
      headers: mail.headers,
    });
  },
};
