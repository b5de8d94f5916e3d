import "server-only";
import { randomUUID } from "node:crypto";
import { getDb, type Db, type Tx } from "@/server/db/client";
import { getNotificationConfig } from "@/server/notifications/config";
import { smtpMailer, type Mailer } from "@/server/notifications/mailer";
import { renderIncidentEmail } from "@/server/notifications/email-templates";
import { sendWebhook, type SendResult } from "@/server/notifications/webhook-sender";
import { subscriptionLinks } from "@/server/notifications/links";
import type { TargetPolicy } from "@/server/notifications/target-guard";
import type { NotificationPayload } from "@/server/notifications/payload";
import { pruneDeliveryHistory } from "@/server/notifications/prune-delivery-history";
import { prunePendingSubscribers } from "@/server/notifications/prune-pending-subscribers";
import { errorSummary } from "@/server/error-summary";
import { createChatLane, type ClaimedChatDelivery } from "@/server/notifications/chat/chat-lane";

export type WorkerOptions = {
  db?: Db;
  workerId?: string;
  /** Deliveries in flight at once; a slow receiver holds one slot, not the whole worker. */
  concurrency?: number;
  leaseMs?: number;
  pollMs?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** After this long since a delivery was created, a failure makes it dead instead of retrying. */
  maxAgeMs?: number;
  disableAfterFailures?: number;
  /** A webhook is disabled only once its failing delivery is at least this old, so a short outage does not disable it. */
  disableAfterMs?: number;
  webhookTimeoutMs?: number;
  mailer?: Mailer;
  policy?: TargetPolicy;
  random?: () => number;
  log?: (message: string, error?: unknown) => void;
  /** How often a running worker deletes delivery history older than DELIVERY_RETENTION_DAYS; 0 never. */
  pruneEveryMs?: number;
};

export type ClaimedDelivery = {
  id: string;
  messageId: string;
  subscriberId: string;
  attempts: number;
  createdAt: Date;
  claimToken: string;
};

const DEFAULTS = {
  concurrency: 8,
  leaseMs: 2 * 60_000,
  pollMs: 1_000,
  baseDelayMs: 30_000,
  maxDelayMs: 60 * 60_000,
  maxAgeMs: 24 * 60 * 60_000,
  disableAfterFailures: 10,
  disableAfterMs: 6 * 60 * 60_000,
  pruneEveryMs: 60 * 60_000,
};

