import "server-only";
import type { Mailer } from "@/server/notifications/mailer";
import { renderIncidentEmail } from "@/server/notifications/email-templates";
import type { NotificationPayload } from "@/server/notifications/payload";
import type { SendOutcome } from "@/server/notifications/outbox/send-outcome";

type SmtpError = { message: string; responseCode?: number; command?: string };

function readSmtpError(error: unknown): SmtpError {
  if (!(error instanceof Error)) return { message: String(error) };
  // nodemailer adds these fields to its errors; each is type-checked before use.
  const { responseCode, command } = error as Error & { responseCode?: unknown; command?: unknown };
  return {
    message: error.message,
    responseCode: typeof responseCode === "number" ? responseCode : undefined,
    command: typeof command === "string" ? command : undefined,
  };
}

/**
 * What an SMTP error means for the lane. 421 or a 4.7.x policy reply is the relay asking us to slow down (SMTP has no
 * Retry-After); a refused recipient is the subscriber's failure, for good when the mailbox does not exist (5.1.x);
 * anything else is the relay failing, which is no subscriber's fault.
 */
export function classifySmtpError(error: unknown): SendOutcome {
  const { message, responseCode, command } = readSmtpError(error);
  const transient = responseCode !== undefined && responseCode >= 400 && responseCode < 500;
  if (responseCode === 421 || (transient && /\b4\.7\.\d{1,3}\b/.test(message)))
    return { kind: "rate-limited", error: message };
  if (command === "RCPT TO" && responseCode !== undefined && responseCode >= 400)
    return { kind: "failed", error: message, refusedForGood: responseCode >= 500 && /\b5\.1\.\d{1,3}\b/.test(message) };
  return { kind: "relay-failed", error: message };
}

export async function sendEmailNotification(input: {
  mailer: Mailer;
  payload: NotificationPayload;
  to: string;
  manageToken: string;
  deliveryId: string;
}): Promise<SendOutcome> {
  if (!input.payload.email) return { kind: "not-sent", reason: "The message has no email content." };
  try {
    await input.mailer.send(renderIncidentEmail(input.payload, input.to, input.manageToken, input.deliveryId));
    return { kind: "delivered" };
  } catch (error) {
    return classifySmtpError(error);
  }
}
