import "server-only";
import { getDb, type DbOrTx } from "@/server/db/client";
import { consumeRateLimits } from "@/server/services/rate-limit";

const HOUR = 60 * 60_000;

function positive(raw: string | undefined, fallback: number): number {
  const value = Number(raw);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

export function subscriptionLimits(env: Record<string, string | undefined> = process.env) {
  return {
    perAddressPerHour: positive(env.SUBSCRIBE_LIMIT_PER_ADDRESS, 10),
    allPerHour: positive(env.SUBSCRIBE_LIMIT_TOTAL, 600),
  };
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
