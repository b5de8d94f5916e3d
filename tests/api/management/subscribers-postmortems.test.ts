import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { getDb } from "@/server/db/client";
import { actorFor, createComponent, unique } from "@/tests/support/factories";
import { ensurePageOnce } from "@/tests/api/support";
import { startSmtpRecorder } from "@/tests/subscribers/support";
import { createApiKey } from "@/server/services/api-keys/create-api-key";
import { callManagement } from "@/tests/api/management/client";
import {
  expectShape,
  incidentSchema,
  pageSchema,
  postmortemSchema,
  subscriberCountByTypeAndStateSchema,
  subscriberCountByTypeSchema,
  subscriberSchema,
  templateSchema,
} from "@/tests/api/management/statuspage-schemas";

let pageId: string;
let responder: string;
let viewer: string;
let smtp: Awaited<ReturnType<typeof startSmtpRecorder>>;

beforeAll(async () => {
  process.env.MANAGEMENT_API_RATE_LIMIT = "0";
  smtp = await startSmtpRecorder();
  process.env.SMTP_URL = smtp.url;
  pageId = (await ensurePageOnce()).id;
  const owner = await actorFor("owner");
  responder = (await createApiKey({ ctx: { actor: owner }, input: { name: unique("Bot"), role: "responder" } })).token;
  viewer = (await createApiKey({ ctx: { actor: owner }, input: { name: unique("Reader"), role: "viewer" } })).token;
});

afterAll(async () => {
  delete process.env.SMTP_URL;
  await smtp.close();
});

const p = (rest: string) => `${pageId}/${rest}`;

/** Page subscribers per type and state, counted straight from the rows: quarantined wins over (un)confirmed. */
async function databaseHistogram() {
  const rows = await getDb().subscriber.findMany({
    where: { incidentId: null, unsubscribedAt: null },
    select: { kind: true, confirmedAt: true, disabledAt: true },
  });
  const empty = () => ({ active: 0, unconfirmed: 0, quarantined: 0, total: 0 });
  const histogram = {
    email: empty(),
    sms: empty(),
    webhook: empty(),
    integration_partner: empty(),
    slack: empty(),
    teams: empty(),
  };
  for (const row of rows) {
    const bucket = histogram[row.kind];
    bucket[row.disabledAt ? "quarantined" : row.confirmedAt ? "active" : "unconfirmed"] += 1;
    bucket.total += 1;
  }
  return histogram;
}

