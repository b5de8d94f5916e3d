import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { toAppError } from "@/server/errors";
import { unique } from "@/tests/support/factories";
import { createSubscription } from "@/server/services/subscribers/create-subscription";
import { confirmSubscription } from "@/server/services/subscribers/confirm-subscription";
import { subscriptionLimits } from "@/server/services/subscribers/subscription-limits";
import { prunePendingSubscribers, PENDING_SUBSCRIBER_TTL_MS } from "@/server/notifications/prune-pending-subscribers";
import { confirmTokenFrom, ensurePageExists, memoryMailer } from "@/tests/subscribers/support";
import { postIncidentUpdate } from "@/tests/subscribers/support";
import type { Mailer } from "@/server/notifications/mailer";

let next = 0;
const address = () => `127.${(process.pid % 200) + 20}.${Math.floor(next / 250) % 250}.${(next++ % 250) + 1}`;

beforeAll(async () => {
  await ensurePageExists();
});

describe("subscription abuse", () => {
  it("one client cannot subscribe address after address: every kind and scope counts against its cap", async () => {
    const client = address();
    const mail = memoryMailer();
    const { perAddressPerHour } = subscriptionLimits();
    const incident = await postIncidentUpdate({ componentIds: [] });
    const outcomes: string[] = [];
    for (let i = 0; i < perAddressPerHour + 5; i++) {
      const input = i % 2 === 0
        ? { kind: "email" as const, email: `${unique("flood")}@example.test`, allComponents: true }
        : { kind: "email" as const, email: `${unique("flood")}@example.test`, allComponents: false, incidentId: incident.incident.id };
      const result = await createSubscription({ ctx: { mailer: mail.mailer, clientAddress: client }, input }).then(() => "ok", (error) => toAppError(error).code);
      outcomes.push(result);
    }
    expect(outcomes.filter((o) => o === "ok")).toHaveLength(perAddressPerHour);
    expect(outcomes.slice(perAddressPerHour)).toEqual(Array(5).fill("RATE_LIMITED"));
    const other = await createSubscription({ ctx: { mailer: mail.mailer, clientAddress: address() }, input: { kind: "email", email: `${unique("calm")}@example.test`, allComponents: true } });
    expect(other.kind).toBe("email");
  });

  it("per-incident subscriptions share the per-email cap with page-wide ones", async () => {
    const mail = memoryMailer();
    const email = `${unique("inbox")}@example.test`;
    const incidents = await Promise.all([0, 1, 2, 3].map(() => postIncidentUpdate({ componentIds: [] })));
    await createSubscription({ ctx: { mailer: mail.mailer }, input: { kind: "email", email, allComponents: true } });
    for (const incident of incidents.slice(0, 2)) {
      await createSubscription({ ctx: { mailer: mail.mailer }, input: { kind: "email", email, allComponents: false, incidentId: incident.incident.id } });
    }
    const fourth = await createSubscription({ ctx: { mailer: mail.mailer }, input: { kind: "email", email, allComponents: false, incidentId: incidents[3].incident.id } }).catch(toAppError);
    expect(fourth).toMatchObject({ code: "VALIDATION", fieldErrors: { email: [expect.stringMatching(/already emailed this address/)] } });
    expect(mail.sent).toHaveLength(3);
  });

  it("keeps no pending subscriber when the confirmation email could not be sent", async () => {
    const email = `${unique("bounce")}@example.test`;
    const failing: Mailer = { send: async () => { throw new Error("SMTP down"); } } as unknown as Mailer;
    const error = await createSubscription({ ctx: { mailer: failing }, input: { kind: "email", email, allComponents: true } }).catch(toAppError);
    expect(error).toMatchObject({ code: "UNAVAILABLE" });
    expect(await getDb().subscriber.count({ where: { email } })).toBe(0);
  });

  it("unconfirmed subscribers expire: the link stops working and the worker deletes them", async () => {
    const mail = memoryMailer();
    const email = `${unique("late")}@example.test`;
    await createSubscription({ ctx: { mailer: mail.mailer }, input: { kind: "email", email, allComponents: true } });
    const old = new Date(Date.now() - PENDING_SUBSCRIBER_TTL_MS - 60_000);
    await getDb().$executeRaw`UPDATE subscribers SET updated_at = ${old} WHERE email = ${email}`;
    const refused = await confirmSubscription({ ctx: {}, input: { token: confirmTokenFrom(mail.sent[0]) } }).catch(toAppError);
    expect(refused).toMatchObject({ code: "NOT_FOUND", message: expect.stringMatching(/expired/) });
    expect(await prunePendingSubscribers()).toBeGreaterThanOrEqual(1);
    expect(await getDb().subscriber.count({ where: { email } })).toBe(0);
  });
});
