import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { actorFor, createComponent, unique } from "@/tests/support/factories";
import { createIncident } from "@/server/services/incidents/create-incident";
import { createSubscription } from "@/server/services/subscribers/create-subscription";
import { confirmSubscription } from "@/server/services/subscribers/confirm-subscription";
import { createNotificationWorker, type WorkerOptions } from "@/server/notifications/worker";
import { verifyWebhookSignature } from "@/server/notifications/signature";
import {
  confirmTokenFrom,
  ensurePageExists,
  decodeMail,
  deliveriesFor,
  memoryMailer,
  postIncidentUpdate,
  startHookReceiver,
  startSmtpRecorder,
  until,
} from "@/tests/subscribers/support";
import { useOwnDatabase } from "@/tests/support/own-database";

/** The claim's lease runs out, as it would once its time passed: the database's clock decides, so move the lease. */
async function expireLease(deliveryId: string) {
  await getDb().delivery.update({ where: { id: deliveryId }, data: { lockedUntil: new Date(Date.now() - 1_000) } });
}

const allowLocal = { allowPrivateTargets: true, allowLoopbackHttp: true };
let smtp: Awaited<ReturnType<typeof startSmtpRecorder>>;
let receiver: Awaited<ReturnType<typeof startHookReceiver>>;

function worker(options: WorkerOptions = {}) {
  return createNotificationWorker({ policy: allowLocal, baseDelayMs: 20, maxDelayMs: 100, log: () => {}, ...options });
}

async function webhookSubscriber(componentIds: string[], url = receiver.url()) {
  const result = await createSubscription({
    ctx: {},
    input: { kind: "webhook", endpoint: url, allComponents: false, componentIds },
  });
  if (result.kind !== "webhook") throw new Error("expected a webhook");
  return result;
}

/** Runs workers until none of these subscribers' deliveries is due any more. */
async function drain(subscriberIds: string[], workers = [worker()]) {
  await until(async () => {
    await Promise.all(workers.map((w) => w.runOnce()));
    const open = await getDb().delivery.count({
      where: { subscriberId: { in: subscriberIds }, status: { in: ["pending", "failed", "sending"] } },
    });
    return open === 0;
  }, 20_000);
}