describe("subscribers", () => {
  it("adds an email subscriber without any email when skip_confirmation_notification is set, for chosen components", async () => {
    const component = await createComponent();
    const email = `${unique("quiet")}@example.test`;
    const response = await callManagement(p("subscribers"), {
      key: responder,
      method: "POST",
      json: { subscriber: { email, skip_confirmation_notification: true, component_ids: [component.id] } },
    });
    expect(response.status).toBe(201);
    const subscriber = expectShape(subscriberSchema, response.json);
    expect(subscriber).toMatchObject({
      mode: "email",
      email,
      components: [component.id],
      skip_confirmation_notification: true,
    });
    const row = await getDb().subscriber.findUniqueOrThrow({ where: { id: subscriber.id } });
    expect(row.confirmedAt).not.toBeNull();
    expect(smtp.to(email)).toHaveLength(0);
    const listed = await callManagement(p("subscribers"), { key: responder, query: `q=${encodeURIComponent(email)}` });
    expect(
      z
        .array(subscriberSchema)
        .parse(listed.json)
        .map((s) => s.id),
    ).toEqual([subscriber.id]);
  });

  it("emails a confirmation link otherwise (form body), lists it as unconfirmed, and resends on request", async () => {
    const email = `${unique("optin")}@example.test`;
    const response = await callManagement(p("subscribers"), {
      key: responder,
      method: "POST",
      form: `subscriber[email]=${encodeURIComponent(email)}`,
    });
    expect(response.status).toBe(201);
    expect(smtp.to(email)).toHaveLength(1);
    const active = await callManagement(p("subscribers"), { key: responder, query: `q=${encodeURIComponent(email)}` });
    expect(active.json).toEqual([]);
    const unconfirmed = await callManagement(p("subscribers"), {
      key: responder,
      query: `q=${encodeURIComponent(email)}&state=unconfirmed`,
    });
    expect(unconfirmed.json.map((s: { id: string }) => s.id)).toEqual([response.json.id]);
    const resent = await callManagement(p(`subscribers/${response.json.id}/resend_confirmation`), {
      key: responder,
      method: "POST",
    });
    expect(resent.status).toBe(201);
    expect(smtp.to(email)).toHaveLength(2);
  });

  it("unsubscribes with DELETE, answering the subscriber; viewers cannot read subscribers", async () => {
    const email = `${unique("leaver")}@example.test`;
    const created = await callManagement(p("subscribers"), {
      key: responder,
      method: "POST",
      json: { subscriber: { email, skip_confirmation_notification: true } },
    });
    const deleted = await callManagement(p(`subscribers/${created.json.id}`), { key: responder, method: "DELETE" });
    expect(deleted.status).toBe(200);
    expect(expectShape(subscriberSchema, deleted.json).id).toBe(created.json.id);
    expect(
      (await getDb().subscriber.findUniqueOrThrow({ where: { id: created.json.id } })).unsubscribedAt,
    ).not.toBeNull();
    expect((await callManagement(p("subscribers"), { key: viewer })).status).toBe(403);
    const unsubscribed = await callManagement(p("subscribers/unsubscribed"), {
      key: responder,
      query: `q=${encodeURIComponent(email)}`,
    });
    expect(unsubscribed.json.map((s: { id: string }) => s.id)).toEqual([created.json.id]);
  });

  it("counts page subscribers by type and histograms them by type and state, agreeing with the database", async () => {
    const email = (name: string) => `${unique(name)}@example.test`;
    await callManagement(p("subscribers"), {
      key: responder,
      method: "POST",
      json: { subscriber: { email: email("active"), skip_confirmation_notification: true } },
    });
    await callManagement(p("subscribers"), {
      key: responder,
      method: "POST",
      form: `subscriber[email]=${encodeURIComponent(email("pending"))}`,
    });
    const quarantined = await callManagement(p("subscribers"), {
      key: responder,
      method: "POST",
      json: { subscriber: { email: email("bouncing"), skip_confirmation_notification: true } },
    });
    await getDb().subscriber.update({
      where: { id: quarantined.json.id },
      data: { disabledAt: new Date(), disabledReason: "bounced" },
    });

    // Other test files add subscribers meanwhile: compare with a database count taken unchanged before and after the call.
    async function agreeing<T>(read: () => Promise<T>, call: () => Promise<{ status: number; json: unknown }>) {
      for (let attempt = 0; attempt < 20; attempt++) {
        const before = await read();
        const answer = await call();
        expect(answer.status).toBe(200);
        if (JSON.stringify(before) === JSON.stringify(await read())) return { expected: before, answer: answer.json };
      }
      throw new Error("The subscriber counts kept changing.");
    }
    const histogram = await agreeing(databaseHistogram, () =>
      callManagement(p("subscribers/histogram_by_state"), { key: responder }),
    );
    expect(expectShape(subscriberCountByTypeAndStateSchema, histogram.answer)).toEqual(histogram.expected);
    expect(histogram.expected.email.quarantined).toBeGreaterThanOrEqual(1);
    expect(histogram.expected.email.unconfirmed).toBeGreaterThanOrEqual(1);

    const active = await agreeing(databaseHistogram, () => callManagement(p("subscribers/count"), { key: responder }));
    expect(expectShape(subscriberCountByTypeSchema, active.answer)).toEqual({
      email: active.expected.email.active,
      webhook: active.expected.webhook.active,
      sms: 0,
      slack: 0,
      teams: 0,
      integration_partner: 0,
    });
    const all = await agreeing(databaseHistogram, () =>
      callManagement(p("subscribers/count"), { key: responder, query: "type=email&state=all" }),
    );
    expect(expectShape(subscriberCountByTypeSchema, all.answer)).toEqual({
      email: all.expected.email.total,
      webhook: 0,
      sms: 0,
      slack: 0,
      teams: 0,
      integration_partner: 0,
    });

    const bad = await callManagement(p("subscribers/count"), { key: responder, query: "state=gone" });
    expect(bad.status).toBe(422);
    expect(bad.json.error).toHaveProperty("state");
    expect((await callManagement(p("subscribers/histogram_by_state"), { key: viewer })).status).toBe(403);
  });

  it("refuses SMS subscribers and a private webhook address with 422 naming the field, without connecting", async () => {
    const sms = await callManagement(p("subscribers"), {
      key: responder,
      method: "POST",
      json: { subscriber: { phone_number: "5555555", phone_country: "US" } },
    });
    expect(sms.status).toBe(422);
    expect(sms.json.error.phone_number[0]).toMatch(/SMS/);
    const hook = await callManagement(p("subscribers"), {
      key: responder,
      method: "POST",
      json: { subscriber: { endpoint: "https://10.1.2.3/hook" } },
    });
    expect(hook.status).toBe(422);
    expect(hook.json.error).toHaveProperty("endpoint");
  });
});

