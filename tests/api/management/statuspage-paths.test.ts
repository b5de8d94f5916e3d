import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { actorFor, createComponent, unique } from "@/tests/support/factories";
import { openManagementApi } from "@/tests/api/support";
import { decodeMail, startSmtpRecorder } from "@/tests/subscribers/support";
import { createComponentGroup } from "@/server/services/components/component-groups";
import { callManagement } from "@/tests/api/management/client";
import { expectShape, subscriberSchema, uptimeSchema } from "@/tests/api/management/statuspage-schemas";
import * as unknownRoute from "@/app/api/v1/[...unknownPath]/route";

let pageId: string;
let responder: string;

beforeAll(async () => {
  ({ pageId, responder } = await openManagementApi("Paths"));
});

const p = (rest: string) => `${pageId}/${rest}`;

describe("every path of Statuspage's API answers", () => {
  it("changes a subscriber's components with PATCH, and an empty list means every component", async () => {
    const [a, b] = [await createComponent(), await createComponent()];
    const created = await callManagement(p("subscribers"), {
      key: responder,
      method: "POST",
      json: {
        subscriber: {
          email: `${unique("patch")}@example.test`,
          skip_confirmation_notification: true,
          component_ids: [a.id],
        },
      },
    });
    const patched = await callManagement(p(`subscribers/${created.json.id}`), {
      key: responder,
      method: "PATCH",
      form: `subscriber[component_ids][]=${b.id}`,
    });
    expect(patched.status).toBe(200);
    expect(expectShape(subscriberSchema, patched.json).components).toEqual([b.id]);
    const all = await callManagement(p(`subscribers/${created.json.id}`), {
      key: responder,
      method: "PATCH",
      json: { subscriber: { component_ids: [] } },
    });
    expect(all.json.components).toBeNull();
    const unknown = await callManagement(p(`subscribers/${created.json.id}`), {
      key: responder,
      method: "PATCH",
      json: { subscriber: { component_ids: ["nope00000000"] } },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.json.error).toHaveProperty("component_ids");
  });

  it("resends confirmations in bulk, and reads, resends and removes an incident's subscriber by id", async () => {
    const smtp = await startSmtpRecorder();
    process.env.SMTP_URL = smtp.url;
    try {
      const email = `${unique("bulk")}@example.test`;
      const created = await callManagement(p("subscribers"), {
        key: responder,
        method: "POST",
        json: { subscriber: { email } },
      });
      expect(smtp.to(email)).toHaveLength(1);
      const bulk = await callManagement(p("subscribers/resend_confirmation"), {
        key: responder,
        method: "POST",
        json: { subscribers: [created.json.id] },
      });
      expect(bulk.status).toBe(202);
      expect(smtp.to(email)).toHaveLength(2);

      const incident = await callManagement(p("incidents"), {
        key: responder,
        method: "POST",
        json: { incident: { name: unique("Followed"), body: "b" } },
      });
      const follower = await getDb().subscriber.create({
        data: {
          kind: "email",
          email: `${unique("follower")}@example.test`,
          incidentId: incident.json.id,
          manageToken: unique("token"),
          addressKey: unique("key"),
        },
      });
      const read = await callManagement(p(`incidents/${incident.json.id}/subscribers/${follower.id}`), {
        key: responder,
      });
      expect(expectShape(subscriberSchema, read.json).id).toBe(follower.id);
      const resent = await callManagement(
        p(`incidents/${incident.json.id}/subscribers/${follower.id}/resend_confirmation`),
        { key: responder, method: "POST" },
      );
      expect(resent.status).toBe(201);
      expect(smtp.to(follower.email!)).toHaveLength(1);
      const removed = await callManagement(p(`incidents/${incident.json.id}/subscribers/${follower.id}`), {
        key: responder,
        method: "DELETE",
      });
      expect(removed.status).toBe(200);
      expect(removed.json.unsubscribed_at).not.toBeNull();
      const elsewhere = await callManagement(p(`incidents/${incident.json.id}/subscribers/${created.json.id}`), {
        key: responder,
      });
      expect(elsewhere.status).toBe(404);
    } finally {
      delete process.env.SMTP_URL;
      await smtp.close();
    }
  });

  it("subscribes an email address to one incident: confirmed by its link, told of that incident's updates only", async () => {
    const smtp = await startSmtpRecorder();
    process.env.SMTP_URL = smtp.url;
    try {
      const incident = await callManagement(p("incidents"), {
        key: responder,
        method: "POST",
        json: { incident: { name: unique("Followed by email"), body: "Looking into it." } },
      });
      const path = p(`incidents/${incident.json.id}/subscribers`);
      const email = `${unique("one-incident")}@example.test`;
      const pending = await callManagement(path, { key: responder, method: "POST", json: { subscriber: { email } } });
      expect(pending.status).toBe(201);
      expect(expectShape(subscriberSchema, pending.json)).toMatchObject({ email, mode: "email", components: [] });
      expect(pending.json).toMatchObject({ incident_id: incident.json.id, confirmed_at: null });
      const [confirmation] = smtp.to(email).map((mail) => decodeMail(mail.raw));
      expect(confirmation).toContain(`updates about ${incident.json.name}`);
      expect(confirmation).toMatch(/\/subscribe\/confirm\/[\w-]+/);

      const silent = `${unique("silent")}@example.test`;
      const confirmed = await callManagement(path, {
        key: responder,
        method: "POST",
        form: `subscriber[email]=${encodeURIComponent(silent)}&subscriber[skip_confirmation_notification]=true`,
      });
      expect(confirmed.status).toBe(201);
      expect(confirmed.json.confirmed_at).not.toBeNull();
      expect(smtp.to(silent)).toHaveLength(0);
      const again = await callManagement(path, {
        key: responder,
        method: "POST",
        json: { subscriber: { email: silent } },
      });
      expect(again.status).toBe(422);
      expect(again.json.error.email).toEqual(["This address already follows this incident."]);

      const listed = async (state: string) =>
        (await callManagement(path, { key: responder, query: `state=${state}` })).json.map((s: { id: string }) => s.id);
      expect(await listed("active")).toEqual([confirmed.json.id]);
      expect((await listed("all")).sort()).toEqual([pending.json.id, confirmed.json.id].sort());
      const pageLevel = await callManagement(p("subscribers"), { key: responder, query: `q=${silent}&state=all` });
      expect(pageLevel.status).toBe(200);
      expect(pageLevel.json).toEqual([]);

      const update = await callManagement(p(`incidents/${incident.json.id}`), {
        key: responder,
        method: "PATCH",
        json: { incident: { status: "identified", body: "Found it." } },
      });
      expect(update.status).toBe(200);
      const queued = await getDb().delivery.findMany({
        where: { subscriberId: { in: [pending.json.id, confirmed.json.id] } },
        select: { subscriberId: true },
      });
      expect(queued.map((d) => d.subscriberId)).toEqual([confirmed.json.id]);
    } finally {
      delete process.env.SMTP_URL;
      await smtp.close();
    }
  });

  it("refuses an incident subscriber it cannot keep, naming the field", async () => {
    const incident = await callManagement(p("incidents"), {
      key: responder,
      method: "POST",
      json: { incident: { name: unique("Refusals"), body: "b" } },
    });
    const path = p(`incidents/${incident.json.id}/subscribers`);
    const post = (subscriber: object, to = path) =>
      callManagement(to, { key: responder, method: "POST", json: { subscriber } });
    const sms = await post({ phone_number: "5555550100", phone_country: "US" });
    expect(sms.status).toBe(422);
    expect(sms.json.error).toHaveProperty("phone_number");
    const webhook = await post({ endpoint: "http://127.0.0.1:9/hook" });
    expect(webhook.status).toBe(422);
    expect(webhook.json.error).toHaveProperty("endpoint");
    const nothing = await post({});
    expect(nothing.status).toBe(422);
    expect(nothing.json.error).toHaveProperty("email");
    const badAddress = await post({ email: "not-an-address" });
    expect(badAddress.status).toBe(422);
    expect(badAddress.json.error).toHaveProperty("email");
    const withComponents = await post({
      email: `${unique("c")}@example.test`,
      component_ids: [(await createComponent()).id],
    });
    expect(withComponents.status).toBe(422);
    expect(withComponents.json.error).toHaveProperty("component_ids");
    const missing = await post({ email: `${unique("m")}@example.test` }, p("incidents/nope00000000/subscribers"));
    expect(missing.status).toBe(404);

    await callManagement(p(`incidents/${incident.json.id}`), {
      key: responder,
      method: "PATCH",
      json: { incident: { status: "resolved", body: "Over." } },
    });
    const late = await post({ email: `${unique("late")}@example.test` });
    expect(late.status).toBe(422);
    expect(late.json.error.incident).toEqual(["That incident is already resolved; there will be no more updates."]);
  });

  it("computes a component group's uptime as the average of its components', by the page's rule", async () => {
    const { group } = await createComponentGroup({
      ctx: { actor: await actorFor("owner") },
      input: { name: unique("Group") },
    });
    const start = new Date("2024-01-01T00:00:00Z");
    const [down] = [
      await createComponent({ groupId: group.id, startDate: start }),
      await createComponent({ groupId: group.id, startDate: start }),
    ];
    await getDb().componentStatusChange.createMany({
      data: [
        {
          componentId: down.id,
          fromStatus: "operational",
          toStatus: "major_outage",
          changedAt: new Date("2024-02-01T00:00:00Z"),
        },
        {
          componentId: down.id,
          fromStatus: "major_outage",
          toStatus: "operational",
          changedAt: new Date("2024-02-02T00:00:00Z"),
        },
      ],
    });
    const uptime = await callManagement(p(`component-groups/${group.id}/uptime`), {
      key: responder,
      query: "start=2024-02-01&end=2024-02-02",
    });
    expect(uptime.status).toBe(200);
    expect(expectShape(uptimeSchema, uptime.json)).toMatchObject({
      id: group.id,
      range_start: "2024-02-01",
      range_end: "2024-02-02",
      uptime_percentage: 75,
      major_outage: 86_400,
    });
  });

  it("answers 501 with a sentence for what this product does not do, and a JSON 404 for paths that are nowhere", async () => {
    const call = (path: string) =>
      unknownRoute.GET(
        new Request(`http://status.test/api/v1/${path}`, { headers: { authorization: `OAuth ${responder}` } }),
        { params: Promise.resolve({ unknownPath: path.split("/") }) },
      );
    const organizations = await call("organizations/org1/users");
    expect(organizations.status).toBe(501);
    expect((await organizations.json()).error).toMatch(/console/);
    const nowhere = await call("nothing/here");
    expect(nowhere.status).toBe(404);
    expect((await nowhere.json()).error).toMatch(/\/api\/v1\/pages/);
    const anonymous = await unknownRoute.GET(new Request("http://status.test/api/v1/nothing"), {
      params: Promise.resolve({ unknownPath: ["nothing"] }),
    });
    expect(anonymous.status).toBe(401);
  });
});
