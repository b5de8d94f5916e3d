import "server-only";
import { Prisma, type Db } from "@/server/db/client";

export type LaneName = "subscribers" | "chat";

export type ClaimedDelivery = {
  lane: LaneName;
  id: string;
  messageId: string;
  /** The subscriber or chat channel the delivery goes to. */
  targetId: string;
  attempts: number;
  createdAt: Date;
  /** Fencing token: only the claim that still holds the lease may settle the delivery. */
  claimToken: string;
};

const TABLES: Record<LaneName, { deliveries: string; target: string }> = {
  subscribers: { deliveries: "deliveries", target: "subscriber_id" },
  chat: { deliveries: "chat_deliveries", target: "channel_id" },
};

/**
 * Takes up to `limit` due deliveries of one lane in one statement: pending or failed ones whose time has come, and
 * "sending" ones whose lease ran out (their worker died). SKIP LOCKED lets several workers claim side by side.
 */
export async function claimDueDeliveries(
  db: Db,
  lane: LaneName,
  { limit, claimToken, leaseMs }: { limit: number; claimToken: string; leaseMs: number },
): Promise<ClaimedDelivery[]> {
  if (limit <= 0) return [];
  const deliveries = Prisma.raw(TABLES[lane].deliveries);
  const target = Prisma.raw(TABLES[lane].target);
  const rows = await db.$queryRaw<
    { id: string; message_id: string; target_id: string; attempts: number; created_at: Date }[]
  >(Prisma.sql`
    UPDATE ${deliveries} AS d
    SET status = 'sending', locked_by = ${claimToken}, locked_until = now() + make_interval(secs => ${leaseMs / 1000}),
        attempts = d.attempts + 1, updated_at = now()
    WHERE d.id IN (
      SELECT id FROM ${deliveries}
      WHERE (status IN ('pending', 'failed') AND next_attempt_at <= now())
         OR (status = 'sending' AND locked_until < now())
      ORDER BY next_attempt_at
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING d.id, d.message_id, d.${target} AS target_id, d.attempts, d.created_at`);
  return rows.map((row) => ({
    lane,
    id: row.id,
    messageId: row.message_id,
    targetId: row.target_id,
    attempts: row.attempts,
    createdAt: row.created_at,
    claimToken,
  }));
}