describe("postmortems", () => {
  it("saves a draft, publishes with a backdated date, reverts and deletes", async () => {
    const created = await callManagement(p("incidents"), {
      key: responder,
      method: "POST",
      json: { incident: { name: "Outage", status: "resolved", body: "Fixed." } },
    });
    const id = created.json.id;
    const draft = await callManagement(p(`incidents/${id}/postmortem`), {
      key: responder,
      method: "PUT",
      json: { postmortem: { body_draft: "# What happened" } },
    });
    expect(draft.status).toBe(200);
    expect(expectShape(postmortemSchema, draft.json)).toMatchObject({
      body_draft: "# What happened",
      body: null,
      published_at: null,
    });
    const published = await callManagement(p(`incidents/${id}/postmortem/publish`), {
      key: responder,
      method: "PUT",
      json: { postmortem: { notify_subscribers: false, published_at: created.json.resolved_at } },
    });
    // Backdated to the moment of resolution: the earliest a postmortem may be dated.
    expect(expectShape(postmortemSchema, published.json)).toMatchObject({
      body: "# What happened",
      published_at: new Date(created.json.resolved_at).toISOString(),
    });
    const incident = await callManagement(p(`incidents/${id}`), { key: viewer });
    expect(expectShape(incidentSchema, incident.json)).toMatchObject({
      status: "postmortem",
      postmortem_body: "# What happened",
      postmortem_published_at: new Date(created.json.resolved_at).toISOString(),
    });
    const reverted = await callManagement(p(`incidents/${id}/postmortem/revert`), { key: responder, method: "PUT" });
    expect(reverted.json).toMatchObject({ published_at: null, body_draft: "# What happened" });
    expect((await callManagement(p(`incidents/${id}/postmortem`), { key: responder, method: "DELETE" })).status).toBe(
      204,
    );
    expect((await callManagement(p(`incidents/${id}/postmortem`), { key: viewer })).status).toBe(404);
  });

  it("keeps the draft apart from the published body: a PUT after publishing changes body_draft only, until the next publish", async () => {
    const created = await callManagement(p("incidents"), {
      key: responder,
      method: "POST",
      json: { incident: { name: "Draft apart", status: "resolved", body: "Fixed." } },
    });
    const id = created.json.id;
    await callManagement(p(`incidents/${id}/postmortem`), {
      key: responder,
      method: "PUT",
      json: { postmortem: { body_draft: "First version" } },
    });
    const first = await callManagement(p(`incidents/${id}/postmortem/publish`), {
      key: responder,
      method: "PUT",
      json: { postmortem: { notify_subscribers: false } },
    });
    expect(first.json).toMatchObject({ body: "First version", body_draft: "First version" });
    const redraft = await callManagement(p(`incidents/${id}/postmortem`), {
      key: responder,
      method: "PUT",
      form: "postmortem[body_draft]=Second+version",
    });
    expect(expectShape(postmortemSchema, redraft.json)).toMatchObject({
      body: "First version",
      body_draft: "Second version",
      published_at: first.json.published_at,
    });
    expect((await callManagement(p(`incidents/${id}`), { key: viewer })).json.postmortem_body).toBe("First version");
    const republished = await callManagement(p(`incidents/${id}/postmortem/publish`), {
      key: responder,
      method: "PUT",
    });
    expect(expectShape(postmortemSchema, republished.json)).toMatchObject({
      body: "Second version",
      body_draft: "Second version",
    });
    expect((await callManagement(p(`incidents/${id}`), { key: viewer })).json.postmortem_body).toBe("Second version");
  });
});

describe("incident templates and the page", () => {
  it("creates and lists templates", async () => {
    const name = unique("Template");
    const created = await callManagement(p("incident_templates"), {
      key: responder,
      method: "POST",
      form: `template[name]=${name}&template[title]=DB+slow&template[body]=We+see+slow+queries&template[update_status]=investigating`,
    });
    expect(created.status).toBe(201);
    expect(expectShape(templateSchema, created.json)).toMatchObject({
      name,
      title: "DB slow",
      body: "We see slow queries",
      update_status: "investigating",
    });
    const listed = await callManagement(p("incident_templates"), { key: viewer });
    expect(
      z
        .array(templateSchema)
        .parse(listed.json)
        .map((t) => t.name),
    ).toContain(name);
  });

  it("reads the page; changing it with a key is refused with 403 and a sentence saying where to change it", async () => {
    const page = await callManagement(p(""), { key: viewer });
    expect(expectShape(pageSchema, page.json).id).toBe(pageId);
    const refused = await callManagement(p(""), {
      key: responder,
      method: "PATCH",
      json: { page: { name: "Renamed" } },
    });
    expect(refused.status).toBe(403);
    expect(refused.json.error).toMatch(/owner key/);
  });

  it("changes the page profile with an owner key, as Statuspage's scripts do", async () => {
    const ownerKey = (
      await createApiKey({
        ctx: { actor: await actorFor("owner") },
        input: { name: unique("Page bot"), role: "owner" },
      })
    ).token;
    const before = expectShape(pageSchema, (await callManagement(p(""), { key: viewer })).json);
    const renamed = unique("Renamed page");
    try {
      const changed = await callManagement(p(""), {
        key: ownerKey,
        method: "PATCH",
        form: `page[name]=${encodeURIComponent(renamed)}`,
      });
      expect(changed.status).toBe(200);
      expect(expectShape(pageSchema, changed.json).name).toBe(renamed);
      expect(expectShape(pageSchema, (await callManagement(p(""), { key: viewer })).json).name).toBe(renamed);
    } finally {
      await callManagement(p(""), { key: ownerKey, method: "PATCH", json: { page: { name: before.name } } });
    }
  });
});
