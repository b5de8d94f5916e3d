import "server-only";
import { AppError, RateLimitedError } from "@/server/errors";
import type { ApiKeyActor } from "@/server/auth/api-key";
import { consumeApiRateLimit, readApiRateLimitConfig } from "@/server/services/api-keys/consume-api-rate-limit";

/** Counts a request for the key; over the limit it answers 429 (or 420) with Retry-After in whole seconds. */
export async function takeRateLimit(actor: ApiKeyActor, config = readApiRateLimitConfig()): Promise<void> {
  try {
    await consumeApiRateLimit({ ctx: { actor }, config });
  } catch (error) {
    if (!(error instanceof RateLimitedError)) throw error;
    const retryAfter = Math.max(1, Math.ceil(error.retryAfterMs / 1000));
    throw new AppError("RATE_LIMITED", `${error.message} Retry after ${retryAfter} seconds.`, undefined, {
      status: config.status,
      headers: { "Retry-After": String(retryAfter) },
    });
  }
}
