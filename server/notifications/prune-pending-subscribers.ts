import "server-only";
import { getDb, type Db } from "@/server/db/client";

/** Confirmation links work this long; an email subscription still unconfirmed after it is deleted. */
export const PENDING_SUBSCRIBER_TTL_MS = 7 * 86_400_000;

/** Deletes email subscriptions nobody confirmed within the TTL, so unconfirmed sign-ups cannot pile up. */
export async function prunePendingSubscribers({
  db = getDb(),
  now = new Date(),
}: { db?: Db; now?: Date } = {}): Promise<number> {
  const cutoff = new Date(now.getTime() - PENDING_SUBSCRIBER_TTL_MS);
  const { count } = await db.subscriber.deleteMany({
    where: { kind: "email", confirmedAt: null, updatedAt: { lt: cutoff } },
  });
  return count;
}
