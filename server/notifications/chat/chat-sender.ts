import "server-only";
import type { TargetPolicy } from "@/server/notifications/target-guard";
import { postGuarded } from "@/server/notifications/guarded-post";

export const CHAT_TIMEOUT_MS = 10_000;
const MAX_RESPONSE_BYTES = 16 * 1024;
const MAX_RETRY_AFTER_MS = 60 * 60_000;

export type ChatSendResult = {
  ok: boolean;
  statusCode?: number;
  error?: string;
  /** The channel is gone or refused for good (deleted webhook, private address): disable it. */
  permanent?: boolean;
  /** How long the platform asked us to wait (429 Retry-After, or Discord's `retry_after`). */
  retryAfterMs?: number;
};

/** Retry-After in seconds or as an HTTP date; Discord also puts `retry_after` (seconds) in its JSON body. */
export function parseRetryAfter(
  header: string | string[] | undefined,
  body: string,
  now = Date.now(),
): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  let ms: number | undefined;
  if (value && /^\s*\d+(\.\d+)?\s*$/.test(value)) ms = Number(value) * 1000;
  else if (value && !Number.isNaN(Date.parse(value))) ms = Date.parse(value) - now;
  if (ms === undefined) {
    try {
      const parsed = JSON.parse(body) as { retry_after?: unknown };
      if (typeof parsed.retry_after === "number") ms = parsed.retry_after * 1000;
    } catch {
      // not JSON: no hint
    }
  }
  return ms === undefined ? undefined : Math.min(MAX_RETRY_AFTER_MS, Math.max(1000, Math.ceil(ms)));
}

function describeFailure(statusCode: number, body: string): { error: string; permanent: boolean } {
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
}): Promise<ChatSendResult> {
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
  if (!outcome.answered) return { ok: false, error: outcome.error, ...(outcome.permanent ? { permanent: true } : {}) };
  const { statusCode, body, headers } = outcome;
  if (statusCode >= 200 && statusCode < 300) return { ok: true, statusCode };
  if (statusCode >= 300 && statusCode < 400)
    return { ok: false, statusCode, error: "The webhook answered with a redirect, which is refused." };
  if (statusCode === 429)
    return {
      ok: false,
      statusCode,
      error: "HTTP 429: rate limited",
      retryAfterMs: parseRetryAfter(headers["retry-after"], body) ?? 30_000,
    };
  const failure = describeFailure(statusCode, body);
  const retryAfterMs = statusCode === 503 ? parseRetryAfter(headers["retry-after"], "") : undefined;
  return { ok: false, statusCode, ...failure, ...(retryAfterMs ? { retryAfterMs } : {}) };
}
