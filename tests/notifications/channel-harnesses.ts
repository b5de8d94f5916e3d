import { randomBytes } from "node:crypto";
import { getDb } from "@/server/db/client";
import { createComponent, unique } from "@/tests/support/factories";
import { postIncidentUpdate, startHookReceiver, startSmtpRecorder } from "@/tests/subscribers/support";
import { startChatReceiver } from "@/tests/integrations/chat-receiver";
import { CHAT_EVENTS, CHAT_PLATFORMS, type ChatPlatform } from "@/lib/integrations";
import type { WorkerOptions } from "@/server/notifications/worker";

/** How a receiver answers one attempt, in words every channel understands; it accepts whenever nothing is scripted. */
export type Answer = "fail" | { rateLimitSeconds: number };

export type Lane = "subscribers" | "chat";

export type ChannelHarness = {
  channel: string;
  lane: Lane;
  /** SMTP has no Retry-After: a rate-limited email waits the lane's default. */
  carriesRetryAfter: boolean;
  addTarget(componentId: string): Promise<string>;
  answer(targetId: string, ...answers: Answer[]): Promise<void>;
  timesReceived(deliveryId: string): number;
  /** Makes the next attempt a refusal for good: a recipient that does not exist, a target the policy forbids, a deleted webhook. */
  refuseForGood(targetId: string): Promise<Partial<WorkerOptions>>;
};

type Receivers = {
  smtp: Awaited<ReturnType<typeof startSmtpRecorder>>;
  hooks: Awaited<ReturnType<typeof startHookReceiver>>;
  chat: Awaited<ReturnType<typeof startChatReceiver>>;
};

let receivers: Receivers | undefined;

function running(): Receivers {
  if (!receivers) throw new Error("Call startReceivers() in beforeAll first.");
  return receivers;
}

/** A real SMTP server (set as SMTP_URL), a webhook receiver and the chat platforms' receivers, all on loopback. */
export async function startReceivers() {
  receivers = { smtp: await startSmtpRecorder(), hooks: await startHookReceiver(), chat: await startChatReceiver() };
  process.env.SMTP_URL = receivers.smtp.url;
  process.env.MAIL_FROM = "Lane Status <status@lane.test>";
  return {
    forgetScripts() {
      running().smtp.clearReplies();
      running().hooks.behaviour.queue.length = 0;
      running().chat.behaviour.queue.length = 0;
    },
    async close() {
      await Promise.all([running().smtp.close(), running().hooks.close(), running().chat.close()]);
    },
  };
}

function httpAnswer(answer: Answer) {
  return answer === "fail"
    ? { status: 503, body: "busy" }
    : { status: 429, headers: { "Retry-After": String(answer.rateLimitSeconds) }, body: "rate limited" };
}

const email: ChannelHarness = {
  channel: "email",
  lane: "subscribers",
  carriesRetryAfter: false,
  async addTarget(componentId) {
    const subscriber = await getDb().subscriber.create({
      data: {
        kind: "email",
        email: `${unique("reader")}@lane.test`,
        manageToken: randomBytes(16).toString("hex"),
        confirmedAt: new Date(),
        allComponents: false,
        components: { create: [{ componentId }] },
      },
    });
    return subscriber.id;
  },
  async answer(targetId, ...answers) {
    const { email: address } = await getDb().subscriber.findUniqueOrThrow({ where: { id: targetId } });
    running().smtp.replyToRecipient(
      address!,
      ...answers.map((answer) =>
        answer === "fail"
          ? { code: 450, message: "4.2.1 Mailbox busy" }
          : { code: 421, message: "4.7.0 Too many messages, slow down" },
      ),
    );
  },
  timesReceived: (deliveryId) =>
    running().smtp.messages.filter((m) => m.raw.includes(`<${deliveryId}@statuspage.delivery>`)).length,
  async refuseForGood(targetId) {
    const { email: address } = await getDb().subscriber.findUniqueOrThrow({ where: { id: targetId } });
    running().smtp.replyToRecipient(address!, { code: 550, message: "5.1.1 No such user here" });
    return {};
  },
};

const webhook: ChannelHarness = {
  channel: "webhook",
  lane: "subscribers",
  carriesRetryAfter: true,
  async addTarget(componentId) {
    const subscriber = await getDb().subscriber.create({
      data: {
        kind: "webhook",
        endpoint: running().hooks.url(`/lane/${unique("hook")}`),
        signingSecret: "whsec_lane",
        manageToken: randomBytes(16).toString("hex"),
        confirmedAt: new Date(),
        allComponents: false,
        components: { create: [{ componentId }] },
      },
    });
    return subscriber.id;
  },
  async answer(_targetId, ...answers) {
    running().hooks.behaviour.queue.push(...answers.map(httpAnswer));
  },
  timesReceived: (deliveryId) => running().hooks.hits.filter((h) => h.deliveryId === deliveryId).length,
  async refuseForGood() {
    return { policy: { allowPrivateTargets: false, allowLoopbackHttp: false } };
  },
};

