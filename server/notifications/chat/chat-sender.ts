import "server-only";
import type { TargetPolicy } from "@/server/notifications/target-guard";
import { postGuarded } from "@/server/notifications/guarded-post";
import { describeHttpAnswer, type HttpSendResult, type RefusalDescription } from "@/server/notifications/http-answer";

export const CHAT_TIMEOUT_MS = 10_000;
const MAX_RESPONSE_BYTES = 16 * 1024;

function describeChatRefusal(statusCode: number, body: string): RefusalDescription {
  const detail = body.replace(/\s+/g, " ").trim().slice(0, 200);
  const suffix = detail ? `: ${detail}` : "";
  if (statusCode === 404 || statusCode === 410)
    return { error: `HTTP ${statusCode}${suffix} (the webhook was deleted or its channel archived)`, permanent: true };
  if (statusCode === 401 || statusCode === 403)
    return { error: `HTTP ${statusCode}${suffix} (the webhook refuses this sender)`, permanent: true };
  return { error: `HTTP ${statusCode}${suffix}`, permanent: false };
}

/** POSTs a JSON body to a chat webhook; only 2xx counts, redirects and non-public targets are refused. */
export async function postChatWebhook(request: {
  url: string;
  body: string;
  policy: TargetPolicy;
  deliveryId?: string;
  timeoutMs?: number;
}): Promise<HttpSendResult> {
  const outcome = await postGuarded({
    url: request.url,
    body: request.body,
    policy: request.policy,
    timeoutMs: request.timeoutMs ?? CHAT_TIMEOUT_MS,
    maxResponseBytes: MAX_RESPONSE_BYTES,
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "User-Agent": "statuspage-chat/1.0",
      ...(request.deliveryId ? { "X-Statuspage-Delivery-Id": request.deliveryId } : {}),
    },
  });
  return describeHttpAnswer(outcome, describeChatRefusal);
}
