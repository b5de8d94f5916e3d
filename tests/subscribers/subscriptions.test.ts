import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { actorFor, createComponent, unique } from "@/tests/support/factories";
import { createSubscription } from "@/server/services/subscribers/create-subscription";
import { confirmSubscription } from "@/server/services/subscribers/confirm-subscription";
import { updateSubscription } from "@/server/services/subscribers/update-subscription";
import { unsubscribe } from "@/server/services/subscribers/unsubscribe";
import { removeSubscriber } from "@/server/services/subscribers/remove-subscriber";
import { confirmTokenFrom, ensurePageExists, memoryMailer, postIncidentUpdate } from "@/tests/subscribers/support";
import { startVerifyingEndpoint } from "@/tests/support/webhook-endpoint";

let deadEndpoint: Awaited<ReturnType<typeof startVerifyingEndpoint>>;

async function expectFieldError(promise: Promise<unknown>, field: string): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  const messages = (error as AppError).fieldErrors?.[field];
  expect(messages, `field error for ${field}`).toBeTruthy();
  return messages![0];
}

async function subscribeEmail(
  mail: ReturnType<typeof memoryMailer>,
  input: { allComponents: boolean; componentIds?: string[]; incidentId?: string },
) {
  const email = `${unique("reader")}@example.test`;
  await createSubscription({
    ctx: { mailer: mail.mailer },
    input: { kind: "email", email, componentIds: [], ...input },
  });
  const subscriber = await getDb().subscriber.findFirstOrThrow({ where: { email } });
  return { email, subscriber };
}

