import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { createNotificationWorker, type WorkerOptions } from "@/server/notifications/worker";
import { retryDelayMs } from "@/server/notifications/outbox/retry-delay";
import { MAX_RETRY_AFTER_MS, RATE_LIMIT_WAIT_MS } from "@/server/notifications/outbox/settle-rules";
import { ensurePageExists, postIncidentUpdate } from "@/tests/subscribers/support";
import { createComponent } from "@/tests/support/factories";
import { useOwnDatabase } from "@/tests/support/own-database";
import {
  CHANNELS,
  LANE_ROWS,
  queueAnother,
  queueDelivery,
  startReceivers,
  wipeOutbox,
} from "@/tests/notifications/channel-harnesses";

const HOUR = 60 * 60_000;

let database: Awaited<ReturnType<typeof useOwnDatabase>>;
let receivers: Awaited<ReturnType<typeof startReceivers>>;

function worker(options: WorkerOptions = {}) {
  return createNotificationWorker({
    policy: { allowPrivateTargets: true, allowLoopbackHttp: true },
    random: () => 0.5,
    log: () => {},
    pruneEveryMs: 0,
    ...options,
  });
}

type Worker = ReturnType<typeof worker>;

async function claimOne(w: Worker, deliveryId: string) {
  return (await w.claim(10, 60_000)).find((c) => c.id === deliveryId);
}

/** Runs one batch and returns the window in which the lane settled it, to check the times it wrote. */
async function runTimed(w: Worker) {
  const before = Date.now();
  await w.runOnce();
  return { before, after: Date.now() };
}

beforeAll(async () => {
  database = await useOwnDatabase("outbox_lane");
  await ensurePageExists();
  receivers = await startReceivers();
});
afterEach(async () => {
  receivers.forgetScripts();
  await wipeOutbox();
});
afterAll(async () => {
  await receivers?.close();
  await database?.drop();
});

it("backoff is exponential with equal jitter, capped", () => {
  expect(retryDelayMs(1, 1000, 60_000, () => 0)).toBe(500);
  expect(retryDelayMs(1, 1000, 60_000, () => 1)).toBe(1000);
  expect(retryDelayMs(4, 1000, 60_000, () => 1)).toBe(8000);
  expect(retryDelayMs(20, 1000, 60_000, () => 1)).toBe(60_000);
});

it.each([
  ["webhook", "slack"],
  ["slack", "webhook"],
])("a backlog of due %s deliveries does not hold back a %s delivery", async (busy, lone) => {
  const [backlog, single] = [busy, lone].map((name) => CHANNELS.find((c) => c.channel === name)!);
  const component = await createComponent();
  for (let i = 0; i < 6; i++) await backlog.addTarget(component.id);
  const target = await single.addTarget(component.id);
  await postIncidentUpdate({ componentIds: [component.id] });
  const [delivery] = await LANE_ROWS[single.lane].deliveriesOf(target);
  await worker({ concurrency: 2 }).runOnce();
  expect((await LANE_ROWS[single.lane].delivery(delivery.id)).status).toBe("delivered");
});