/** Exponential backoff with "equal jitter": between half and all of base * 2^(attempt-1), capped. */
export function retryDelayMs(
  attempt: number,
  baseDelayMs: number,
  maxDelayMs: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

function truncate(value: string, max = 500): string {
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}

export function createNotificationWorker(options: WorkerOptions = {}) {
  const settings = {
    ...DEFAULTS,
    ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)),
  } as typeof DEFAULTS & WorkerOptions;
  const db = () => options.db ?? getDb();
  const workerId = options.workerId ?? `worker-${randomUUID().slice(0, 8)}`;
  const mailer = options.mailer ?? smtpMailer;
  const random = options.random ?? Math.random;
  const log =
    options.log ??
    ((message: string, error?: unknown) =>
      console.error(`[notifications ${workerId}] ${message}${error === undefined ? "" : `: ${errorSummary(error)}`}`));
  const policy = () => {
    if (options.policy) return options.policy;
    const config = getNotificationConfig();
    return { allowPrivateTargets: config.allowPrivateTargets, allowLoopbackHttp: config.allowLoopbackHttp };
  };

  const chat = createChatLane({
    db,
    policy,
    retryDelayMs: (attempt) => retryDelayMs(attempt, settings.baseDelayMs, settings.maxDelayMs, random),
    maxAgeMs: settings.maxAgeMs,
    disableAfterFailures: settings.disableAfterFailures,
    disableAfterMs: settings.disableAfterMs,
    timeoutMs: settings.webhookTimeoutMs,
  });

  /** Takes up to `limit` due chat-channel deliveries; same lease and fencing as subscriber deliveries. */
  function claimChat(limit: number, leaseMs: number = settings.leaseMs): Promise<ClaimedChatDelivery[]> {
    return chat.claim(limit, `${workerId}:${randomUUID()}`, leaseMs);
  }

  async function processChat(claimed: ClaimedChatDelivery): Promise<boolean> {
    const kept = await chat.record(claimed, await chat.attempt(claimed));
    if (!kept)
      log(
        `Chat delivery ${claimed.id} was re-claimed by another worker after this one's lease expired; outcome not recorded.`,
      );
    return kept;
  }

  /** Claims subscriber deliveries first, then chat deliveries with the slots left. */
  async function claimAny(limit: number): Promise<{ id: string; run: () => Promise<boolean> }[]> {
    const deliveries = await claim(limit);
    const chats = await claimChat(limit - deliveries.length);
    return [
      ...deliveries.map((c) => ({ id: c.id, run: () => processClaimed(c) })),
      ...chats.map((c) => ({ id: c.id, run: () => processChat(c) })),
    ];
  }

  /**
   * Takes up to `limit` due deliveries in one statement: pending or failed ones whose time has come, and
   * "sending" ones whose lease ran out (their worker died). SKIP LOCKED lets several workers claim side by side.
   */
  async function claim(limit: number, leaseMs: number = settings.leaseMs): Promise<ClaimedDelivery[]> {
    if (limit <= 0) return [];
    const claimToken = `${workerId}:${randomUUID()}`;
    const rows = await db().$queryRaw<
      { id: string; message_id: string; subscriber_id: string; attempts: number; created_at: Date }[]
    >`
      UPDATE deliveries AS d
      SET status = 'sending', locked_by = ${claimToken}, locked_until = now() + make_interval(secs => ${leaseMs / 1000}),
          attempts = d.attempts + 1, updated_at = now()
      WHERE d.id IN (
        SELECT id FROM deliveries
        WHERE (status IN ('pending', 'failed') AND next_attempt_at <= now())
           OR (status = 'sending' AND locked_until < now())
        ORDER BY next_attempt_at
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      )
      RETURNING d.id, d.message_id, d.subscriber_id, d.attempts, d.created_at`;
    return rows.map((row) => ({
      id: row.id,
      messageId: row.message_id,
      subscriberId: row.subscriber_id,
      attempts: row.attempts,
      createdAt: row.created_at,
      claimToken,
    }));
  }

  async function loadTarget(claimed: ClaimedDelivery) {
    const [subscriber, message] = await Promise.all([
      db().subscriber.findUnique({
        where: { id: claimed.subscriberId },
        select: {
          kind: true,
          email: true,
          endpoint: true,
          signingSecret: true,
          manageToken: true,
          confirmedAt: true,
          unsubscribedAt: true,
          disabledAt: true,
        },
      }),
      db().outboxMessage.findUnique({ where: { id: claimed.messageId }, select: { eventType: true, payload: true } }),
    ]);
    return { subscriber, message };
  }

  /** Sends one claimed delivery; a result with `skip` means the subscriber left and nothing was sent. */
  async function attempt(claimed: ClaimedDelivery): Promise<SendResult & { skip?: string; durationMs: number }> {
    const started = Date.now();
    const { subscriber, message } = await loadTarget(claimed);
    if (!subscriber || !message)
      return { ok: false, skip: "The subscriber or message no longer exists.", durationMs: 0 };
    if (subscriber.unsubscribedAt)
      return { ok: false, skip: "The subscriber unsubscribed before delivery.", durationMs: 0 };
    if (subscriber.disabledAt) return { ok: false, skip: "The subscriber is disabled.", durationMs: 0 };
    if (!subscriber.confirmedAt) return { ok: false, skip: "The subscription is not confirmed.", durationMs: 0 };
    const payload = message.payload as unknown as NotificationPayload;
    try {
      if (subscriber.kind === "email") {
        if (!subscriber.email) return { ok: false, skip: "The subscriber has no email address.", durationMs: 0 };
        await mailer.send(renderIncidentEmail(payload, subscriber.email, subscriber.manageToken, claimed.id));
        return { ok: true, durationMs: Date.now() - started };
      }
      if (!subscriber.endpoint || !subscriber.signingSecret)
        return { ok: false, skip: "The webhook has no URL or secret.", durationMs: 0 };
      const body = JSON.stringify(webhookBody(payload, subscriber.manageToken));
      const result = await sendWebhook({
        url: subscriber.endpoint,
        body,
        secret: subscriber.signingSecret,
        deliveryId: claimed.id,
        policy: policy(),
        timeoutMs: settings.webhookTimeoutMs,
      });
      return { ...result, durationMs: Date.now() - started };
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      return { ok: false, error: text, durationMs: Date.now() - started };
    }
  }

  async function disableSubscriber(tx: Tx, subscriberId: string, reason: string) {
    await tx.subscriber.update({
      where: { id: subscriberId },
      data: { disabledAt: new Date(), disabledReason: reason },
    });
    await tx.delivery.updateMany({
      where: { subscriberId, status: { in: ["pending", "failed"] } },
      data: { status: "dead", lastError: `Not sent: ${reason}`, lockedBy: null, lockedUntil: null },
    });
  }

  /**
   * Records the outcome; only the claim that still holds the lease may change the delivery, so a worker
   * that lost its lease can never move a delivery back from "delivered". Returns false when the lease was lost.
   */
  async function record(
    claimed: ClaimedDelivery,
    result: SendResult & { skip?: string; durationMs: number },
  ): Promise<boolean> {
    return db().$transaction(async (tx) => {
      const now = new Date();
      const mine = { id: claimed.id, lockedBy: claimed.claimToken, status: "sending" as const };
      if (result.skip) {
        const { count } = await tx.delivery.updateMany({
          where: mine,
          data: { status: "dead", lastError: result.skip, lockedBy: null, lockedUntil: null },
        });
        return count === 1;
      }
      await tx.deliveryAttempt.create({
        data: {
          deliveryId: claimed.id,
          attempt: claimed.attempts,
          at: now,
          ok: result.ok,
          statusCode: result.statusCode ?? null,
          error: result.error ? truncate(result.error) : null,
          durationMs: result.durationMs,
        },
      });
      if (result.ok) {
        const { count } = await tx.delivery.updateMany({
          where: mine,
          data: { status: "delivered", deliveredAt: now, lastError: null, lockedBy: null, lockedUntil: null },
        });
        await tx.subscriber.update({ where: { id: claimed.subscriberId }, data: { consecutiveFailures: 0 } });
        return count === 1;
      }

      const age = now.getTime() - claimed.createdAt.getTime();
      const delay = retryDelayMs(claimed.attempts, settings.baseDelayMs, settings.maxDelayMs, random);
      const dead = Boolean(result.permanent) || age + delay > settings.maxAgeMs;
      const error = truncate(result.error ?? "Delivery failed.");
      const { count } = await tx.delivery.updateMany({
        where: mine,
        data: {
          status: dead ? "dead" : "failed",
          lastError: error,
          nextAttemptAt: new Date(now.getTime() + delay),
          lockedBy: null,
          lockedUntil: null,
        },
      });
      if (count === 0) return false;
      const subscriber = await tx.subscriber.update({
        where: { id: claimed.subscriberId },
        data: { consecutiveFailures: { increment: 1 } },
        select: { kind: true, consecutiveFailures: true, disabledAt: true },
      });
      if (subscriber.kind === "webhook" && !subscriber.disabledAt) {
        if (result.permanent) {
          await disableSubscriber(tx, claimed.subscriberId, `Disabled automatically: ${error}`);
        } else if (subscriber.consecutiveFailures >= settings.disableAfterFailures && age >= settings.disableAfterMs) {
          await disableSubscriber(
            tx,
            claimed.subscriberId,
            `Disabled automatically after ${subscriber.consecutiveFailures} consecutive failed deliveries; last error: ${error}`,
          );
        }
      }
      return true;
    });
  }

  async function processClaimed(claimed: ClaimedDelivery): Promise<boolean> {
    const result = await attempt(claimed);
    const kept = await record(claimed, result);
    if (!kept)
      log(
        `Delivery ${claimed.id} was re-claimed by another worker after this one's lease expired; outcome not recorded.`,
      );
    return kept;
  }

  /** Claims one batch and delivers it concurrently; returns how many deliveries were processed. */
  async function runOnce(limit: number = settings.concurrency): Promise<number> {
    const claimed = await claimAny(limit);
    await Promise.all(claimed.map((c) => c.run().catch((error) => log(`Delivery ${c.id} failed to record`, error))));
    return claimed.length;
  }

  let pruneTimer: NodeJS.Timeout | null = null;
  function schedulePruning() {
    if (!settings.pruneEveryMs) return;
    const prune = () =>
      Promise.all([
        pruneDeliveryHistory({ db: db() }).catch((error) =>
          log("Could not prune old delivery history; trying again later", error),
        ),
        prunePendingSubscribers({ db: db() }).catch((error) =>
          log("Could not remove expired unconfirmed subscribers; trying again later", error),
        ),
      ]);
    pruneTimer = setInterval(prune, settings.pruneEveryMs);
    pruneTimer.unref();
    void prune();
  }

  let running = false;
  let loopDone: Promise<void> | null = null;
  let wake: (() => void) | null = null;
  const inFlight = new Set<Promise<unknown>>();

  async function loop() {
    let claimFailing = false;
    while (running) {
      const free = settings.concurrency - inFlight.size;
      if (free > 0) {
        let claimed: Awaited<ReturnType<typeof claimAny>> = [];
        try {
          claimed = await claimAny(free);
          claimFailing = false;
        } catch (error) {
          if (!claimFailing)
            log("Could not claim deliveries (is the database reachable?); retrying quietly until it is", error);
          claimFailing = true;
        }
        for (const c of claimed) {
          const task: Promise<unknown> = c
            .run()
            .catch((error) => log(`Delivery ${c.id} failed to record`, error))
            .finally(() => inFlight.delete(task));
          inFlight.add(task);
        }
        if (claimed.length > 0 && claimed.length === free) {
          await Promise.race([...inFlight]);
          continue;
        }
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, settings.pollMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
        if (inFlight.size >= settings.concurrency) void Promise.race([...inFlight]).then(wake);
      });
      wake = null;
    }
  }

  return {
    workerId,
    claim,
    claimChat,
    attempt,
    record,
    processChat,
    runOnce,
    start() {
      if (running) return;
      running = true;
      loopDone = loop();
      schedulePruning();
    },
    /** Polls again now instead of at the next interval. */
    poke() {
      wake?.();
    },
    async stop() {
      running = false;
      if (pruneTimer) clearInterval(pruneTimer);
      pruneTimer = null;
      wake?.();
      await loopDone;
      await Promise.allSettled([...inFlight]);
    },
  };
}

export type NotificationWorker = ReturnType<typeof createNotificationWorker>;

/** The Statuspage-shaped body for one subscriber; `meta` is the only per-subscriber part. */
export function webhookBody(payload: NotificationPayload, manageToken: string) {
  const links = subscriptionLinks(payload.baseUrl, manageToken);
  const base = {
    meta: { unsubscribe: links.unsubscribe, documentation: links.documentation },
    page: payload.page,
  };
  if (payload.incident) return { ...base, incident: payload.incident };
  return { ...base, component_update: payload.component_update, component: payload.component };
}
