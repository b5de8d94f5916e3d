import "server-only";
import { randomUUID } from "node:crypto";
import { getDb, type Db } from "@/server/db/client";
import { getNotificationConfig } from "@/server/notifications/config";
import { smtpMailer, type Mailer } from "@/server/notifications/mailer";
import type { TargetPolicy } from "@/server/notifications/target-guard";
import { pruneDeliveryHistory } from "@/server/notifications/prune-delivery-history";
import { prunePendingSubscribers } from "@/server/notifications/prune-pending-subscribers";
import { errorSummary } from "@/server/error-summary";
import type { ClaimedDelivery, LaneName } from "@/server/notifications/outbox/claim-due-deliveries";
import { createOutboxLane, type OutboxLane } from "@/server/notifications/outbox/lane";
import type { AttemptResult } from "@/server/notifications/outbox/send-outcome";
import { createSubscriberStore } from "@/server/notifications/outbox/subscriber-store";
import { createChatStore } from "@/server/notifications/outbox/chat-store";

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
  /** A target is disabled only once its failing delivery is at least this old, so a short outage does not disable it. */
  disableAfterMs?: number;
  webhookTimeoutMs?: number;
  mailer?: Mailer;
  policy?: TargetPolicy;
  random?: () => number;
  log?: (message: string, error?: unknown) => void;
  /** How often a running worker deletes delivery history older than DELIVERY_RETENTION_DAYS; 0 never. */
  pruneEveryMs?: number;
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

const LANE_NAMES: readonly LaneName[] = ["subscribers", "chat"];

/** Delivers the outbox: subscribers' email and webhooks, and chat channels, each through the same lane. */
export function createNotificationWorker(options: WorkerOptions = {}) {
  const settings = {
    ...DEFAULTS,
    ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)),
  } as typeof DEFAULTS & WorkerOptions;
  const db = () => options.db ?? getDb();
  const workerId = options.workerId ?? `worker-${randomUUID().slice(0, 8)}`;
  const log =
    options.log ??
    ((message: string, error?: unknown) =>
      console.error(`[notifications ${workerId}] ${message}${error === undefined ? "" : `: ${errorSummary(error)}`}`));
  const policy = () => {
    if (options.policy) return options.policy;
    const config = getNotificationConfig();
    return { allowPrivateTargets: config.allowPrivateTargets, allowLoopbackHttp: config.allowLoopbackHttp };
  };
  const rules = {
    baseDelayMs: settings.baseDelayMs,
    maxDelayMs: settings.maxDelayMs,
    maxAgeMs: settings.maxAgeMs,
    disableAfterFailures: settings.disableAfterFailures,
    disableAfterMs: settings.disableAfterMs,
    random: options.random ?? Math.random,
  };
  const timeoutMs = settings.webhookTimeoutMs;
  const lanes: Record<LaneName, OutboxLane> = {
    subscribers: createOutboxLane({
      db,
      rules,
      store: createSubscriberStore({ db, mailer: options.mailer ?? smtpMailer, policy, timeoutMs }),
    }),
    chat: createOutboxLane({ db, rules, store: createChatStore({ db, policy, timeoutMs }) }),
  };

  let firstLane = 0;
  /**
   * Takes up to `limit` due deliveries under one claim token. Each lane gets an even share of the slots, and the lane
   * asked first takes turns, so a backlog in one lane never starves the other; slots a lane leaves go to the rest.
   */
  async function claim(limit: number, leaseMs: number = settings.leaseMs): Promise<ClaimedDelivery[]> {
    const claimToken = `${workerId}:${randomUUID()}`;
    const order = [...LANE_NAMES.slice(firstLane), ...LANE_NAMES.slice(0, firstLane)];
    firstLane = (firstLane + 1) % LANE_NAMES.length;
    const claimed: ClaimedDelivery[] = [];
    const drained = new Set<LaneName>();
    for (const [index, lane] of order.entries()) {
      const share = Math.ceil((limit - claimed.length) / (order.length - index));
      const taken = await lanes[lane].claim(share, claimToken, leaseMs);
      if (taken.length < share) drained.add(lane);
      claimed.push(...taken);
    }
    for (const lane of order) {
      if (claimed.length >= limit) break;
      if (!drained.has(lane)) claimed.push(...(await lanes[lane].claim(limit - claimed.length, claimToken, leaseMs)));
    }
    return claimed;
  }

  /** Sends one claimed delivery; a `not-sent` or `malformed` result means nothing went out. */
  function attempt(claimed: ClaimedDelivery): Promise<AttemptResult> {
    return lanes[claimed.lane].attempt(claimed);
  }

  /** Records the outcome; returns false, having changed nothing, when this claim's lease was lost. */
  function record(claimed: ClaimedDelivery, result: AttemptResult): Promise<boolean> {
    return lanes[claimed.lane].record(claimed, result);
  }

  async function process(claimed: ClaimedDelivery): Promise<boolean> {
    const result = await attempt(claimed);
    if (result.kind === "malformed") log(`Delivery ${claimed.id} was not sent: ${result.reason}`);
    const kept = await record(claimed, result);
    if (!kept)
      log(
        `Delivery ${claimed.id} was re-claimed by another worker after this one's lease expired; outcome not recorded.`,
      );
    return kept;
  }

  /** Claims one batch and delivers it concurrently; returns how many deliveries were processed. */
  async function runOnce(limit: number = settings.concurrency): Promise<number> {
    const claimed = await claim(limit);
    await Promise.all(claimed.map((c) => process(c).catch((error) => log(`Delivery ${c.id} failed to record`, error))));
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
        let claimed: ClaimedDelivery[] = [];
        try {
          claimed = await claim(free);
          claimFailing = false;
        } catch (error) {
          if (!claimFailing)
            log("Could not claim deliveries (is the database reachable?); retrying quietly until it is", error);
          claimFailing = true;
        }
        for (const c of claimed) {
          const task: Promise<unknown> = process(c)
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
    attempt,
    record,
    process,
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
