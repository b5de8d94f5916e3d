import "server-only";
import type { GuardedPostOutcome } from "@/server/notifications/guarded-post";

/** What a webhook-style receiver (a subscriber's endpoint or a chat platform) made of one POST. */
export type HttpSendResult = {
  ok: boolean;
  statusCode?: number;
  error?: string;
  /** The target is gone or refuses this sender for good (deleted webhook, private address): disable it. */
  permanent?: boolean;
  /** The receiver asked us to slow down (429): not a failure of the target. */
  rateLimited?: boolean;
  /** How long the receiver asked us to wait (Retry-After, or Discord's `retry_after` in the body). */
  retryAfterMs?: number;
  responseBody?: string;
};

export type RefusalDescription = { error: string; permanent: boolean };

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
  return ms === undefined ? undefined : Math.max(1000, Math.ceil(ms));
}

/**
 * Reads a receiver's answer the same way for every channel: only 2xx counts, redirects are refused, 429 is a rate
 * limit with its Retry-After, and `describeRefusal` words any other status for this kind of receiver.
 */
export function describeHttpAnswer(
  outcome: GuardedPostOutcome,
  describeRefusal: (statusCode: number, body: string) => RefusalDescription,
): HttpSendResult {
  if (!outcome.answered) return { ok: false, error: outcome.error, ...(outcome.permanent ? { permanent: true } : {}) };
  const { statusCode, body, headers } = outcome;
  if (statusCode >= 200 && statusCode < 300) return { ok: true, statusCode, responseBody: body };
  if (statusCode >= 300 && statusCode < 400)
    return {
      ok: false,
      statusCode,
      error: `Redirect to ${headers.location ?? "another URL"} refused; webhooks do not follow redirects.`,
    };
  if (statusCode === 429) {
    const retryAfterMs = parseRetryAfter(headers["retry-after"], body);
    return {
      ok: false,
      statusCode,
      error: "HTTP 429: rate limited",
      rateLimited: true,
      ...(retryAfterMs ? { retryAfterMs } : {}),
    };
  }
  const refusal = describeRefusal(statusCode, body);
  const retryAfterMs = statusCode === 503 ? parseRetryAfter(headers["retry-after"], "") : undefined;
  return {
    ok: false,
    statusCode,
    error: refusal.error,
    ...(refusal.permanent ? { permanent: true } : {}),
    ...(retryAfterMs ? { retryAfterMs } : {}),
  };
}
