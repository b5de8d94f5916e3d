import "server-only";
import type { Tx } from "@/server/db/client";
import { AppError } from "@/server/errors";

export type RateLimit = { key: string; max: number; windowMs: number; message: string };

/**
 * Counts one action against every limit, refusing with 429 when any is spent. Each key is locked for the check,
 * so concurrent requests cannot all slip under the cap; events older than the longest window are cleared as it goes.
 */
export async function consumeRateLimits(tx: Tx, limits: RateLimit[], now = new Date()): Promise<void> {
  for (const limit of [...limits].sort((a, b) => a.key.localeCompare(b.key))) {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`rate-limit:${limit.key}`}, 0))`;
    const since = new Date(now.getTime() - limit.windowMs);
    await tx.rateLimitEvent.deleteMany({ where: { key: limit.key, createdAt: { lt: since } } });
    const used = await tx.rateLimitEvent.count({ where: { key: limit.key, createdAt: { gte: since } } });
    if (used >= limit.max) throw new AppError("RATE_LIMITED", limit.message);
  }
  await tx.rateLimitEvent.createMany({ data: limits.map((limit) => ({ key: limit.key, createdAt: now })) });
}
