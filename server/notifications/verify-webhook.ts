import "server-only";
import { randomBytes } from "node:crypto";
import { sendWebhook } from "@/server/notifications/webhook-sender";
import type { TargetPolicy } from "@/server/notifications/target-guard";

export const VERIFICATION_EVENT = "subscription.verify";
const VERIFICATION_TIMEOUT_MS = 5_000;

/** The verification request's body; an endpoint proves it wants the webhooks by echoing `challenge`. */
export function verificationBody(challenge: string, now = new Date()): string {
  return JSON.stringify({ type: VERIFICATION_EVENT, challenge, created_at: now.toISOString() });
}

function echoes(responseBody: string | undefined, challenge: string): boolean {
  const text = (responseBody ?? "").trim();
  if (text === challenge) return true;
  try {
    return (JSON.parse(text) as { challenge?: unknown })?.challenge === challenge;
  } catch {
    return false;
  }
}

/**
 * Sends a signed verification request and resolves with null when the endpoint answered 2xx with the challenge
 * (as plain text or `{"challenge": …}`), or with the reason it did not. Nothing else is ever sent to an
 * endpoint that has not passed this, so the form cannot aim notifications at someone else's URL.
 */
export async function verifyWebhookEndpoint(input: {
  url: string;
  secret: string;
  policy: TargetPolicy;
}): Promise<string | null> {
  const challenge = randomBytes(24).toString("base64url");
  const result = await sendWebhook({
    url: input.url,
    body: verificationBody(challenge),
    secret: input.secret,
    deliveryId: `verify_${randomBytes(8).toString("hex")}`,
    policy: input.policy,
    timeoutMs: VERIFICATION_TIMEOUT_MS,
  });
  if (!result.ok) return `It did not accept the verification request (${result.error ?? `HTTP ${result.statusCode}`}).`;
  if (!echoes(result.responseBody, challenge))
    return 'It answered the verification request without echoing its "challenge"; reply with the challenge to confirm.';
  return null;
}
