import "server-only";
import { inTransaction, type ServiceContext } from "@/server/services/context";
import { consumeRateLimits } from "@/server/services/rate-limit";

export type ApiRateLimitConfig = { limit: number; windowMs: number; status: 420 | 429 };

/** Statuspage's default: 60 requests per key over a rolling minute (one a second), answered with 429. */
export function readApiRateLimitConfig(env: Record<string, string | undefined> = process.env): ApiRateLimitConfig {
  const limit = Number(env.MANAGEMENT_API_RATE_LIMIT ?? "60");
  const windowSeconds = Number(env.MANAGEMENT_API_RATE_WINDOW_SECONDS ?? "60");
  return {
    limit: Number.isFinite(limit) && limit >= 0 ? Math.floor(limit) : 60,
    windowMs: (Number.isFinite(windowSeconds) && windowSeconds > 0 ? windowSeconds : 60) * 1000,
    status: env.MANAGEMENT_API_RATE_LIMIT_STATUS === "420" ? 420 : 429,
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
