import "server-only";
import { getDb, type Db } from "@/server/db/client";
import { configFrom, type ConfigSource } from "@/server/config";

const DAY = 86_400_000;
const BATCH = 500;

/** How long sent notifications stay in the delivery log: DELIVERY_RETENTION_DAYS, 30 by default. */
export function deliveryRetentionMs(source?: ConfigSource): number {
  return configFrom(source).DELIVERY_RETENTION_DAYS * DAY;
}

/**
 * Deletes outbox messages older than the retention whose every delivery, to subscribers and to chat channels, has
 * ended (delivered or dead), with their deliveries and attempt logs. A message still being delivered is kept, however
 * old. Returns how many went.
 */
export async function pruneDeliveryHistory({
  db = getDb(),
  retentionMs = deliveryRetentionMs(),
  now = new Date(),
}: { db?: Db; retentionMs?: number; now?: Date } = {}): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionMs);
  let removed = 0;
  for (;;) {
    const deleted = await db.$executeRaw`
      DELETE FROM outbox_messages WHERE id IN (
        SELECT m.id FROM outbox_messages m
        WHERE m.created_at < ${cutoff}
          AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.message_id = m.id AND d.status NOT IN ('delivered', 'dead'))
          AND NOT EXISTS (
            SELECT 1 FROM chat_deliveries c WHERE c.message_id = m.id AND c.status NOT IN ('delivered', 'dead')
          )
        ORDER BY m.created_at
        LIMIT ${BATCH}
        FOR UPDATE SKIP LOCKED
      )`;
    removed += deleted;
    if (deleted < BATCH) return removed;
  }
}
