import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, Prisma } from "@/server/db/client";
import { actorFor, createComponent, unique } from "@/tests/support/factories";
import { ensurePageOnce } from "@/tests/api/support";
import {
  confirmTokenFrom,
  decodeMail,
  memoryMailer,
  startHookReceiver,
  startSmtpRecorder,
  until,
  type ReceivedHook,
} from "@/tests/subscribers/support";
import { startChatReceiver } from "@/tests/integrations/chat-receiver";
import { alertmanagerPayload } from "@/tests/integrations/alert-payloads";
import { callManagement } from "@/tests/api/management/client";
import * as shortIncidentsRoute from "@/app/api/v1/incidents/route";
import { createApiKey } from "@/server/services/api-keys/create-api-key";
import { createSubscription } from "@/server/services/subscribers/create-subscription";
import { confirmSubscription } from "@/server/services/subscribers/confirm-subscription";
import { createChatChannel } from "@/server/services/chat-channels/create-chat-channel";
import { createIncident } from "@/server/services/incidents/create-incident";
import { createIntegration } from "@/server/services/integrations/manage-integrations";
import { createAlertRule } from "@/server/services/integrations/manage-alert-rules";
import { publishIncidentDraft } from "@/server/services/integrations/incident-drafts";
import { importIncident } from "@/server/services/imports/import-incident";
import { handleAlertWebhook } from "@/server/api/integrations/alert-webhook";
import { createNotificationWorker } from "@/server/notifications/worker";
import { CHAT_EVENT_TYPE } from "@/server/notifications/chat/enqueue-chat";
import type { ChatMessage } from "@/server/notifications/chat/chat-message";
import type { NotificationPayload } from "@/server/notifications/payload";
import { CHAT_PLATFORMS, type ChatEvent } from "@/lib/integrations";
import type { Actor } from "@/server/services/context";

// Every way an incident comes to exist must tell the people watching any of its components, with all of them named,
// in its first message: subscribers and chat channels limited to a component the incident affects without changing.

let hooks: Awaited<ReturnType<typeof startHookReceiver>>;
let smtp: Awaited<ReturnType<typeof startSmtpRecorder>>;
let chat: Awaited<ReturnType<typeof startChatReceiver>>;
let responder: Actor;
let owner: Actor;
let apiKey: string;
let pageId: string;

type Watchers = { email: string; subscriberIds: string[]; channelIds: string[] };
const watching: Watchers[] = [];

beforeAll(async () => {
  process.env.WEBHOOK_ALLOW_PRIVATE = "1";
  process.env.MANAGEMENT_API_RATE_LIMIT = "0";
  pageId = (await ensurePageOnce()).id;
  hooks = await startHookReceiver();
  smtp = await startSmtpRecorder();
  process.env.SMTP_URL = smtp.url;
  process.env.MAIL_FROM = "Status <status@example.test>";
  chat = await startChatReceiver();
  responder = await actorFor("responder");
  owner = await actorFor("owner");
  apiKey = (await createApiKey({ ctx: { actor: owner }, input: { name: unique("Paths"), role: "responder" } })).token;
});
/** Runs a clean-up again when PostgreSQL picks it as a deadlock's victim: other files' workers claim deliveries meanwhile. */
async function retryOnConflict(work: () => Promise<unknown>, attempts = 5): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await work();
      return;
    } catch (error) {
      const conflict = error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2034";
      if (!conflict || attempt >= attempts) throw error;
    }
  }
}

afterAll(async () => {
  // Deliveries to these receivers are left undelivered by most tests: remove them so no other file's worker tries them.
  await retryOnConflict(() =>
    getDb().subscriber.deleteMany({ where: { id: { in: watching.flatMap((w) => w.subscriberIds) } } }),
  );
  await retryOnConflict(() =>
    getDb().chatChannel.deleteMany({ where: { id: { in: watching.flatMap((w) => w.channelIds) } } }),
  );
  await hooks?.close();
  await smtp?.close();
  await chat?.close();
});

