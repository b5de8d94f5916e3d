import "server-only";
import { retryDelayMs } from "@/server/notifications/outbox/retry-delay";
import { clip, type AttemptResult } from "@/server/notifications/outbox/send-outcome";

/** A rate limit without a Retry-After waits this long; no Retry-After makes a delivery wait longer than the cap. */
export const RATE_LIMIT_WAIT_MS = 30_000;
export const MAX_RETRY_AFTER_MS = 60 * 60_000;

export type LaneRules = {
  baseDelayMs: number;
  maxDelayMs: number;
  /** After this long since a delivery was created, a failure makes it dead instead of retrying. */
  maxAgeMs: number;
  disableAfterFailures: number;
  /** A target is disabled only once its failing delivery is at least this old, so a short outage does not disable it. */
  disableAfterMs: number;
  random: () => number;
};

export type LoggedAttempt = { ok: boolean; statusCode: number | null; error: string | null; durationMs: number };

/** The next state of a claimed delivery, and what its outcome means for the target's failure count. */
export type Settlement = {
  at: Date;
  status: "delivered" | "failed" | "dead";
  lastError: string | null;
  nextAttemptAt: Date | null;
  /** Null when nothing was sent. */
  attempt: LoggedAttempt | null;
  failures: "reset" | "count" | "keep";
  refusedForGood: boolean;
};

type Claim = { attempts: number; createdAt: Date };

function waitBeforeRetry(claimed: Claim, result: AttemptResult, rules: LaneRules): number {
  if (result.kind === "rate-limited") return Math.min(result.retryAfterMs ?? RATE_LIMIT_WAIT_MS, MAX_RETRY_AFTER_MS);
  if (result.kind === "failed" && result.retryAfterMs) return Math.min(result.retryAfterMs, MAX_RETRY_AFTER_MS);
  return retryDelayMs(claimed.attempts, rules.baseDelayMs, rules.maxDelayMs, rules.random);
}

export function decideSettlement(claimed: Claim, result: AttemptResult, rules: LaneRules, at = new Date()): Settlement {
  switch (result.kind) {
    case "delivered":
      return {
        at,
        status: "delivered",
        lastError: null,
        nextAttemptAt: null,
        attempt: { ok: true, statusCode: result.statusCode ?? null, error: null, durationMs: result.durationMs },
        failures: "reset",
        refusedForGood: false,
      };
    case "not-sent":
    case "malformed":
      return {
        at,
        status: "dead",
        lastError: clip(result.reason),
        nextAttemptAt: null,
        attempt: null,
        failures: "keep",
        refusedForGood: false,
      };
    case "rate-limited":
    case "relay-failed":
    case "failed": {
      const delay = waitBeforeRetry(claimed, result, rules);
      const error = clip(result.error);
      const refusedForGood = result.kind === "failed" && Boolean(result.refusedForGood);
      const hopeless = refusedForGood || (result.kind === "failed" && Boolean(result.lastTry));
      const tooOld = at.getTime() - claimed.createdAt.getTime() + delay > rules.maxAgeMs;
      const statusCode = result.kind === "relay-failed" ? null : (result.statusCode ?? null);
      return {
        at,
        status: hopeless || tooOld ? "dead" : "failed",
        lastError: error,
        nextAttemptAt: new Date(at.getTime() + delay),
        attempt: { ok: false, statusCode, error, durationMs: result.durationMs },
        failures: result.kind === "failed" ? "count" : "keep",
        refusedForGood,
      };
    }
  }
}

/** Why the target is disabled now that it has failed `failures` times in a row, or null while it may keep trying. */
export function decideDisabling(
  settlement: Settlement,
  failures: number,
  claimed: Claim,
  rules: LaneRules,
): string | null {
  if (settlement.refusedForGood) return clip(`Disabled automatically: ${settlement.lastError}`, 1000);
  const age = settlement.at.getTime() - claimed.createdAt.getTime();
  if (failures < rules.disableAfterFailures || age < rules.disableAfterMs) return null;
  return clip(
    `Disabled automatically after ${failures} consecutive failed deliveries; last error: ${settlement.lastError}`,
    1000,
  );
}
