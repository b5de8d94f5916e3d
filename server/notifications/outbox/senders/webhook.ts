import "server-only";
import { sendWebhook } from "@/server/notifications/webhook-sender";
import { subscriptionLinks } from "@/server/notifications/links";
import type { NotificationPayload } from "@/server/notifications/payload";
import type { TargetPolicy } from "@/server/notifications/target-guard";
import { toSendOutcome, type SendOutcome } from "@/server/notifications/outbox/send-outcome";

/** The Statuspage-shaped body for one subscriber; `meta` is the only per-subscriber part. */
export function buildWebhookBody(payload: NotificationPayload, manageToken: string) {
  const links = subscriptionLinks(payload.baseUrl, manageToken);
  const base = {
    meta: { unsubscribe: links.unsubscribe, documentation: links.documentation },
    page: payload.page,
  };
  if (payload.incident) return { ...base, incident: payload.incident };
  return { ...base, component_update: payload.component_update, component: payload.component };
}

export async function sendWebhookNotification(input: {
  url: string;
  secret: string;
  manageToken: string;
  payload: NotificationPayload;
  deliveryId: string;
  policy: TargetPolicy;
  timeoutMs?: number;
}): Promise<SendOutcome> {
  const result = await sendWebhook({
    url: input.url,
    body: JSON.stringify(buildWebhookBody(input.payload, input.manageToken)),
    secret: input.secret,
    deliveryId: input.deliveryId,
    policy: input.policy,
    timeoutMs: input.timeoutMs,
  });
  return toSendOutcome(result);
}