/** An email subscriber, a webhook subscriber and a channel per chat platform, each limited to one component. */
async function watch(componentId: string, events: ChatEvent[] = ["incident.created"]): Promise<Watchers> {
  const mail = memoryMailer();
  const email = `${unique("watcher")}@example.test`;
  await createSubscription({
    ctx: { mailer: mail.mailer },
    input: { kind: "email", email, allComponents: false, componentIds: [componentId] },
  });
  await confirmSubscription({ ctx: {}, input: { token: confirmTokenFrom(mail.sent[0]) } });
  const emailSubscriber = await getDb().subscriber.findFirstOrThrow({ where: { email }, select: { id: true } });
  const hook = await createSubscription({
    ctx: {},
    input: {
      kind: "webhook",
      endpoint: hooks.url(`/${componentId}`),
      allComponents: false,
      componentIds: [componentId],
    },
  });
  if (hook.kind !== "webhook") throw new Error("expected a webhook subscriber");
  const channels = await Promise.all(
    CHAT_PLATFORMS.map(async (platform) => {
      const { channel } = await createChatChannel({
        ctx: { actor: responder },
        input: {
          name: unique(platform),
          platform,
          webhookUrl: chat.url(platform),
          events,
          allComponents: false,
          componentIds: [componentId],
        },
      });
      return channel.id;
    }),
  );
  const watchers = { email, subscriberIds: [emailSubscriber.id, hook.subscriberId], channelIds: channels };
  watching.push(watchers);
  return watchers;
}

/** The incident's first subscriber message and first chat message: each reaches every watcher and names every name. */
async function expectAnnounced(incidentId: string, watchers: Watchers, names: string[], event: ChatEvent) {
  const updates = await getDb().outboxMessage.findMany({
    where: { incidentId, eventType: "incident.update" },
    orderBy: { createdAt: "asc" },
    include: { deliveries: { select: { subscriberId: true } } },
  });
  const chats = (
    await getDb().outboxMessage.findMany({
      where: { incidentId, eventType: CHAT_EVENT_TYPE },
      orderBy: { createdAt: "asc" },
      include: { chatDeliveries: { select: { channelId: true } } },
    })
  ).filter((m) => (m.payload as ChatMessage).event === event);
  expect(updates.length, "subscriber messages").toBeGreaterThan(0);
  expect(chats, `${event} chat messages`).toHaveLength(1);
  const update = updates.at(-1)!;
  const payload = update.payload as NotificationPayload;
  expect([...payload.email!.affectedComponents].sort()).toEqual([...names].sort());
  expect(payload.incident!.components.map((c) => c.name).sort()).toEqual([...names].sort());
  expect(update.deliveries.map((d) => d.subscriberId).sort()).toEqual([...watchers.subscriberIds].sort());
  const [message] = chats;
  expect(message.chatDeliveries.map((d) => d.channelId).sort()).toEqual([...watchers.channelIds].sort());
  expect((message.payload as ChatMessage).components.map((c) => c.name).sort()).toEqual([...names].sort());
  return { update, chat: message };
}

async function callShortForm(json: unknown) {
  const response = await (shortIncidentsRoute.POST as unknown as (r: Request, c: never) => Promise<Response>)(
    new Request("http://status.test/api/v1/incidents", {
      method: "POST",
      headers: { authorization: `OAuth ${apiKey}`, "content-type": "application/json" },
      body: JSON.stringify(json),
    }),
    { params: Promise.resolve({}) } as never,
  );
  return { status: response.status, json: await response.json() };
}

