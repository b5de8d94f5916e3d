import "server-only";
import { inTransaction, type ServiceContext } from "@/server/services/context";
import { consumeRateLimits } from "@/server/services/rate-limit";
import { configFrom, type ConfigSource } from "@/server/config";

export type ApiRateLimitConfig = { limit: number; windowMs: number; status: 420 | 429 };

/** Statuspage's default: 60 requests per key over a rolling minute (one a second), answered with 429. */
export function readApiRateLimitConfig(source?: ConfigSource): ApiRateLimitConfig {
  const config = configFrom(source);
  return {
    limit: config.MANAGEMENT_API_RATE_LIMIT,
    windowMs: config.MANAGEMENT_API_RATE_WINDOW_SECONDS * 1000,
    status: config.MANAGEMENT_API_RATE_LIMIT_STATUS,
  };
}

/**
 * Counts one API request against its key's limit in PostgreSQL, so every instance counts the same requests;
 * over the limit it throws RateLimitedError saying when to retry.
 */
export async function consumeApiRateLimit({
  ctx,
  config = readApiRateLimitConfig(),
}: {
  ctx: ServiceContext;
  config?: ApiRateLimitConfig;
}): Promise<void> {
  if (config.limit === 0 || ctx.actor.kind !== "api-key") return;
  const message = `Rate limit exceeded: at most ${config.limit} requests per ${config.windowMs / 1000} seconds for each API key.`;
  const key = `management-api:${ctx.actor.apiKeyId}`;
  await inTransaction(ctx, (tx) =>
    consumeRateLimits(tx, [{ key, max: config.limit, windowMs: config.windowMs, message }]),
  );
}
