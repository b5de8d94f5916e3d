import "server-only";
import type { TargetPolicy } from "@/server/notifications/target-guard";
import { postGuarded } from "@/server/notifications/guarded-post";
import { describeHttpAnswer, type HttpSendResult } from "@/server/notifications/http-answer";
import { SIGNATURE_HEADER, signWebhookBody } from "@/server/notifications/signature";

export const WEBHOOK_TIMEOUT_MS = 10_000;
const MAX_RESPONSE_BYTES = 64 * 1024;

export type WebhookRequest = {
  url: string;
  body: string;
  secret: string;
  deliveryId: string;
  policy: TargetPolicy;
  timeoutMs?: number;
  now?: () => Date;
};

/** POSTs a signed JSON body; only a 2xx answer counts, redirects and private targets are refused. */
export async function sendWebhook(request: WebhookRequest): Promise<HttpSendResult> {
  const timestamp = Math.floor((request.now?.() ?? new Date()).getTime() / 1000);
  const outcome = await postGuarded({
    url: request.url,
    body: request.body,
    policy: request.policy,
    timeoutMs: request.timeoutMs ?? WEBHOOK_TIMEOUT_MS,
    maxResponseBytes: MAX_RESPONSE_BYTES,
    headers: {
      "Content-Type": "application/json",
      "User-Agent": "statuspage-webhooks/1.0",
      "Webhook-Id": request.deliveryId,
      "X-Statuspage-Delivery-Id": request.deliveryId,
      [SIGNATURE_HEADER]: signWebhookBody(request.secret, request.body, timestamp),
    },
  });
  return describeHttpAnswer(outcome, (statusCode) => ({ error: `HTTP ${statusCode}`, permanent: false }));
}
