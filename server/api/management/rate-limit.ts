import "server-only";
import { ManagementError } from "@/server/api/management/errors";

export type RateLimitConfig = { limit: number; windowMs: number; status: 420 | 429 };

/** Statuspage's default: 60 requests per key over a rolling minute (one a second), answered with 429. */
export function readRateLimitConfig(env: Record<string, string | undefined> = process.env): RateLimitConfig {
  const limit = Number(env.MANAGEMENT_API_RATE_LIMIT ?? "60");
  const windowSeconds = Number(env.MANAGEMENT_API_RATE_WINDOW_SECONDS ?? "60");
  return {
    limit: Number.isFinite(limit) && limit >= 0 ? Math.floor(limit) : 60,
    windowMs: (Number.isFinite(windowSeconds) && windowSeconds > 0 ? windowSeconds : 60) * 1000,
    status: env.MANAGEMENT_API_RATE_LIMIT_STATUS === "420" ? 420 : 429,
  };
}

const globalForLimits = globalThis as unknown as { statuspageManagementHits?: Map<string, number[]> };

function hits(): Map<string, number[]> {
  globalForLimits.statuspageManagementHits ??= new Map();
  return globalForLimits.statuspageManagementHits;
}

/** Counts a request for `keyId` in a rolling window; over the limit it throws 429 (or 420) with Retry-After. */
export function takeRateLimit(keyId: string, config: RateLimitConfig = readRateLimitConfig(), now = Date.now()): void {
  if (config.limit === 0) return;
  const store = hits();
  const recent = (store.get(keyId) ?? []).filter((at) => at > now - config.windowMs);
  if (recent.length >= config.limit) {
    store.set(keyId, recent);
    const retryAfter = Math.max(1, Math.ceil((recent[0] + config.windowMs - now) / 1000));
    throw new ManagementError(config.status, `Rate limit exceeded: at most ${config.limit} requests per ${config.windowMs / 1000} seconds for each API key. Retry after ${retryAfter} seconds.`, {
      "Retry-After": String(retryAfter),
    });
  }
  recent.push(now);
  store.set(keyId, recent);
  if (store.size > 10_000) {
    for (const [key, list] of store) if (list.every((at) => at <= now - config.windowMs)) store.delete(key);
  }
}
