import "server-only";
import { getDb, type DbOrTx } from "@/server/db/client";
import { consumeRateLimits } from "@/server/services/rate-limit";
import { configFrom, type ConfigSource } from "@/server/config";

const HOUR = 60 * 60_000;

export function subscriptionLimits(source?: ConfigSource) {
  const config = configFrom(source);
  return { perAddressPerHour: config.SUBSCRIBE_LIMIT_PER_ADDRESS, allPerHour: config.SUBSCRIBE_LIMIT_TOTAL };
}

/** Every subscription request, of any kind or scope, counts against its client address's cap and the page-wide one. */
export async function countSubscriptionRequest(clientAddress: string, db: DbOrTx = getDb()): Promise<void> {
  const limits = subscriptionLimits();
  const run = (tx: Parameters<typeof consumeRateLimits>[0]) =>
    consumeRateLimits(tx, [
      {
        key: `subscribe:ip:${clientAddress}`,
        max: limits.perAddressPerHour,
        windowMs: HOUR,
        message: "Too many subscription requests from your network. Try again in an hour.",
      },
      {
        key: "subscribe:all",
        max: limits.allPerHour,
        windowMs: HOUR,
        message: "Too many people are subscribing right now. Try again in a few minutes.",
      },
    ]);
  if ("$transaction" in db) await db.$transaction(run);
  else await run(db);
}