describe("email and webhook subscriptions", () => {
  beforeAll(async () => {
    deadEndpoint = await startVerifyingEndpoint();
    process.env.WEBHOOK_ALLOW_PRIVATE = "1";
    await ensurePageExists();
  });
  afterAll(async () => {
    await deadEndpoint.close();
    delete process.env.WEBHOOK_ALLOW_PRIVATE;
  });

  it("double opt-in: nothing is queued before the confirmation link is opened", async () => {
    const mail = memoryMailer();
    const component = await createComponent();
    const { email, subscriber } = await subscribeEmail(mail, { allComponents: false, componentIds: [component.id] });

    expect(mail.sent).toHaveLength(1);
    expect(mail.sent[0].to).toBe(email);
    expect(mail.sent[0].subject).toMatch(/Confirm your subscription/);
    expect(subscriber.confirmedAt).toBeNull();
    expect(subscriber.confirmTokenHash).not.toContain(confirmTokenFrom(mail.sent[0]));

    await postIncidentUpdate({ componentIds: [component.id] });
    expect(await getDb().delivery.count({ where: { subscriberId: subscriber.id } })).toBe(0);

    await confirmSubscription({ ctx: {}, input: { token: confirmTokenFrom(mail.sent[0]) } });
    await postIncidentUpdate({ componentIds: [component.id] });
    expect(await getDb().delivery.count({ where: { subscriberId: subscriber.id } })).toBe(1);

    await expect(
      confirmSubscription({ ctx: {}, input: { token: confirmTokenFrom(mail.sent[0]) } }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("subscribing an active address again sends a manage link and changes nothing", async () => {
    const mail = memoryMailer();
    const component = await createComponent();
    const { email, subscriber } = await subscribeEmail(mail, { allComponents: false, componentIds: [component.id] });
    await confirmSubscription({ ctx: {}, input: { token: confirmTokenFrom(mail.sent[0]) } });

    await createSubscription({
      ctx: { mailer: mail.mailer },
      input: { kind: "email", email: email.toUpperCase(), allComponents: true },
    });
    expect(mail.sent).toHaveLength(2);
    expect(mail.sent[1].text).toContain(`/subscribe/manage/${subscriber.manageToken}`);
    const after = await getDb().subscriber.findUniqueOrThrow({ where: { id: subscriber.id } });
    expect(after.allComponents).toBe(false);
    expect(after.confirmedAt).not.toBeNull();
  });

  it("the form cannot flood an inbox: a few emails per address per hour", async () => {
    const mail = memoryMailer();
    const email = `${unique("flood")}@example.test`;
    for (let i = 0; i < 3; i++)
      await createSubscription({ ctx: { mailer: mail.mailer }, input: { kind: "email", email, allComponents: true } });
    expect(
      await expectFieldError(
        createSubscription({ ctx: { mailer: mail.mailer }, input: { kind: "email", email, allComponents: true } }),
        "email",
      ),
    ).toMatch(/several times in the last hour/);
    expect(mail.sent).toHaveLength(3);

    const active = await subscribeEmail(mail, { allComponents: true });
    await confirmSubscription({ ctx: {}, input: { token: confirmTokenFrom(mail.sent[3]) } });
    for (let i = 0; i < 2; i++)
      await createSubscription({
        ctx: { mailer: mail.mailer },
        input: { kind: "email", email: active.email, allComponents: true },
      });
    await expect(
      createSubscription({
        ctx: { mailer: mail.mailer },
        input: { kind: "email", email: active.email, allComponents: true },
      }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    expect(mail.sent).toHaveLength(6);
  });

  it("unsubscribing stops future messages and drops queued ones", async () => {
    const mail = memoryMailer();
    const component = await createComponent();
    const { subscriber } = await subscribeEmail(mail, { allComponents: false, componentIds: [component.id] });
    await confirmSubscription({ ctx: {}, input: { token: confirmTokenFrom(mail.sent[0]) } });
    await postIncidentUpdate({ componentIds: [component.id] });

    const result = await unsubscribe({ ctx: {}, input: { token: subscriber.manageToken } });
    expect(result.alreadyUnsubscribed).toBe(false);
    expect((await unsubscribe({ ctx: {}, input: { token: subscriber.manageToken } })).alreadyUnsubscribed).toBe(true);

    const queued = await getDb().delivery.findMany({ where: { subscriberId: subscriber.id } });
    expect(queued.filter((d) => d.status === "pending" || d.status === "failed")).toEqual([]);
    await postIncidentUpdate({ componentIds: [component.id] });
    expect(await getDb().delivery.count({ where: { subscriberId: subscriber.id } })).toBe(1);
  });

  it("component filtering: only subscribers of an affected component, or of all components, are queued", async () => {
    const mail = memoryMailer();
    const [api, web] = [await createComponent(), await createComponent()];
    const apiOnly = await subscribeEmail(mail, { allComponents: false, componentIds: [api.id] });
    const webOnly = await subscribeEmail(mail, { allComponents: false, componentIds: [web.id] });
    const everything = await subscribeEmail(mail, { allComponents: true });
    for (const sent of mail.sent) await confirmSubscription({ ctx: {}, input: { token: confirmTokenFrom(sent) } });

    const { update } = await postIncidentUpdate({ componentIds: [api.id] });
    const message = await getDb().outboxMessage.findFirstOrThrow({
      where: { deliveries: { some: { subscriberId: apiOnly.subscriber.id } } },
      include: { deliveries: true },
    });
    const recipients = message.deliveries.map((d) => d.subscriberId);
    expect(recipients).toContain(apiOnly.subscriber.id);
    expect(recipients).toContain(everything.subscriber.id);
    expect(recipients).not.toContain(webOnly.subscriber.id);
    expect(
      (message.payload as { incident: { incident_updates: { id: string }[] } }).incident.incident_updates[0].id,
    ).toBe(update.id);

    await updateSubscription({
      ctx: {},
      input: { token: webOnly.subscriber.manageToken, allComponents: false, componentIds: [api.id, web.id] },
    });
    await postIncidentUpdate({ componentIds: [api.id] });
    expect(await getDb().delivery.count({ where: { subscriberId: webOnly.subscriber.id } })).toBe(1);
  });

  it("an update posted without notifications queues nothing", async () => {
    const mail = memoryMailer();
    const component = await createComponent();
    const { subscriber } = await subscribeEmail(mail, { allComponents: false, componentIds: [component.id] });
    await confirmSubscription({ ctx: {}, input: { token: confirmTokenFrom(mail.sent[0]) } });
    await postIncidentUpdate({ componentIds: [component.id], deliverNotifications: false });
    expect(await getDb().delivery.count({ where: { subscriberId: subscriber.id } })).toBe(0);
  });

  it("a per-incident subscription hears about that incident only", async () => {
    const mail = memoryMailer();
    const component = await createComponent();
    const { incident } = await postIncidentUpdate({ componentIds: [component.id] });
    const { subscriber } = await subscribeEmail(mail, { allComponents: false, incidentId: incident.id });
    await confirmSubscription({ ctx: {}, input: { token: confirmTokenFrom(mail.sent[0]) } });
    expect(mail.sent[0].text).toContain("updates about one incident");

    await postIncidentUpdate({ componentIds: [component.id] });
    expect(await getDb().delivery.count({ where: { subscriberId: subscriber.id } })).toBe(0);
    await postIncidentUpdate({ componentIds: [], incidentId: incident.id });
    expect(await getDb().delivery.count({ where: { subscriberId: subscriber.id } })).toBe(1);
  });

  it("component changes reach webhooks, not email", async () => {
    const mail = memoryMailer();
    const component = await createComponent();
    const hook = await createSubscription({
      ctx: {},
      input: {
        kind: "webhook",
        endpoint: deadEndpoint.url("/hook"),
        allComponents: false,
        componentIds: [component.id],
      },
    });
    const { subscriber: emailSub } = await subscribeEmail(mail, { allComponents: false, componentIds: [component.id] });
    await confirmSubscription({ ctx: {}, input: { token: confirmTokenFrom(mail.sent[0]) } });
    if (hook.kind !== "webhook") throw new Error("expected a webhook");

    const { recordIncidentEvent } = await import("@/server/services/incidents/incident-events");
    await getDb().$transaction((tx) =>
      recordIncidentEvent(tx, {
        type: "component.update",
        componentId: component.id,
        oldStatus: "operational",
        newStatus: "major_outage",
      }),
    );
    const [delivery] = await getDb().delivery.findMany({
      where: { subscriberId: hook.subscriberId },
      include: { message: true },
    });
    expect(delivery.message.eventType).toBe("component.update");
    expect(delivery.message.payload).toMatchObject({
      component_update: { component_id: component.id, old_status: "operational", new_status: "major_outage" },
    });
    expect(await getDb().delivery.count({ where: { subscriberId: emailSub.id } })).toBe(0);
  });

  it("bad input names the field", async () => {
    const mail = memoryMailer();
    expect(
      await expectFieldError(
        createSubscription({
          ctx: { mailer: mail.mailer },
          input: { kind: "email", email: "not-an-address", allComponents: true },
        }),
        "email",
      ),
    ).toMatch(/email address/);
    expect(
      await expectFieldError(
        createSubscription({
          ctx: { mailer: mail.mailer },
          input: { kind: "email", email: "a@example.test", allComponents: false, componentIds: [] },
        }),
        "componentIds",
      ),
    ).toMatch(/at least one/);
    expect(
      await expectFieldError(
        createSubscription({
          ctx: { mailer: mail.mailer },
          input: { kind: "email", email: "a@example.test", allComponents: false, componentIds: ["nope"] },
        }),
        "componentIds",
      ),
    ).toMatch(/no longer exists/);
    expect(
      await expectFieldError(
        createSubscription({
          ctx: {},
          input: { kind: "webhook", endpoint: "ftp://example.com/x", allComponents: true },
        }),
        "endpoint",
      ),
    ).toMatch(/https/);
    expect(
      await expectFieldError(
        createSubscription({
          ctx: { mailer: mail.mailer },
          input: { kind: "email", email: "a@example.test", allComponents: true, incidentId: "missing" },
        }),
        "incidentId",
      ),
    ).toMatch(/does not exist/);
    const both = await createSubscription({
      ctx: { mailer: mail.mailer },
      input: { kind: "email", email: "", allComponents: false },
    }).catch((e: AppError) => e);
    expect(Object.keys((both as AppError).fieldErrors ?? {}).sort()).toEqual(["componentIds", "email"]);
    expect(mail.sent).toHaveLength(0);
  });

  it("webhook subscriptions to private networks are refused unless allowed", async () => {
    delete process.env.WEBHOOK_ALLOW_PRIVATE;
    try {
      for (const endpoint of [
        "http://127.0.0.1/hook",
        "https://10.1.2.3/hook",
        "https://169.254.169.254/latest",
        "https://[::1]/x",
        "https://localhost/x",
      ]) {
        expect(
          await expectFieldError(
            createSubscription({ ctx: {}, input: { kind: "webhook", endpoint, allComponents: true } }),
            "endpoint",
          ),
        ).toMatch(/address|https/);
      }
    } finally {
      process.env.WEBHOOK_ALLOW_PRIVATE = "1";
    }
  });

  it("the email is not sent and the service says so when SMTP is down, logging one line without a stack", async () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:25"), { code: "ECONNREFUSED" });
    const failing = {
      async send() {
        throw refused;
      },
    };
    const logged: unknown[][] = [];
    const spy = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void logged.push(args));
    try {
      await expect(
        createSubscription({
          ctx: { mailer: failing },
          input: { kind: "email", email: `${unique("x")}@example.test`, allComponents: true },
        }),
      ).rejects.toMatchObject({ code: "UNAVAILABLE" });
    } finally {
      spy.mockRestore();
    }
    expect(logged).toEqual([["Could not send the subscription email: connect ECONNREFUSED 127.0.0.1:25"]]);
  });

  it("owners remove subscribers; responders are refused", async () => {
    const hook = await createSubscription({
      ctx: {},
      input: { kind: "webhook", endpoint: deadEndpoint.url("/hook"), allComponents: true },
    });
    if (hook.kind !== "webhook") throw new Error("expected a webhook");
    await expect(
      removeSubscriber({ ctx: { actor: await actorFor("responder") }, input: { subscriberId: hook.subscriberId } }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await removeSubscriber({ ctx: { actor: await actorFor("owner") }, input: { subscriberId: hook.subscriberId } });
    expect(await getDb().subscriber.findUnique({ where: { id: hook.subscriberId } })).toBeNull();
    const audit = await getDb().auditLog.findFirst({
      where: { action: "subscriber.remove", entityId: hook.subscriberId },
    });
    expect(audit).not.toBeNull();
  });
});