describe("delivering notifications", () => {
  let database: Awaited<ReturnType<typeof useOwnDatabase>> | undefined;
  beforeAll(async () => {
    // Its workers claim every due delivery they can see: a database of its own keeps other files' out of its counts.
    database = await useOwnDatabase("delivery");
    process.env.WEBHOOK_ALLOW_PRIVATE = "1";
    await ensurePageExists();
    smtp = await startSmtpRecorder();
    receiver = await startHookReceiver();
    process.env.SMTP_URL = smtp.url;
    process.env.MAIL_FROM = "Forgeline Status <status@forgeline.test>";
  });
  afterAll(async () => {
    await smtp?.close();
    await receiver?.close();
    await database?.drop();
  });

  it("emails a confirmed subscriber through SMTP with text, HTML, and unsubscribe headers", async () => {
    const mail = memoryMailer();
    const component = await createComponent({ name: unique("Billing API") });
    const email = `${unique("reader")}@example.test`;
    await createSubscription({
      ctx: { mailer: mail.mailer },
      input: { kind: "email", email, allComponents: false, componentIds: [component.id] },
    });
    expect(smtp.to(email)).toHaveLength(0);
    await confirmSubscription({ ctx: {}, input: { token: confirmTokenFrom(mail.sent[0]) } });
    const subscriber = await getDb().subscriber.findFirstOrThrow({ where: { email } });

    const { incident } = await postIncidentUpdate({
      componentIds: [component.id],
      body: "Payments **fail** <script>alert(1)</script>",
    });
    await drain([subscriber.id]);

    const [message] = smtp.to(email);
    const raw = decodeMail(message.raw);
    expect(raw).toMatch(new RegExp(`Subject: .*Investigating - ${incident.name}`));
    expect(raw).toContain(
      `List-Unsubscribe: <http://localhost:3000/api/subscriptions/unsubscribe?token=${subscriber.manageToken}>`,
    );
    expect(raw).toContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    expect(raw).toMatch(/Content-Type: text\/plain/);
    expect(raw).toMatch(/Content-Type: text\/html/);
    expect(raw).toContain("<strong>fail</strong>");
    expect(raw).not.toContain("<script>");
    expect(raw).toContain(component.name);
    expect(raw).toContain(`/incidents/${incident.id}`);
    expect(raw).toContain(`/subscribe/manage/${subscriber.manageToken}`);
    const [delivery] = await deliveriesFor(subscriber.id);
    expect(delivery.status).toBe("delivered");
    expect(raw).toContain(`Message-ID: <${delivery.id}@statuspage.delivery>`);
  });

  it("posts a signed Statuspage-shaped webhook that verifies with the documented algorithm", async () => {
    const component = await createComponent();
    const hook = await webhookSubscriber([component.id]);
    const { incident, update } = await postIncidentUpdate({ componentIds: [component.id] });
    await drain([hook.subscriberId]);

    const hit = receiver.hits.find((h) => (h.json.incident as { id?: string } | undefined)?.id === incident.id)!;
    expect(hit).toBeTruthy();
    expect(hit.json).toMatchObject({
      meta: {
        unsubscribe: expect.stringContaining("/subscribe/unsubscribe/"),
        documentation: expect.stringContaining("/subscribe#webhooks"),
      },
      page: { status_indicator: expect.any(String), status_description: expect.any(String) },
      incident: {
        id: incident.id,
        name: incident.name,
        status: "investigating",
        incident_updates: [{ id: update.id, body: update.body }],
      },
    });
    expect(hit.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature({ secret: hook.signingSecret, body: hit.body, header: hit.signature })).toBe(true);
    expect(verifyWebhookSignature({ secret: hook.signingSecret, body: `${hit.body} `, header: hit.signature })).toBe(
      false,
    );
    expect(verifyWebhookSignature({ secret: "whsec_wrong", body: hit.body, header: hit.signature })).toBe(false);
    const t = Number(/t=(\d+)/.exec(hit.signature)![1]);
    expect(
      verifyWebhookSignature({
        secret: hook.signingSecret,
        body: hit.body,
        header: hit.signature,
        now: new Date((t + 3600) * 1000),
      }),
    ).toBe(false);
    const [delivery] = await deliveriesFor(hook.subscriberId);
    expect(hit.deliveryId).toBe(delivery.id);
  });

  it("a receiver that fails and then recovers gets the message exactly once", async () => {
    const component = await createComponent();
    const hook = await webhookSubscriber([component.id], receiver.url("/flaky"));
    receiver.behaviour.failNext = 3;
    await postIncidentUpdate({ componentIds: [component.id] });
    await drain([hook.subscriberId]);
    receiver.behaviour.failNext = 0;

    const [delivery] = await deliveriesFor(hook.subscriberId);
    expect(delivery.status).toBe("delivered");
    expect(delivery.attemptLog.map((a) => a.statusCode).sort()).toEqual([204, 503, 503, 503]);
    expect(delivery.attemptLog.filter((a) => !a.ok).every((a) => a.error === "HTTP 503")).toBe(true);
    expect(receiver.hits.filter((h) => h.deliveryId === delivery.id)).toHaveLength(1);
    const subscriber = await getDb().subscriber.findUniqueOrThrow({ where: { id: hook.subscriberId } });
    expect(subscriber.consecutiveFailures).toBe(0);
  });

  it("a worker killed between sending and recording re-sends under the same id, and a delivered row is never sent again", async () => {
    const component = await createComponent();
    const hook = await webhookSubscriber([component.id]);
    await postIncidentUpdate({ componentIds: [component.id] });
    const [queued] = await deliveriesFor(hook.subscriberId);

    const killed = worker();
    const claims = await until(async () => {
      const claimed = await killed.claim(50, 2_000);
      return claimed.find((c) => c.id === queued.id);
    });
    expect((await killed.attempt(claims)).kind).toBe("delivered");

    await expireLease(queued.id);
    await drain([hook.subscriberId]);
    expect(await killed.record(claims, { kind: "delivered", durationMs: 1 })).toBe(false);

    const delivered = await getDb().delivery.findUniqueOrThrow({
      where: { id: queued.id },
      include: { attemptLog: true },
    });
    expect(delivered.status).toBe("delivered");
    expect(delivered.attempts).toBe(2);
    const hits = receiver.hits.filter((h) => h.deliveryId === queued.id);
    expect(hits).toHaveLength(2);
    expect(new Set(hits.map((h) => h.deliveryId)).size).toBe(1);

    await getDb().delivery.update({
      where: { id: queued.id },
      data: { lockedUntil: new Date(0), nextAttemptAt: new Date(0) },
    });
    await worker().runOnce(100);
    expect(receiver.hits.filter((h) => h.deliveryId === queued.id)).toHaveLength(2);
  });

  it("two workers racing send each message once", async () => {
    const component = await createComponent();
    const hooks = [];
    for (let i = 0; i < 12; i++) hooks.push(await webhookSubscriber([component.id], receiver.url(`/race/${i}`)));
    await postIncidentUpdate({ componentIds: [component.id] });
    await postIncidentUpdate({ componentIds: [component.id] });
    const ids = hooks.map((h) => h.subscriberId);
    const queued = await getDb().delivery.findMany({ where: { subscriberId: { in: ids } } });
    expect(queued).toHaveLength(24);

    const first = worker({ concurrency: 3 });
    const second = worker({ concurrency: 3 });
    await drain(ids, [first, second]);

    const hitsById = new Map<string, number>();
    for (const hit of receiver.hits) hitsById.set(hit.deliveryId, (hitsById.get(hit.deliveryId) ?? 0) + 1);
    for (const delivery of queued) expect(hitsById.get(delivery.id), delivery.id).toBe(1);
    const attempts = await getDb().deliveryAttempt.count({ where: { deliveryId: { in: queued.map((d) => d.id) } } });
    expect(attempts).toBe(24);
  });

  it("a slow receiver does not delay the others", async () => {
    const slow = await startHookReceiver();
    slow.behaviour.delayMs = 6_000;
    try {
      const component = await createComponent();
      const slowHook = await webhookSubscriber([component.id], slow.url());
      const fastHooks = [await webhookSubscriber([component.id]), await webhookSubscriber([component.id])];
      const { incident } = await postIncidentUpdate({ componentIds: [component.id] });

      const running = worker({ concurrency: 4, pollMs: 50 });
      running.start();
      try {
        await until(async () => {
          const done = await getDb().delivery.count({
            where: { subscriberId: { in: fastHooks.map((h) => h.subscriberId) }, status: "delivered" },
          });
          return done === 2;
        }, 5_500);
        expect(slow.hits.filter((h) => (h.json.incident as { id: string }).id === incident.id)).toHaveLength(0);
        await until(async () => (await deliveriesFor(slowHook.subscriberId))[0].status === "delivered", 12_000);
      } finally {
        await running.stop();
      }
    } finally {
      await slow.close();
    }
  });

  it("a webhook that keeps failing is disabled with the reason, and redirects are refused", async () => {
    const component = await createComponent();
    const hook = await webhookSubscriber([component.id], receiver.url("/moved"));
    receiver.behaviour.redirect = true;
    try {
      await postIncidentUpdate({ componentIds: [component.id] });
      await postIncidentUpdate({ componentIds: [component.id] });
      await drain([hook.subscriberId], [worker({ disableAfterFailures: 3, disableAfterMs: 0 })]);
    } finally {
      receiver.behaviour.redirect = false;
    }
    const subscriber = await getDb().subscriber.findUniqueOrThrow({ where: { id: hook.subscriberId } });
    expect(subscriber.disabledAt).not.toBeNull();
    expect(subscriber.disabledReason).toMatch(
      /after 3 consecutive failed deliveries; last error: Redirect to http:\/\/169\.254\.169\.254.* refused/,
    );
    const deliveries = await deliveriesFor(hook.subscriberId);
    expect(deliveries.every((d) => d.status === "dead")).toBe(true);

    await postIncidentUpdate({ componentIds: [component.id] });
    expect(await getDb().delivery.count({ where: { subscriberId: hook.subscriberId } })).toBe(2);
  });

  it("a target that turns private after subscribing is refused at send time and disabled", async () => {
    const component = await createComponent();
    const hook = await webhookSubscriber([component.id]);
    await postIncidentUpdate({ componentIds: [component.id] });
    await drain([hook.subscriberId], [worker({ policy: { allowPrivateTargets: false, allowLoopbackHttp: false } })]);
    const [delivery] = await deliveriesFor(hook.subscriberId);
    expect(delivery.status).toBe("dead");
    expect(delivery.lastError).toMatch(/127\.0\.0\.1 is a loopback network address/);
    expect(receiver.hits.filter((h) => h.deliveryId === delivery.id)).toHaveLength(0);
    const subscriber = await getDb().subscriber.findUniqueOrThrow({ where: { id: hook.subscriberId } });
    expect(subscriber.disabledReason).toMatch(/loopback/);
  });

  it("declaring an incident queues the incident and component webhooks in its transaction, and the worker delivers them", async () => {
    const component = await createComponent();
    const hook = await createSubscription({
      ctx: {},
      input: {
        kind: "webhook",
        endpoint: receiver.url("/console"),
        allComponents: false,
        componentIds: [component.id],
      },
    });
    if (hook.kind !== "webhook") throw new Error("expected a webhook");

    const created = await createIncident({
      ctx: { actor: await actorFor("responder") },
      input: {
        name: "Checkout is failing",
        impact: "major",
        status: "investigating",
        message: "Looking into it.",
        components: [{ componentId: component.id, status: "major_outage" }],
        deliverNotifications: true,
      },
    });
    const queued = await getDb().delivery.findMany({
      where: { subscriberId: hook.subscriberId },
      include: { message: true },
    });
    expect(queued.map((d) => d.message.eventType).sort()).toEqual(["component.update", "incident.update"]);

    const running = worker();
    await until(async () => {
      await running.runOnce(50);
      return (await getDb().delivery.count({ where: { subscriberId: hook.subscriberId, status: "delivered" } })) === 2;
    });
    const bodies = receiver.hits.filter((h) => queued.some((d) => d.id === h.deliveryId)).map((h) => h.json);
    expect(bodies).toContainEqual(
      expect.objectContaining({
        incident: expect.objectContaining({ name: "Checkout is failing", status: "investigating" }),
      }),
    );
    expect(bodies).toContainEqual(
      expect.objectContaining({
        component_update: expect.objectContaining({
          component_id: component.id,
          old_status: "operational",
          new_status: "major_outage",
        }),
      }),
    );
    expect(created).toBeTruthy();
  });

  it("an incident declared without notifications queues nothing", async () => {
    const component = await createComponent();
    const hook = await createSubscription({
      ctx: {},
      input: { kind: "webhook", endpoint: receiver.url("/quiet"), allComponents: false, componentIds: [component.id] },
    });
    if (hook.kind !== "webhook") throw new Error("expected a webhook");
    await createIncident({
      ctx: { actor: await actorFor("responder") },
      input: {
        name: "Quiet fix",
        impact: "minor",
        status: "identified",
        message: "Fixing.",
        components: [{ componentId: component.id, status: "degraded_performance" }],
        deliverNotifications: false,
      },
    });
    expect(await getDb().delivery.count({ where: { subscriberId: hook.subscriberId } })).toBe(0);
  });
});
