import "server-only";
import type { ChatPlatform } from "@/lib/integrations";
import type { ChatMessage } from "@/server/notifications/chat/chat-message";
import { renderChatMessage } from "@/server/notifications/chat/render-chat-message";
import { postChatWebhook } from "@/server/notifications/chat/chat-sender";
import type { TargetPolicy } from "@/server/notifications/target-guard";
import { toSendOutcome, type SendOutcome } from "@/server/notifications/outbox/send-outcome";

/** A platform that refused the payload (400) this many times will refuse it every time. */
const PAYLOAD_REFUSALS_BEFORE_GIVING_UP = 3;

export async function sendChatNotification(input: {
  platform: ChatPlatform;
  url: string;
  message: ChatMessage;
  deliveryId: string;
  attempt: number;
  policy: TargetPolicy;
  timeoutMs?: number;
}): Promise<SendOutcome> {
  const result = await postChatWebhook({
    url: input.url,
    body: JSON.stringify(renderChatMessage(input.platform, input.message)),
    policy: input.policy,
    deliveryId: input.deliveryId,
    timeoutMs: input.timeoutMs,
  });
  return toSendOutcome(result, {
    lastTry: result.statusCode === 400 && input.attempt >= PAYLOAD_REFUSALS_BEFORE_GIVING_UP,
  });
}