async function postAlerts(integrationId: string, token: string, body: unknown) {
  const response = await handleAlertWebhook(
    new Request(`http://localhost/api/integrations/${integrationId}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    }),
    integrationId,
  );
  expect(response.status).toBe(200);
}

async function alertRule(componentId: string, incidentMode: "publish" | "draft") {
  const template = await getDb().messageTemplate.create({
    data: { name: unique("Outage"), title: unique("Outage"), status: "identified", body: "We are on it." },
  });
  const { integration, token } = await createIntegration({
    ctx: { actor: owner },
    input: { name: unique("alertmanager"), source: "alertmanager", fireAfterSeconds: 0, recoverAfterSeconds: 0 },
  });
  await createAlertRule({
    ctx: { actor: owner },
    input: {
      integrationId: integration.id,
      matchers: `svc="${componentId}"`,
      componentId,
      firingStatus: "major_outage",
      incidentMode,
      incidentTemplateId: template.id,
    },
  });
  return { integrationId: integration.id, token };
}

describe("every path that creates an incident announces all of its components at once", () => {
  it("console: components set to their current status are named, and their watchers told", async () => {
    const changed = await createComponent({ name: unique("Console changed") });
    const same = await createComponent({ name: unique("Console same") });
    const watchers = await watch(same.id);
    const { incident } = await createIncident({
      ctx: { actor: responder },
      input: {
        name: unique("Console"),
        impact: "major",
        status: "investigating",
        message: "Looking.",
        components: [
          { componentId: changed.id, status: "partial_outage" },
          { componentId: same.id, status: "operational" },
        ],
      },
    });
    await expectAnnounced(incident.id, watchers, [changed.name, same.name], "incident.created");
  });

  it("short-form API: POST /api/v1/incidents names a component whose status it leaves as it is", async () => {
    const changed = await createComponent({ name: unique("Short changed") });
    const same = await createComponent({ name: unique("Short same") });
    const watchers = await watch(same.id);
    const response = await callShortForm({
      name: unique("Short form"),
      status: "investigating",
      impact: "minor",
      body: "Slow.",
      components: { [changed.id]: "degraded_performance", [same.id]: "operational" },
    });
    expect(response.status).toBe(201);
    await expectAnnounced(response.json.incident.id, watchers, [changed.name, same.name], "incident.created");
  });

  it("management API: component_ids for 11 components with statuses for 2 announce all 11 to a watcher of another", async () => {
    const components = await Promise.all(
      Array.from({ length: 11 }, (_, i) => createComponent({ name: unique(`Region ${i}`) })),
    );
    const watchers = await watch(components[7].id);
    const response = await callManagement(`${pageId}/incidents`, {
      key: apiKey,
      method: "POST",
      json: {
        incident: {
          name: unique("Eleven regions"),
          status: "investigating",
          body: "Errors in every region.",
          component_ids: components.map((c) => c.id),
          components: { [components[0].id]: "major_outage", [components[1].id]: "partial_outage" },
        },
      },
    });
    expect(response.status).toBe(201);
    expect(response.json.components).toHaveLength(11);
    const names = components.map((c) => c.name);
    await expectAnnounced(response.json.id, watchers, names, "incident.created");

    const worker = createNotificationWorker({
      policy: { allowPrivateTargets: true, allowLoopbackHttp: true },
      baseDelayMs: 20,
      maxDelayMs: 100,
      log: () => {},
      pruneEveryMs: 0,
    });
    await until(async () => {
      await worker.runOnce();
      const open = await getDb().chatDelivery.count({
        where: { channelId: { in: watchers.channelIds }, status: { not: "delivered" } },
      });
      const pending = await getDb().delivery.count({
        where: { subscriberId: { in: watchers.subscriberIds }, status: { not: "delivered" } },
      });
      return open === 0 && pending === 0;
    }, 20_000);
    expect(chat.rejected).toEqual([]);
    const mine = chat.hits.filter((h) => JSON.stringify(h.json).includes(response.json.id));
    expect(mine.map((h) => h.platform).sort()).toEqual([...CHAT_PLATFORMS].sort());
    for (const hit of mine) {
      const text = JSON.stringify(hit.json);
      expect(text, hit.platform).toContain("New incident");
      expect(names.filter((name) => text.includes(name)).length, hit.platform).toBe(10);
      expect(text, hit.platform).toContain("and 1 more component");
    }
    const hook = hooks.hits.find((h: ReceivedHook) => (h.json.incident as { id?: string })?.id === response.json.id);
    expect((hook?.json.incident as { components: unknown[] }).components).toHaveLength(11);
    const [mail] = smtp.to(watchers.email);
    for (const name of names) expect(decodeMail(mail.raw), name).toContain(name);
  });

  it("management API: an update that adds component_ids names them in its own message", async () => {
    const first = await createComponent({ name: unique("Update first") });
    const added = await createComponent({ name: unique("Update added") });
    const watchers = await watch(added.id, ["incident.updated"]);
    const created = await callManagement(`${pageId}/incidents`, {
      key: apiKey,
      method: "POST",
      json: { incident: { name: unique("Growing"), status: "investigating", component_ids: [first.id] } },
    });
    expect(created.status).toBe(201);
    const updated = await callManagement(`${pageId}/incidents/${created.json.id}`, {
      key: apiKey,
      method: "PATCH",
      json: { incident: { status: "identified", body: "Spreading.", component_ids: [added.id] } },
    });
    expect(updated.status).toBe(200);
    await expectAnnounced(created.json.id, watchers, [first.name, added.name], "incident.updated");
  });

  it("management API: an unknown id in component_ids is a 422 naming the field, and nothing is created", async () => {
    const known = await createComponent({ name: unique("Known") });
    const name = unique("Refused");
    const response = await callManagement(`${pageId}/incidents`, {
      key: apiKey,
      method: "POST",
      json: { incident: { name, status: "investigating", component_ids: [known.id, "nosuchcomponent"] } },
    });
    expect(response.status).toBe(422);
    expect(JSON.stringify(response.json)).toContain("component_ids");
    expect(await getDb().incident.count({ where: { name } })).toBe(0);
  });

  it("alert integration: an incident published at once names its component to that component's watchers", async () => {
    const component = await createComponent({ name: unique("Alerted") });
    const watchers = await watch(component.id);
    const { integrationId, token } = await alertRule(component.id, "publish");
    await postAlerts(integrationId, token, alertmanagerPayload([{ status: "firing", labels: { svc: component.id } }]));
    const incident = await getDb().incident.findFirstOrThrow({
      where: { components: { some: { componentId: component.id } } },
    });
    await expectAnnounced(incident.id, watchers, [component.name], "incident.created");
  });

  it("alert integration: a published draft names the component whose status the alert already set", async () => {
    const component = await createComponent({ name: unique("Drafted") });
    const { integrationId, token } = await alertRule(component.id, "draft");
    await postAlerts(integrationId, token, alertmanagerPayload([{ status: "firing", labels: { svc: component.id } }]));
    const watchers = await watch(component.id);
    const draft = await getDb().incidentDraft.findFirstOrThrow({ where: { componentId: component.id } });
    const { incidentId } = await publishIncidentDraft({ ctx: { actor: responder }, input: { draftId: draft.id } });
    await expectAnnounced(incidentId, watchers, [component.name], "incident.created");
  });

  it("importer: an imported incident is built whole and announces nothing", async () => {
    const component = await createComponent({ name: unique("Imported") });
    await watch(component.id);
    const id = unique("imp").replace(/-/g, "");
    const at = new Date(Date.now() - 3_600_000).toISOString();
    const result = await importIncident({
      ctx: { actor: owner },
      input: {
        id,
        name: "Imported outage",
        status: "resolved",
        impact: "minor",
        created_at: at,
        components: [{ id: component.id }],
        incident_updates: [
          {
            id: `${id}u`,
            status: "resolved",
            body: "Fixed.",
            created_at: at,
            affected_components: [],
          },
        ],
      },
    });
    expect(result.outcome).toBe("created");
    expect(await getDb().incidentComponent.count({ where: { incidentId: id } })).toBe(1);
    expect(await getDb().outboxMessage.count({ where: { incidentId: id } })).toBe(0);
  });
});
