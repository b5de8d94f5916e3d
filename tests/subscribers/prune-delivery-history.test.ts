import { describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { getDb } from "@/server/db/client";
import { deliveryRetentionMs, pruneDeliveryHistory } from "@/server/notifications/prune-delivery-history";

const DAY = 86_400_000;

async function subscriber() {
  return getDb().subscriber.create({
    data: {
      kind: "webhook",
      endpoint: "https://hooks.example.com/status",
      manageToken: randomBytes(24).toString("hex"),
      confirmedAt: new Date(),
    },
  });
}

async function message(
  ageDays: number,
  deliveries: { subscriberId: string; status: "pending" | "sending" | "delivered" | "failed" | "dead" }[],
  now: Date,
) {
  const createdAt = new Date(now.getTime() - ageDays * DAY);
  return getDb().outboxMessage.create({
    data: {
      eventType: "incident.updated",
      payload: { test: true },
      createdAt,
      deliveries: {
        create: deliveries.map((d) => ({
          ...d,
          // A retry waits for its next attempt and a send holds a live lease, so no worker running beside this test takes them.
          ...(d.status === "failed" ? { nextAttemptAt: new Date(now.getTime() + DAY) } : {}),
          ...(d.status === "sending" ? { lockedUntil: new Date(now.getTime() + DAY), lockedBy: "elsewhere" } : {}),
          createdAt,
          attempts: 1,
          attemptLog: { create: [{ attempt: 1, ok: d.status === "delivered", durationMs: 12, at: createdAt }] },
        })),
      },
    },
  });
}

describe("delivery history pruning", () => {
  it("deletes old messages whose deliveries all ended, with their deliveries and attempts, and keeps the rest", async () => {
    // Other tests' rows are minutes old, so a 30-day retention never touches them.
    const now = new Date();
    const [a, b] = [await subscriber(), await subscriber()];
    const ended = await message(
      40,
      [
        { subscriberId: a.id, status: "delivered" },
        { subscriberId: b.id, status: "dead" },
      ],
      now,
    );
    const retrying = await message(
      40,
      [
        { subscriberId: a.id, status: "delivered" },
        { subscriberId: b.id, status: "failed" },
      ],
      now,
    );
    const sending = await message(40, [{ subscriberId: a.id, status: "sending" }], now);
    const recent = await message(5, [{ subscriberId: a.id, status: "delivered" }], now);
    const empty = await message(40, [], now);

    const removed = await pruneDeliveryHistory({ now, retentionMs: 30 * DAY });
    expect(removed).toBeGreaterThanOrEqual(2);

    const db = getDb();
    const left = await db.outboxMessage.findMany({
      where: { id: { in: [ended.id, retrying.id, sending.id, recent.id, empty.id] } },
      select: { id: true },
    });
    expect(left.map((m) => m.id).sort()).toEqual([retrying.id, sending.id, recent.id].sort());
    expect(await db.delivery.count({ where: { messageId: ended.id } })).toBe(0);
    expect(await db.deliveryAttempt.count({ where: { delivery: { subscriberId: b.id, status: "dead" } } })).toBe(0);
    expect(await db.delivery.count({ where: { messageId: retrying.id } })).toBe(2);
    expect(await pruneDeliveryHistory({ now, retentionMs: 30 * DAY })).toBe(0);
  });

  it("keeps an old message whose chat delivery has not ended, and prunes it once it has", async () => {
    const now = new Date();
    const channel = await getDb().chatChannel.create({
      data: { name: "Prune test", platform: "slack", webhookUrl: "https://hooks.slack.com/services/T0/B0/x" },
    });
    const old = await message(40, [], now);
    // Waiting for its next attempt a day from now, so no worker running beside this test takes it.
    const chat = await getDb().chatDelivery.create({
      data: {
        messageId: old.id,
        channelId: channel.id,
        status: "failed",
        nextAttemptAt: new Date(now.getTime() + DAY),
      },
    });
    try {
      await pruneDeliveryHistory({ now, retentionMs: 30 * DAY });
      expect(await getDb().outboxMessage.count({ where: { id: old.id } })).toBe(1);
      await getDb().chatDelivery.update({ where: { id: chat.id }, data: { status: "dead" } });
      await pruneDeliveryHistory({ now, retentionMs: 30 * DAY });
      expect(await getDb().outboxMessage.count({ where: { id: old.id } })).toBe(0);
    } finally {
      await getDb().chatChannel.delete({ where: { id: channel.id } });
    }
  });

  it("keeps 30 days unless DELIVERY_RETENTION_DAYS says otherwise, and refuses nonsense naming the variable", () => {
    expect(deliveryRetentionMs({})).toBe(30 * DAY);
    expect(deliveryRetentionMs({ DELIVERY_RETENTION_DAYS: "7" })).toBe(7 * DAY);
    expect(() => deliveryRetentionMs({ DELIVERY_RETENTION_DAYS: "0" })).toThrow(/DELIVERY_RETENTION_DAYS/);
    expect(() => deliveryRetentionMs({ DELIVERY_RETENTION_DAYS: "soon" })).toThrow(/DELIVERY_RETENTION_DAYS/);
  });
});
