import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { currentMailConfig, type MailConfig } from "@/server/notifications/config";

export type OutgoingMail = {
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId?: string;
  headers?: Record<string, string>;
};

export type Mailer = { send(mail: OutgoingMail): Promise<void> };

const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };
const MAX_TRANSPORTS = 8;

const globalForMail = globalThis as unknown as { statuspageTransports?: Map<string, Transporter> };

function transportFor(smtpUrl: string): Transporter {
  const transports = (globalForMail.statuspageTransports ??= new Map());
  let transport = transports.get(smtpUrl);
  if (!transport) {
    // Settings changed in the console leave their old transports behind; keep only the newest few.
    for (const [url, old] of transports) {
      if (transports.size < MAX_TRANSPORTS) break;
      old.close();
      transports.delete(url);
    }
    transport = nodemailer.createTransport(smtpUrl, TIMEOUTS);
    transports.set(smtpUrl, transport);
  }
  return transport;
}

export class MailNotConfiguredError extends Error {
  constructor() {
    super(
      "Email is not configured: set SMTP_URL (for example smtp://user:password@mail.example.com:587) and MAIL_FROM, or configure email in the console at /admin/settings/email.",
    );
    this.name = "MailNotConfiguredError";
  }
}

export class MailPasswordUnreadableError extends Error {
  constructor() {
    super(
      "The SMTP password saved in the console cannot be read because AUTH_SECRET changed since it was saved; enter it again at /admin/settings/email.",
    );
    this.name = "MailPasswordUnreadableError";
  }
}

/** The server to send through, or the reason there is none. */
export function sendingUrl(config: MailConfig): string {
  if (!config.smtpUrl) throw new MailNotConfiguredError();
  if (config.passwordUnreadable) throw new MailPasswordUnreadableError();
  return config.smtpUrl;
}

/** Sends through SMTP_URL, or else the server configured in the console, read at send time. */
export const smtpMailer: Mailer = {
  async send(mail) {
    const config = await currentMailConfig();
    await transportFor(sendingUrl(config)).sendMail({
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

export type SmtpAnswer = { ok: boolean; answer: string };

/** What nodemailer adds to its errors; each field is type-checked before use. */
function smtpFailure(error: unknown): string {
  if (error instanceof MailNotConfiguredError || error instanceof MailPasswordUnreadableError) return error.message;
  if (!(error instanceof Error)) return String(error);
  const { code, response } = error as Error & { code?: unknown; response?: unknown };
  const said = typeof response === "string" && response.trim() !== "" ? response.trim() : error.message;
  return typeof code === "string" ? `${code}: ${said}` : said;
}

/**
 * Sends one message on a connection of its own and reports the mail server's exact answer: its reply on success,
 * or the error code and its reply (EAUTH "535 …", EENVELOPE "550 …", ESOCKET "connect ECONNREFUSED …").
 */
export async function sendWithAnswer(config: MailConfig, mail: OutgoingMail): Promise<SmtpAnswer> {
  let transport: Transporter | null = null;
  try {
    transport = nodemailer.createTransport(sendingUrl(config), TIMEOUTS);
    const info = await transport.sendMail({ from: config.mailFrom, ...mail });
    return { ok: true, answer: String(info.response ?? "").trim() || "Accepted (the server gave no reply text)." };
  } catch (error) {
    return { ok: false, answer: smtpFailure(error) };
  } finally {
    transport?.close();
  }
}