function chatHarness(platform: ChatPlatform): ChannelHarness {
  return {
    channel: platform,
    lane: "chat",
    carriesRetryAfter: true,
    async addTarget(componentId) {
      const channel = await getDb().chatChannel.create({
        data: {
          name: unique(platform),
          platform,
          webhookUrl: running().chat.url(platform, `/${unique("lane")}`),
          events: [...CHAT_EVENTS],
          allComponents: false,
          components: { create: [{ componentId }] },
        },
      });
      return channel.id;
    },
    async answer(_targetId, ...answers) {
      running().chat.behaviour.queue.push(...answers.map(httpAnswer));
    },
    timesReceived: (deliveryId) => running().chat.hits.filter((h) => h.deliveryId === deliveryId).length,
    async refuseForGood() {
      running().chat.behaviour.queue.push({ status: 404, body: "no_service" });
      return {};
    },
  };
}

export const CHANNELS: ChannelHarness[] = [email, webhook, ...CHAT_PLATFORMS.map(chatHarness)];

type DeliveryChange = { createdAt?: Date; lockedUntil?: Date; nextAttemptAt?: Date };
type TargetChange = { consecutiveFailures?: number };

const deliveryFields = {
  id: true,
  messageId: true,
  status: true,
  attempts: true,
  nextAttemptAt: true,
  lastError: true,
  lockedBy: true,
} as const;
const targetFields = { consecutiveFailures: true, disabledAt: true, disabledReason: true } as const;

/** The two tables each lane keeps its deliveries and targets in, read and nudged the same way. */
export const LANE_ROWS = {
  subscribers: {
    delivery: (id: string) => getDb().delivery.findUniqueOrThrow({ where: { id }, select: deliveryFields }),
    deliveriesOf: (targetId: string) =>
      getDb().delivery.findMany({
        where: { subscriberId: targetId },
        orderBy: { createdAt: "asc" },
        select: deliveryFields,
      }),
    target: (id: string) => getDb().subscriber.findUniqueOrThrow({ where: { id }, select: targetFields }),
    changeDelivery: (id: string, data: DeliveryChange) => getDb().delivery.update({ where: { id }, data }),
    changeTarget: (id: string, data: TargetChange) => getDb().subscriber.update({ where: { id }, data }),
  },
  chat: {
    delivery: (id: string) => getDb().chatDelivery.findUniqueOrThrow({ where: { id }, select: deliveryFields }),
    deliveriesOf: (targetId: string) =>
      getDb().chatDelivery.findMany({
        where: { channelId: targetId },
        orderBy: { createdAt: "asc" },
        select: deliveryFields,
      }),
    target: (id: string) => getDb().chatChannel.findUniqueOrThrow({ where: { id }, select: targetFields }),
    changeDelivery: (id: string, data: DeliveryChange) => getDb().chatDelivery.update({ where: { id }, data }),
    changeTarget: (id: string, data: TargetChange) => getDb().chatChannel.update({ where: { id }, data }),
  },
} satisfies Record<Lane, unknown>;

/** A target watching a new component, and the one delivery an incident update on that component queued for it. */
export async function queueDelivery(harness: ChannelHarness) {
  const component = await createComponent();
  const targetId = await harness.addTarget(component.id);
  await postIncidentUpdate({ componentIds: [component.id] });
  const deliveries = await LANE_ROWS[harness.lane].deliveriesOf(targetId);
  if (deliveries.length !== 1) throw new Error(`Expected one queued delivery, found ${deliveries.length}.`);
  return { componentId: component.id, targetId, deliveryId: deliveries[0].id };
}

/** Another update on the same component, queued for the same target. */
export async function queueAnother(harness: ChannelHarness, componentId: string, targetId: string) {
  const before = new Set((await LANE_ROWS[harness.lane].deliveriesOf(targetId)).map((d) => d.id));
  await postIncidentUpdate({ componentIds: [componentId] });
  const added = (await LANE_ROWS[harness.lane].deliveriesOf(targetId)).filter((d) => !before.has(d.id));
  if (added.length !== 1) throw new Error(`Expected one more delivery, found ${added.length}.`);
  return added[0].id;
}

/** Empties the outbox between tests; only ever run against the database useOwnDatabase gave this file. */
export async function wipeOutbox() {
  await getDb().outboxMessage.deleteMany({});
  await getDb().subscriber.deleteMany({});
  await getDb().chatChannel.deleteMany({});
}
