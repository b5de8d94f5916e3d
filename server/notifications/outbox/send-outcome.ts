import "server-only";
import type { HttpSendResult } from "@/server/notifications/http-answer";

/** What one attempt came to, in the lane's words; every channel's sender answers with one of these. */
export type SendOutcome =
  | { kind: "delivered"; statusCode?: number }
  /** The receiver asked us to slow down: wait as asked, and do not hold it against the target. */
  | { kind: "rate-limited"; error: string; statusCode?: number; retryAfterMs?: number }
  | {
      kind: "failed";
      error: string;
      statusCode?: number;
      retryAfterMs?: number;
      /** The target refused for good (deleted webhook, unknown mailbox, forbidden address): disable it now. */
      refusedForGood?: boolean;
      /** Trying again cannot help this delivery, though the target may take others. */
      lastTry?: boolean;
    }
  /** The mail relay this server sends through failed; the subscriber is not at fault. */
  | { kind: "relay-failed"; error: string }
  | { kind: "not-sent"; reason: string }
  | { kind: "malformed"; reason: string };

export type AttemptResult = SendOutcome & { durationMs: number };

export function clip(value: string, max = 500): string {
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}

export function toSendOutcome(result: HttpSendResult, { lastTry = false } = {}): SendOutcome {
  const { statusCode, retryAfterMs } = result;
  if (result.ok) return { kind: "delivered", statusCode };
  const error = result.error ?? "Delivery failed.";
  if (result.rateLimited) return { kind: "rate-limited", error, statusCode, retryAfterMs };
  return { kind: "failed", error, statusCode, retryAfterMs, refusedForGood: result.permanent, lastTry };
}
