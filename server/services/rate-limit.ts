import "server-only";
import type { Tx } from "@/server/db/client";
import { RateLimitedError } from "@/server/errors";

export type RateLimit = { key: string; max: number; windowMs: number; message: string };

/**
 * Counts one action against every limit, refusing with 429 (and when to retry) when any is spent. Each key is locked for the check,
 * so concurrent requests cannot all slip under the cap; events older than the longest window are cleared as it goes.
 */
export async function consumeRateLimits(tx: Tx, limits: RateLimit[], now = new Date()): Promise<void> {
  for (const limit of [...limits].sort((a, b) => a.key.localeCompare(b.key))) {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`rate-limit:${limit.key}`}, 0))`;
    const since = new Date(now.getTime() - limit.windowMs);
    await tx.rateLimitEvent.deleteMany({ where: { key: limit.key, createdAt: { lt: since } } });
    const used = await tx.rateLimitEvent.count({ where: { key: limit.key, createdAt: { gte: since } } });
    if (used >= limit.max) {
      // A slot frees when the event that put the count at the limit leaves the window.
      const [freeing] = await tx.rateLimitEvent.findMany({
        where: { key: limit.key, createdAt: { gte: since } },
        orderBy: { createdAt: "asc" },
        skip: used - limit.max,
        take: 1,
        select: { createdAt: true },
      });
      throw new RateLimitedError(
        limit.message,
        Math.max(0, (freeing?.createdAt.getTime() ?? now.getTime()) + limit.windowMs - now.getTime()),
      );
    }
  }
  await tx.rateLimitEvent.createMany({ data: limits.map((limit) => ({ key: limit.key, createdAt: now })) });
}