describe.each(CHANNELS)("the outbox lane, $channel", (harness) => {
  const rows = LANE_ROWS[harness.lane];

  it("delivers once under the delivery's id and clears the target's failure count", async () => {
    const { targetId, deliveryId } = await queueDelivery(harness);
    await rows.changeTarget(targetId, { consecutiveFailures: 3 });
    await worker().runOnce();
    expect(await rows.delivery(deliveryId)).toMatchObject({ status: "delivered", attempts: 1, lockedBy: null });
    expect(harness.timesReceived(deliveryId)).toBe(1);
    expect((await rows.target(targetId)).consecutiveFailures).toBe(0);
  });

  it("a rate limit waits as long as asked and never counts toward disabling", async () => {
    const { targetId, deliveryId } = await queueDelivery(harness);
    await rows.changeTarget(targetId, { consecutiveFailures: 9 });
    await rows.changeDelivery(deliveryId, { createdAt: new Date(Date.now() - 7 * HOUR) });
    await harness.answer(targetId, { rateLimitSeconds: 120 });
    const { before, after } = await runTimed(worker({ disableAfterFailures: 10, disableAfterMs: 6 * HOUR }));

    const wait = harness.carriesRetryAfter ? 120_000 : RATE_LIMIT_WAIT_MS;
    const delivery = await rows.delivery(deliveryId);
    expect(delivery.status).toBe("failed");
    expect(delivery.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(before + wait);
    expect(delivery.nextAttemptAt.getTime()).toBeLessThanOrEqual(after + wait);
    expect(await rows.target(targetId)).toMatchObject({ consecutiveFailures: 9, disabledAt: null });
    expect(harness.timesReceived(deliveryId)).toBe(0);
  });

  it.runIf(harness.carriesRetryAfter)("a Retry-After beyond the cap waits only the cap", async () => {
    const { targetId, deliveryId } = await queueDelivery(harness);
    await harness.answer(targetId, { rateLimitSeconds: 24 * 60 * 60 });
    const { before, after } = await runTimed(worker());
    const { nextAttemptAt } = await rows.delivery(deliveryId);
    expect(nextAttemptAt.getTime()).toBeGreaterThanOrEqual(before + MAX_RETRY_AFTER_MS);
    expect(nextAttemptAt.getTime()).toBeLessThanOrEqual(after + MAX_RETRY_AFTER_MS);
  });

  it("a failure backs off with jitter and counts toward disabling", async () => {
    const { targetId, deliveryId } = await queueDelivery(harness);
    await harness.answer(targetId, "fail");
    const { before, after } = await runTimed(worker({ baseDelayMs: 10_000, random: () => 0.25 }));
    const delivery = await rows.delivery(deliveryId);
    expect(delivery.status).toBe("failed");
    expect(delivery.lastError).toBeTruthy();
    const delay = retryDelayMs(1, 10_000, HOUR, () => 0.25);
    expect(delay).toBe(6_250);
    expect(delivery.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(before + delay);
    expect(delivery.nextAttemptAt.getTime()).toBeLessThanOrEqual(after + delay);
    expect((await rows.target(targetId)).consecutiveFailures).toBe(1);
  });

  it("a failure once the delivery is older than the max age makes it dead", async () => {
    const { targetId, deliveryId } = await queueDelivery(harness);
    await rows.changeDelivery(deliveryId, { createdAt: new Date(Date.now() - 2 * HOUR) });
    await harness.answer(targetId, "fail");
    await worker({ maxAgeMs: HOUR }).runOnce();
    const delivery = await rows.delivery(deliveryId);
    expect(delivery.status).toBe("dead");
    expect(delivery.lastError).toBeTruthy();
    expect(harness.timesReceived(deliveryId)).toBe(0);
  });

  it("repeated failures disable the target only once it has been failing for the minimum time", async () => {
    const { componentId, targetId, deliveryId } = await queueDelivery(harness);
    const later = await queueAnother(harness, componentId, targetId);
    await rows.changeDelivery(later, { nextAttemptAt: new Date(Date.now() + HOUR) });
    const w = worker({ disableAfterFailures: 3, disableAfterMs: HOUR });
    await harness.answer(targetId, "fail", "fail", "fail", "fail");
    for (let attempt = 1; attempt <= 3; attempt++) {
      await rows.changeDelivery(deliveryId, { nextAttemptAt: new Date() });
      await w.runOnce();
    }
    expect(await rows.delivery(deliveryId)).toMatchObject({ status: "failed", attempts: 3 });
    expect(await rows.target(targetId)).toMatchObject({ consecutiveFailures: 3, disabledAt: null });

    await rows.changeDelivery(deliveryId, { nextAttemptAt: new Date(), createdAt: new Date(Date.now() - 2 * HOUR) });
    await w.runOnce();
    const target = await rows.target(targetId);
    expect(target.disabledAt).not.toBeNull();
    expect(target.disabledReason).toMatch(
      /^Disabled automatically after 4 consecutive failed deliveries; last error: ./,
    );
    for (const id of [deliveryId, later])
      expect(await rows.delivery(id)).toMatchObject({
        status: "dead",
        lastError: expect.stringMatching(/^Not sent: /),
      });
  });

  it("a refusal for good disables the target at once and ends its other deliveries", async () => {
    const { componentId, targetId, deliveryId } = await queueDelivery(harness);
    const later = await queueAnother(harness, componentId, targetId);
    await rows.changeDelivery(later, { nextAttemptAt: new Date(Date.now() + HOUR) });
    await worker(await harness.refuseForGood(targetId)).runOnce();
    expect((await rows.delivery(deliveryId)).status).toBe("dead");
    expect((await rows.target(targetId)).disabledReason).toMatch(/^Disabled automatically: ./);
    expect((await rows.delivery(later)).status).toBe("dead");
  });

  it("a claim hides the delivery from other workers until its lease runs out", async () => {
    const { deliveryId } = await queueDelivery(harness);
    const stalled = worker();
    expect(await claimOne(stalled, deliveryId)).toBeDefined();
    expect(await rows.delivery(deliveryId)).toMatchObject({ status: "sending", attempts: 1 });
    const other = worker();
    expect(await claimOne(other, deliveryId)).toBeUndefined();

    await rows.changeDelivery(deliveryId, { lockedUntil: new Date(Date.now() - 1_000) });
    await other.runOnce();
    expect(await rows.delivery(deliveryId)).toMatchObject({ status: "delivered", attempts: 2 });
    expect(harness.timesReceived(deliveryId)).toBe(1);
  });

  it("a settle after the lease was lost changes neither the delivery nor the target's failure count", async () => {
    const { targetId, deliveryId } = await queueDelivery(harness);
    await rows.changeTarget(targetId, { consecutiveFailures: 2 });
    const stalled = worker();
    const claimed = (await claimOne(stalled, deliveryId))!;
    await rows.changeDelivery(deliveryId, { lockedUntil: new Date(Date.now() - 1_000) });

    const other = worker();
    await harness.answer(targetId, "fail");
    await other.runOnce();
    const failed = await rows.delivery(deliveryId);
    expect(failed).toMatchObject({ status: "failed", attempts: 2 });
    expect((await rows.target(targetId)).consecutiveFailures).toBe(3);

    expect(await stalled.process(claimed)).toBe(false);
    expect(await rows.delivery(deliveryId)).toEqual(failed);
    expect((await rows.target(targetId)).consecutiveFailures).toBe(3);

    await rows.changeDelivery(deliveryId, { nextAttemptAt: new Date() });
    await other.runOnce();
    const delivered = await rows.delivery(deliveryId);
    expect(delivered.status).toBe("delivered");
    await harness.answer(targetId, "fail");
    expect(await stalled.process(claimed)).toBe(false);
    expect(await rows.delivery(deliveryId)).toEqual(delivered);
    expect((await rows.target(targetId)).consecutiveFailures).toBe(0);
  });

  it("a malformed stored message fails that delivery clearly and the others still go out", async () => {
    const { componentId, targetId, deliveryId } = await queueDelivery(harness);
    const healthy = await queueAnother(harness, componentId, targetId);
    const { messageId } = await rows.delivery(deliveryId);
    await getDb().outboxMessage.update({ where: { id: messageId }, data: { payload: { surprise: true } } });

    await worker().runOnce();
    const broken = await rows.delivery(deliveryId);
    expect(broken.status).toBe("dead");
    expect(broken.lastError).toMatch(/stored message is malformed/);
    expect(harness.timesReceived(deliveryId)).toBe(0);
    expect((await rows.delivery(healthy)).status).toBe("delivered");
    expect(await rows.target(targetId)).toMatchObject({ consecutiveFailures: 0, disabledAt: null });
  });
});
