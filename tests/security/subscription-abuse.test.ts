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
import http from "node:http";
import type { AddressInfo } from "node:net";
import { verifyWebhookSignature } from "@/server/notifications/signature";
import { verificationAnswer } from "@/tests/support/webhook-endpoint";

/** A loopback endpoint that records what it is sent and answers verification only when told to. */
async function endpoint(echo: boolean) {
  const received: Array<{ body: string; signature: string }> = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      received.push({ body, signature: String(req.headers["x-statuspage-signature"]) });
      const answer = echo ? verificationAnswer(body) : null;
      if (answer) res.writeHead(200).end(answer);
      else res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    close: () => new Promise((r) => server.close(r)),
  };
}

let next = 0;
const address = () => `127.${(process.pid % 200) + 20}.${Math.floor(next / 250) % 250}.${(next++ % 250) + 1}`;

beforeAll(async () => {
  await ensurePageExists();
});

describe("subscription abuse", () => {
  it("a webhook is stored only after its endpoint answers a signed verification request with the challenge", async () => {
    process.env.WEBHOOK_ALLOW_PRIVATE = "1";
    const accepting = await endpoint(false);
    const willing = await endpoint(true);
    try {
      const refused = await createSubscription({
        ctx: {},
        input: { kind: "webhook", endpoint: accepting.url, allComponents: true },
      }).catch(toAppError);
      expect(refused).toMatchObject({
        code: "VALIDATION",
        fieldErrors: { endpoint: [expect.stringMatching(/challenge/)] },
      });
      expect(accepting.received).toHaveLength(1);
      expect(JSON.parse(accepting.received[0].body)).toMatchObject({
        type: "subscription.verify",
        challenge: expect.any(String),
      });
      expect(await getDb().subscriber.count({ where: { endpoint: accepting.url } })).toBe(0);

      const hook = await createSubscription({
        ctx: {},
        input: { kind: "webhook", endpoint: willing.url, allComponents: true },
      });
      if (hook.kind !== "webhook") throw new Error("expected a webhook");
      const [verification] = willing.received;
      expect(
        verifyWebhookSignature({ secret: hook.signingSecret, body: verification.body, header: verification.signature }),
      ).toBe(true);
      const stored = await getDb().subscriber.findUniqueOrThrow({ where: { id: hook.subscriberId } });
      expect(stored.confirmedAt).not.toBeNull();
    } finally {
      delete process.env.WEBHOOK_ALLOW_PRIVATE;
      await accepting.close();
      await willing.close();
    }
  });

  it("one client cannot subscribe address after address: every kind and scope counts against its cap", async () => {
    const client = address();
    const mail = memoryMailer();
    const { perAddressPerHour } = subscriptionLimits();
    const incident = await postIncidentUpdate({ componentIds: [] });
    const outcomes: string[] = [];
    for (let i = 0; i < perAddressPerHour + 5; i++) {
      const input =
        i % 2 === 0
          ? { kind: "email" as const, email: `${unique("flood")}@example.test`, allComponents: true }
          : {
              kind: "email" as const,
              email: `${unique("flood")}@example.test`,
              allComponents: false,
              incidentId: incident.incident.id,
            };
      const result = await createSubscription({ ctx: { mailer: mail.mailer, clientAddress: client }, input }).then(
        () => "ok",
        (error) => toAppError(error).code,
      );
      outcomes.push(result);
    }
    expect(outcomes.filter((o) => o === "ok")).toHaveLength(perAddressPerHour);
    expect(outcomes.slice(perAddressPerHour)).toEqual(Array(5).fill("RATE_LIMITED"));
    const other = await createSubscription({
      ctx: { mailer: mail.mailer, clientAddress: address() },
      input: { kind: "email", email: `${unique("calm")}@example.test`, allComponents: true },
    });
    expect(other.kind).toBe("email");
  });

  it("per-incident subscriptions share the per-email cap with page-wide ones", async () => {
    const mail = memoryMailer();
    const email = `${unique("inbox")}@example.test`;
    const incidents = await Promise.all([0, 1, 2, 3].map(() => postIncidentUpdate({ componentIds: [] })));
    await createSubscription({ ctx: { mailer: mail.mailer }, input: { kind: "email", email, allComponents: true } });
    for (const incident of incidents.slice(0, 2)) {
      await createSubscription({
        ctx: { mailer: mail.mailer },
        input: { kind: "email", email, allComponents: false, incidentId: incident.incident.id },
      });
    }
    const fourth = await createSubscription({
      ctx: { mailer: mail.mailer },
      input: { kind: "email", email, allComponents: false, incidentId: incidents[3].incident.id },
    }).catch(toAppError);
    expect(fourth).toMatchObject({
      code: "VALIDATION",
      fieldErrors: { email: [expect.stringMatching(/already emailed this address/)] },
    });
    expect(mail.sent).toHaveLength(3);
  });

  it("keeps no pending subscriber when the confirmation email could not be sent", async () => {
    const email = `${unique("bounce")}@example.test`;
    const failing: Mailer = {
      send: async () => {
        throw new Error("SMTP down");
      },
    };
    const error = await createSubscription({
      ctx: { mailer: failing },
      input: { kind: "email", email, allComponents: true },
    }).catch(toAppError);
    expect(error).toMatchObject({ code: "UNAVAILABLE" });
    expect(await getDb().subscriber.count({ where: { email } })).toBe(0);
  });

  it("unconfirmed subscribers expire: the link stops working and the worker deletes them", async () => {
    const mail = memoryMailer();
    const email = `${unique("late")}@example.test`;
    await createSubscription({ ctx: { mailer: mail.mailer }, input: { kind: "email", email, allComponents: true } });
    const old = new Date(Date.now() - PENDING_SUBSCRIBER_TTL_MS - 60_000);
    await getDb().$executeRaw`UPDATE subscribers SET updated_at = ${old} WHERE email = ${email}`;
    const refused = await confirmSubscription({ ctx: {}, input: { token: confirmTokenFrom(mail.sent[0]) } }).catch(
      toAppError,
    );
    expect(refused).toMatchObject({ code: "NOT_FOUND", message: expect.stringMatching(/expired/) });
    expect(await prunePendingSubscribers()).toBeGreaterThanOrEqual(1);
    expect(await getDb().subscriber.count({ where: { email } })).toBe(0);
  });
});
