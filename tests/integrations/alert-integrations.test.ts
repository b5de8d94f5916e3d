import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { actorFor, createComponent, unique, untypedInput } from "@/tests/support/factories";
import { ensurePageExists } from "@/tests/subscribers/support";
import { alertmanagerPayload, grafanaPayload } from "@/tests/integrations/alert-payloads";
import { handleAlertWebhook } from "@/server/api/integrations/alert-webhook";
import { createIntegration, revokeIntegration } from "@/server/services/integrations/manage-integrations";
import { createAlertRule, deleteAlertRule } from "@/server/services/integrations/manage-alert-rules";
import { publishIncidentDraft } from "@/server/services/integrations/incident-drafts";
import { authenticateIntegration, receiveAlerts } from "@/server/services/integrations/receive-alerts";
import { runAlertAutomation } from "@/server/services/integrations/run-alert-automation";
import { createChatChannel } from "@/server/services/chat-channels/create-chat-channel";
import { createIncident } from "@/server/services/incidents/create-incident";
import { setComponentStatus } from "@/server/services/components/set-component-status";
import { getComponentTree } from "@/server/queries/public-status";
import { listIntegrations } from "@/server/queries/integrations";
import { UNSAFE_TEXT_MESSAGE } from "@/lib/unsafe-text";
import type { Actor } from "@/server/services/context";
import type { AlertSource } from "@/lib/integrations";

let owner: Actor;
type RuleInput = Parameters<typeof createAlertRule>[0]["input"];

async function integration(source: AlertSource, fireAfterSeconds = 0, recoverAfterSeconds = 0) {
  const { integration: created, token } = await createIntegration({
    ctx: { actor: owner },
    input: { name: unique(source), source, fireAfterSeconds, recoverAfterSeconds },
  });
  return { ...created, token };
}

async function rule(
  integrationId: string,
  matchers: string,
  componentId: string,
  firingStatus: RuleInput["firingStatus"] = "major_outage",
  extra: Partial<RuleInput> = {},
) {
  return (
    await createAlertRule({
      ctx: { actor: owner },
      input: { integrationId, matchers, componentId, firingStatus, ...extra },
    })
  ).rule;
}

async function post(integrationId: string, token: string | null, body: unknown) {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await handleAlertWebhook(
    new Request(`http://localhost/api/integrations/${integrationId}`, {
      method: "POST",
      headers,
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
    integrationId,
  );
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

async function receive(target: { id: string; token: string }, body: unknown, now: Date) {
  return receiveAlerts({ integration: await authenticateIntegration(target.id, target.token), body, now });
}

async function statusOf(componentId: string) {
  return (await getDb().component.findUniqueOrThrow({ where: { id: componentId } })).status;
}

async function history(componentId: string) {
  return (
    await getDb().componentStatusChange.findMany({
      where: { componentId },
      orderBy: [{ changedAt: "asc" }, { createdAt: "asc" }],
    })
  ).map((c) => c.toStatus);
}

async function publicStatus(componentId: string) {
  const tree = await getComponentTree();
  return tree.components.find((c) => c.id === componentId)?.status;
}

beforeAll(async () => {
  await ensurePageExists();
  process.env.WEBHOOK_ALLOW_PRIVATE = "1";
  owner = await actorFor("owner");
});

describe("Alertmanager webhook", () => {
  it("a firing alert takes the component to major outage on the public page, and its resolution brings it back", async () => {
    const component = await createComponent({ name: unique("API") });
    const am = await integration("alertmanager");
    await rule(am.id, `service="${component.id}", severity=~"critical|page"`, component.id);
    const channel = await createChatChannel({
      ctx: { actor: owner },
      input: {
        name: unique("ops"),
        platform: "slack",
        webhookUrl: "http://127.0.0.1:9/slack",
        events: ["component.status_changed"],
        allComponents: false,
        componentIds: [component.id],
      },
    });
    expect(await publicStatus(component.id)).toBe("operational");

    const firing = await post(
      am.id,
      am.token,
      alertmanagerPayload([
        { status: "firing", labels: { service: component.id, severity: "critical" }, fingerprint: "1a30ba71cca2921f" },
      ]),
    );
    expect(firing.status).toBe(200);
    expect(firing.json).toMatchObject({
      ok: true,
      received: 1,
      matched: 1,
      ignored: 0,
      components: [{ id: component.id, status: "major_outage" }],
    });
    expect(await statusOf(component.id)).toBe("major_outage");
    expect(await publicStatus(component.id)).toBe("major_outage");

    const change = await getDb().componentStatusChange.findFirstOrThrow({
      where: { componentId: component.id, toStatus: "major_outage" },
    });
    expect(change.actorId).toBeNull();
    const audit = await getDb().auditLog.findMany({
      where: { entityType: "component", entityId: component.id },
      orderBy: { id: "asc" },
    });
    expect(audit.map((a) => a.action)).toEqual(["component.set-status", "alert.apply"]);
    expect(audit[0].actorLabel).toBe(`Integration “${am.name}” (Prometheus Alertmanager)`);

    const resolved = await post(
      am.id,
      am.token,
      alertmanagerPayload([
        {
          status: "resolved",
          labels: { service: component.id, severity: "critical" },
          fingerprint: "1a30ba71cca2921f",
        },
      ]),
    );
    expect(resolved.json).toMatchObject({ components: [{ id: component.id, status: "operational" }] });
    expect(await publicStatus(component.id)).toBe("operational");
    expect(await history(component.id)).toEqual(["operational", "major_outage", "operational"]);
    expect(await getDb().componentAutomation.findUnique({ where: { componentId: component.id } })).toBeNull();

    const outbox = await getDb().chatDelivery.findMany({
      where: { channelId: channel.channel.id },
      include: { message: true },
      orderBy: { createdAt: "asc" },
    });
    expect(outbox.map((d) => (d.message.payload as { facts: { value: string }[] }).facts.map((f) => f.value))).toEqual([
      ["Operational", "Major Outage"],
      ["Major Outage", "Operational"],
    ]);
  });

  it("grouped alerts: the worst wins, and the component recovers only when all have resolved", async () => {
    const component = await createComponent({ name: unique("Database") });
    const am = await integration("alertmanager");
    await rule(am.id, `service="db", severity="critical", team="${component.id}"`, component.id, "major_outage");
    await rule(am.id, `service="db", severity="warning", team="${component.id}"`, component.id, "degraded_performance");
    const critical = {
      labels: { service: "db", severity: "critical", team: component.id, instance: "db-1" },
      fingerprint: `crit-${component.id}`,
    };
    const warning = {
      labels: { service: "db", severity: "warning", team: component.id, instance: "db-2" },
      fingerprint: `warn-${component.id}`,
    };

    await post(
      am.id,
      am.token,
      alertmanagerPayload([
        { status: "firing", ...warning },
        { status: "firing", ...critical },
      ]),
    );
    expect(await statusOf(component.id)).toBe("major_outage");
    await post(
      am.id,
      am.token,
      alertmanagerPayload([
        { status: "resolved", ...critical },
        { status: "firing", ...warning },
      ]),
    );
    expect(await statusOf(component.id)).toBe("degraded_performance");
    await post(am.id, am.token, alertmanagerPayload([{ status: "resolved", ...warning }]));
    expect(await statusOf(component.id)).toBe("operational");
    expect(await history(component.id)).toEqual(["operational", "major_outage", "degraded_performance", "operational"]);
  });

  it("resent duplicates change nothing: idempotent by fingerprint", async () => {
    const component = await createComponent({ name: unique("Queue") });
    const am = await integration("alertmanager");
    await rule(am.id, `queue="${component.id}"`, component.id, "partial_outage");
    const payload = alertmanagerPayload([{ status: "firing", labels: { queue: component.id }, fingerprint: "abc123" }]);
    for (let i = 0; i < 3; i += 1) expect((await post(am.id, am.token, payload)).status).toBe(200);
    const resolved = alertmanagerPayload([
      { status: "resolved", labels: { queue: component.id }, fingerprint: "abc123" },
    ]);
    for (let i = 0; i < 2; i += 1) expect((await post(am.id, am.token, resolved)).status).toBe(200);
    expect(await history(component.id)).toEqual(["operational", "partial_outage", "operational"]);
    // No fingerprint in the payload: the label set's hash stands in for it.
    const bare = alertmanagerPayload([{ status: "firing", labels: { queue: component.id, node: "n1" } }]);
    await post(am.id, am.token, bare);
    await post(am.id, am.token, bare);
    expect(await getDb().alertState.count({ where: { componentId: component.id, firing: true } })).toBe(1);
  });

  it("alerts with unknown labels are acknowledged and ignored", async () => {
    const component = await createComponent({ name: unique("Web") });
    const am = await integration("alertmanager");
    await rule(am.id, `service="${component.id}"`, component.id);
    const response = await post(
      am.id,
      am.token,
      alertmanagerPayload([{ status: "firing", labels: { service: "something-else", whatever: "x" } }]),
    );
    expect(response).toMatchObject({ status: 200, json: { received: 1, matched: 0, ignored: 1, components: [] } });
    expect(await statusOf(component.id)).toBe("operational");
  });

  it("a wrong, missing or revoked token gets 401 and changes nothing", async () => {
    const component = await createComponent({ name: unique("Auth") });
    const am = await integration("alertmanager");
    await rule(am.id, `service="${component.id}"`, component.id);
    const payload = alertmanagerPayload([{ status: "firing", labels: { service: component.id } }]);
    const other = await integration("alertmanager");
    for (const token of [null, "spi_wrong", other.token]) {
      const response = await post(am.id, token, payload);
      expect(response.status).toBe(401);
      expect(response.json.error).toMatch(/wrong token/);
    }
    expect((await post("no-such-integration", am.token, payload)).status).toBe(401);
    await revokeIntegration({ ctx: { actor: owner }, input: { integrationId: am.id } });
    expect((await post(am.id, am.token, payload)).status).toBe(401);
    expect(await statusOf(component.id)).toBe("operational");
    const stored = await getDb().alertIntegration.findUniqueOrThrow({ where: { id: am.id } });
    expect(stored.tokenHash).not.toContain(am.token);
    expect(
      JSON.stringify(
        await getDb().auditLog.findMany({ where: { entityId: am.id }, select: { after: true, before: true } }),
      ),
    ).not.toContain(am.token);
  });

  it("a malformed body gets 400 with a message naming the problem", async () => {
    const am = await integration("alertmanager");
    const notJson = await post(am.id, am.token, "{ not json");
    expect(notJson).toMatchObject({ status: 400, json: { error: expect.stringMatching(/not valid JSON/) } });
    const wrongVersion = await post(am.id, am.token, { ...alertmanagerPayload([]), version: "3" });
    expect(wrongVersion).toMatchObject({
      status: 400,
      json: { error: expect.stringMatching(/version must be "4"/), fields: { version: expect.any(Array) } },
    });
    const noAlerts = await post(am.id, am.token, { version: "4", status: "firing" });
    expect(noAlerts).toMatchObject({ status: 400, json: { fields: { alerts: ["must be an array of alerts"] } } });
    const badStatus = await post(am.id, am.token, {
      version: "4",
      status: "firing",
      alerts: [{ status: "burning", labels: {} }],
    });
    expect(badStatus.json.fields).toEqual({ "alerts.0.status": ['must be "firing" or "resolved"'] });
    expect((await post(am.id, am.token, "[]")).status).toBe(400);
    expect((await post(am.id, am.token, "")).json.error).toMatch(/empty/);
  });
});

describe("Grafana webhook contact point", () => {
  it("maps the documented example by label matchers; alerts no rule matches are ignored", async () => {
    const component = await createComponent({ name: unique("Memory") });
    const grafana = await integration("grafana");
    await rule(grafana.id, `team="${component.id}", zone=~"us-.*"`, component.id, "partial_outage");
    const firing = await post(grafana.id, grafana.token, grafanaPayload("firing", component.id));
    expect(firing.json).toMatchObject({ received: 2, matched: 1, ignored: 1 });
    expect(await publicStatus(component.id)).toBe("partial_outage");
    await post(grafana.id, grafana.token, grafanaPayload("firing", component.id));
    const resolved = await post(grafana.id, grafana.token, grafanaPayload("resolved", component.id));
    expect(resolved.status).toBe(200);
    expect(await publicStatus(component.id)).toBe("operational");
    expect(await history(component.id)).toEqual(["operational", "partial_outage", "operational"]);
    expect((await post(grafana.id, grafana.token, { status: "firing" })).json).toMatchObject({
      fields: { alerts: expect.any(Array) },
    });
  });
});

describe("damping", () => {
  const at = (base: Date, seconds: number) => new Date(base.getTime() + seconds * 1000);

  it("a firing alert must persist before the component changes, and recovery waits; the scheduler applies both", async () => {
    const component = await createComponent({ name: unique("Damped") });
    const am = await integration("alertmanager", 60, 60);
    await rule(am.id, `svc="${component.id}"`, component.id);
    const fire = alertmanagerPayload([{ status: "firing", labels: { svc: component.id }, fingerprint: "damp-1" }]);
    const resolve = alertmanagerPayload([{ status: "resolved", labels: { svc: component.id }, fingerprint: "damp-1" }]);
    const t0 = new Date(Date.now() + 3600_000);

    const first = await receive(am, fire, t0);
    expect(first.components).toEqual([
      { id: component.id, status: "operational", pending_until: at(t0, 60).toISOString() },
    ]);
    expect(
      (await getDb().componentAutomation.findUniqueOrThrow({ where: { componentId: component.id } })).checkAt,
    ).toEqual(at(t0, 60));
    await receive(am, fire, at(t0, 30));
    await runAlertAutomation({ now: at(t0, 59) });
    expect(await statusOf(component.id)).toBe("operational");
    await runAlertAutomation({ now: at(t0, 60) });
    expect(await statusOf(component.id)).toBe("major_outage");

    await receive(am, resolve, at(t0, 100));
    await runAlertAutomation({ now: at(t0, 130) });
    expect(await statusOf(component.id)).toBe("major_outage");
    // Flapping back within the recovery wait continues the episode: nothing moves on the public page.
    await receive(am, fire, at(t0, 140));
    expect(await statusOf(component.id)).toBe("major_outage");
    await receive(am, resolve, at(t0, 150));
    await runAlertAutomation({ now: at(t0, 209) });
    expect(await statusOf(component.id)).toBe("major_outage");
    await runAlertAutomation({ now: at(t0, 210) });
    expect(await statusOf(component.id)).toBe("operational");
    expect(await history(component.id)).toEqual(["operational", "major_outage", "operational"]);
    expect(await getDb().componentAutomation.findUnique({ where: { componentId: component.id } })).toBeNull();
  });

  it("an alert that resolves within the fire delay never touches the component", async () => {
    const component = await createComponent({ name: unique("Flap") });
    const am = await integration("alertmanager", 60, 60);
    await rule(am.id, `svc="${component.id}"`, component.id);
    const t0 = new Date(Date.now() + 7200_000);
    await receive(am, alertmanagerPayload([{ status: "firing", labels: { svc: component.id }, fingerprint: "f" }]), t0);
    await receive(
      am,
      alertmanagerPayload([{ status: "resolved", labels: { svc: component.id }, fingerprint: "f" }]),
      at(t0, 20),
    );
    await runAlertAutomation({ now: at(t0, 61) });
    await runAlertAutomation({ now: at(t0, 200) });
    expect(await history(component.id)).toEqual(["operational"]);
    expect(await getDb().componentAutomation.findUnique({ where: { componentId: component.id } })).toBeNull();
  });
});

describe("automation and responders", () => {
  it("leaves a component alone while a responder has an open incident on it, unless the rule says otherwise", async () => {
    const held = await createComponent({ name: unique("Held") });
    const overridden = await createComponent({ name: unique("Overridden") });
    const responder = await actorFor("responder");
    await createIncident({
      ctx: { actor: responder },
      input: {
        name: unique("Manual"),
        impact: "minor",
        status: "investigating",
        message: "On it.",
        components: [
          { componentId: held.id, status: "degraded_performance" },
          { componentId: overridden.id, status: "degraded_performance" },
        ],
      },
    });
    const am = await integration("alertmanager");
    await rule(am.id, `svc="${held.id}"`, held.id);
    await rule(am.id, `svc="${overridden.id}"`, overridden.id, "major_outage", { overrideIncidents: true });
    await post(
      am.id,
      am.token,
      alertmanagerPayload([
        { status: "firing", labels: { svc: held.id } },
        { status: "firing", labels: { svc: overridden.id } },
      ]),
    );
    expect(await statusOf(held.id)).toBe("degraded_performance");
    expect(await statusOf(overridden.id)).toBe("major_outage");
  });

  it("stands back for the rest of the episode once a person changes the component", async () => {
    const component = await createComponent({ name: unique("Manual") });
    const am = await integration("alertmanager");
    await rule(am.id, `svc="${component.id}"`, component.id);
    await post(am.id, am.token, alertmanagerPayload([{ status: "firing", labels: { svc: component.id } }]));
    await setComponentStatus({
      ctx: { actor: await actorFor("responder") },
      input: { componentId: component.id, status: "partial_outage" },
    });
    await post(am.id, am.token, alertmanagerPayload([{ status: "resolved", labels: { svc: component.id } }]));
    expect(await statusOf(component.id)).toBe("partial_outage");
  });

  it("opens an incident from a template on a major outage, published at once or as a draft to publish", async () => {
    const template = await getDb().messageTemplate.create({
      data: {
        name: unique("Outage"),
        title: "Checkout is down",
        status: "identified",
        body: "We are aware checkout is failing.",
      },
    });
    const published = await createComponent({ name: unique("Checkout") });
    const drafted = await createComponent({ name: unique("Cart") });
    const am = await integration("alertmanager");
    await rule(am.id, `svc="${published.id}"`, published.id, "major_outage", {
      incidentMode: "publish",
      incidentTemplateId: template.id,
    });
    await rule(am.id, `svc="${drafted.id}"`, drafted.id, "major_outage", {
      incidentMode: "draft",
      incidentTemplateId: template.id,
    });
    await post(
      am.id,
      am.token,
      alertmanagerPayload([
        { status: "firing", labels: { svc: published.id } },
        { status: "firing", labels: { svc: drafted.id } },
      ]),
    );

    const incident = await getDb().incident.findFirstOrThrow({
      where: { components: { some: { componentId: published.id } } },
      include: { updates: true },
    });
    expect(incident).toMatchObject({ name: "Checkout is down", status: "identified", impact: "critical" });
    expect(incident.updates[0].body).toBe("We are aware checkout is failing.");
    expect(await statusOf(published.id)).toBe("major_outage");
    expect(
      (await getDb().auditLog.findFirstOrThrow({ where: { entityType: "incident", entityId: incident.id } }))
        .actorLabel,
    ).toMatch(/^Integration “/);

    expect(await statusOf(drafted.id)).toBe("major_outage");
    expect(await getDb().incident.count({ where: { components: { some: { componentId: drafted.id } } } })).toBe(0);
    const draft = await getDb().incidentDraft.findFirstOrThrow({ where: { componentId: drafted.id } });
    const { incidentId } = await publishIncidentDraft({
      ctx: { actor: await actorFor("responder") },
      input: { draftId: draft.id },
    });
    expect(await getDb().incident.findUniqueOrThrow({ where: { id: incidentId } })).toMatchObject({
      name: "Checkout is down",
      status: "identified",
    });

    // Resending the same firing alert opens nothing more.
    await post(
      am.id,
      am.token,
      alertmanagerPayload([
        { status: "firing", labels: { svc: published.id } },
        { status: "firing", labels: { svc: drafted.id } },
      ]),
    );
    expect(await getDb().incidentDraft.count({ where: { componentId: drafted.id } })).toBe(1);
    expect(await getDb().incident.count({ where: { components: { some: { componentId: published.id } } } })).toBe(1);
  });

  it("deleting a rule releases the component on the scheduler's next pass", async () => {
    const component = await createComponent({ name: unique("Rule") });
    const am = await integration("alertmanager");
    const created = await rule(am.id, `svc="${component.id}"`, component.id);
    await post(am.id, am.token, alertmanagerPayload([{ status: "firing", labels: { svc: component.id } }]));
    expect(await statusOf(component.id)).toBe("major_outage");
    await deleteAlertRule({ ctx: { actor: owner }, input: { ruleId: created.id } });
    await runAlertAutomation();
    expect(await statusOf(component.id)).toBe("operational");
  });

  it("refuses bad rules with field errors and non-owners", async () => {
    const am = await integration("alertmanager");
    const component = await createComponent({ name: unique("Bad") });
    await expect(
      createAlertRule({
        ctx: { actor: owner },
        input: untypedInput({
          integrationId: am.id,
          matchers: 'svc=~"(unclosed"',
          componentId: component.id,
          firingStatus: "operational",
        }),
      }),
    ).rejects.toMatchObject({
      fieldErrors: {
        matchers: [expect.stringMatching(/not a valid regular expression/)],
        firingStatus: expect.any(Array),
      },
    });
    await expect(
      createAlertRule({
        ctx: { actor: owner },
        input: { integrationId: am.id, matchers: "svc = api", componentId: component.id, firingStatus: "major_outage" },
      }),
    ).rejects.toMatchObject({
      fieldErrors: { matchers: [expect.stringMatching(/label="value"/)] },
    });
    await expect(
      createIntegration({ ctx: { actor: await actorFor("responder") }, input: { name: "x", source: "grafana" } }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      createIntegration({
        ctx: { actor: owner },
        input: untypedInput({ name: "x", source: "nagios", fireAfterSeconds: -1 }),
      }),
    ).rejects.toMatchObject({
      fieldErrors: { source: expect.any(Array), fireAfterSeconds: expect.any(Array) },
    });
  });
});

describe("generic JSON endpoint", () => {
  it("takes {component, status} by id or name, and incident triggers idempotent by key", async () => {
    const component = await createComponent({ name: unique("Nightly backup") });
    const generic = await integration("generic");
    const down = await post(generic.id, generic.token, {
      component: component.name,
      status: "partial_outage",
      summary: "Backup job failed",
    });
    expect(down.json).toMatchObject({ components: [{ id: component.id, status: "partial_outage" }] });
    await post(generic.id, generic.token, { component: component.id, status: "operational" });
    expect(await history(component.id)).toEqual(["operational", "partial_outage", "operational"]);
    expect((await post(generic.id, generic.token, { component: "nope", status: "major_outage" })).json).toMatchObject({
      fields: { component: expect.any(Array) },
    });
    expect((await post(generic.id, generic.token, { component: component.id, status: "down" })).json).toMatchObject({
      fields: { status: expect.any(Array) },
    });

    const key = unique("cron");
    const opened = await post(generic.id, generic.token, {
      key,
      incident: { name: "Cron check failed", body: "The hourly import did not run.", impact: "minor" },
    });
    expect(opened.json.incident).toMatchObject({ created: true });
    const again = await post(generic.id, generic.token, {
      key,
      incident: { name: "Cron check failed", body: "Still failing." },
    });
    expect(again.json.incident).toMatchObject({ created: false, id: (opened.json.incident as { id: string }).id });
    const closed = await post(generic.id, generic.token, {
      key,
      incident: { name: "Cron check failed", body: "Recovered.", status: "resolved" },
    });
    expect(closed.json.incident).toMatchObject({ resolved: true });
    expect(
      await getDb().incident.findUniqueOrThrow({ where: { id: (opened.json.incident as { id: string }).id } }),
    ).toMatchObject({ status: "resolved" });
  });
});

describe("regular expressions in rules", () => {
  it("the pattern that froze the app is saved and answered correctly by RE2", async () => {
    const component = await createComponent({ name: unique("Regex") });
    const am = await integration("alertmanager");
    await rule(am.id, 'svc=~"(.*a){25}"', component.id);
    const slow = await post(
      am.id,
      am.token,
      alertmanagerPayload([{ status: "firing", labels: { svc: `${"a".repeat(40)}!` } }]),
    );
    expect(slow).toMatchObject({ status: 200, json: { matched: 0, ignored: 1, components: [] } });
    const matching = await post(
      am.id,
      am.token,
      alertmanagerPayload([{ status: "firing", labels: { svc: "a".repeat(40) } }]),
    );
    expect(matching.json).toMatchObject({ matched: 1, components: [{ id: component.id, status: "major_outage" }] });
  });

  it("refuses a request whose matching has spent its time, before recording anything", async () => {
    const component = await createComponent({ name: unique("Costly") });
    const am = await integration("alertmanager");
    await rule(am.id, 'svc=~"(.*a){390}"', component.id);
    const alerts = Array.from({ length: 50 }, (_, i) => ({
      status: "firing" as const,
      labels: { svc: `${"a".repeat(900)}${i}` },
    }));
    // No time at all: the first match spends some, so the second is refused, as a slow request's would be.
    await expect(
      receiveAlerts({
        integration: await authenticateIntegration(am.id, am.token),
        body: alertmanagerPayload(alerts),
        matchTimeLimitMs: 0,
      }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { alerts: [expect.stringMatching(/would take too long/)] },
    });
    expect(await getDb().componentAutomation.count({ where: { componentId: component.id } })).toBe(0);
    expect(await statusOf(component.id)).toBe("operational");
    const accepted = await receive(am, alertmanagerPayload(alerts.slice(0, 1)), new Date());
    expect(accepted).toMatchObject({ matched: 0, ignored: 1 });
  });

  it("refuses, when a rule is saved, matchers RE2 cannot match in linear time, naming the field", async () => {
    const am = await integration("alertmanager");
    const component = await createComponent({ name: unique("Backtrack") });
    const save = (matchers: string) =>
      createAlertRule({
        ctx: { actor: owner },
        input: { integrationId: am.id, matchers, componentId: component.id, firingStatus: "major_outage" },
      });
    await expect(save('svc=~"(a)\\\\1"')).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { matchers: [expect.stringMatching(/^The expression for svc, .* uses a back-reference/)] },
    });
    await expect(save('env="prod", svc=~"(?!canary).*"')).rejects.toMatchObject({
      fieldErrors: { matchers: [expect.stringMatching(/svc, .* uses a lookaround/)] },
    });
    expect(await getDb().alertRule.count({ where: { integrationId: am.id } })).toBe(0);
  });

  it("a stored rule that cannot be read any more is skipped and shown to the owner, never evaluated", async () => {
    const applied = await createComponent({ name: unique("Applied") });
    const skipped = await createComponent({ name: unique("Skipped") });
    const am = await integration("alertmanager");
    await rule(am.id, `svc="${applied.id}"`, applied.id);
    const stored = [`svc=~"(?!${applied.id}x).*"`, "svc = everything", 'svc=~"\\\\u0041.*|.*"'];
    for (const [position, matchers] of stored.entries())
      await getDb().alertRule.create({
        data: { integrationId: am.id, matchers, componentId: skipped.id, firingStatus: "major_outage", position },
      });
    const response = await post(
      am.id,
      am.token,
      alertmanagerPayload([{ status: "firing", labels: { svc: applied.id } }]),
    );
    expect(response).toMatchObject({
      status: 200,
      json: { matched: 1, components: [{ id: applied.id, status: "major_outage" }] },
    });
    expect(await statusOf(skipped.id)).toBe("operational");
    const listed = (await listIntegrations(owner)).find((i) => i.id === am.id)!;
    expect(Object.fromEntries(listed.rules.map((r) => [r.matchers, r.problem]))).toEqual({
      [`svc="${applied.id}"`]: null,
      [stored[0]]: expect.stringMatching(/lookaround/),
      [stored[1]]: expect.stringMatching(/Could not read/),
      [stored[2]]: expect.stringMatching(/not a valid regular expression \(RE2 syntax\): invalid escape sequence/),
    });
  });
});

describe("payload limits", () => {
  it("a NUL in a label, a label too long and too many labels get 400 naming the field", async () => {
    const component = await createComponent({ name: unique("Limits") });
    const am = await integration("alertmanager");
    await rule(am.id, `svc=~"${component.id}.*"`, component.id);
    const send = (labels: Record<string, string>, summary?: string) =>
      post(am.id, am.token, alertmanagerPayload([{ status: "firing", labels, summary }]));

    expect(await send({ svc: `${component.id}\u0000` })).toMatchObject({
      status: 400,
      json: { fields: { "alerts.0.labels.svc": [UNSAFE_TEXT_MESSAGE] } },
    });
    expect(await send({ svc: component.id, ["te\u0000am"]: "x" })).toMatchObject({
      status: 400,
      json: { fields: { "alerts.0.labels.te?am": [expect.stringMatching(/control character/)] } },
    });
    expect(await send({ svc: component.id }, "Disk \u0000 full")).toMatchObject({
      status: 400,
      json: { fields: { "alerts.0.annotations.summary": [UNSAFE_TEXT_MESSAGE] } },
    });
    expect(await send({ svc: `${component.id}${"x".repeat(1024)}` })).toMatchObject({
      status: 400,
      json: { fields: { "alerts.0.labels.svc": ["must be at most 1024 characters"] } },
    });
    expect(await send({ svc: component.id, ["n".repeat(129)]: "x" })).toMatchObject({
      status: 400,
      json: { fields: { [`alerts.0.labels.${"n".repeat(129)}`]: ["label names must be at most 128 characters"] } },
    });
    const many = Object.fromEntries(Array.from({ length: 70 }, (_, i) => [`l${i}`, "x"]));
    expect(await send({ svc: component.id, ...many })).toMatchObject({
      status: 400,
      json: { fields: { "alerts.0.labels": ["at most 64 labels"] } },
    });
    const flood = Array.from({ length: 1001 }, (_, i) => ({
      status: "firing" as const,
      labels: { svc: `${component.id}-${i}` },
    }));
    expect(await post(am.id, am.token, alertmanagerPayload(flood))).toMatchObject({
      status: 400,
      json: { fields: { alerts: ["at most 1000 alerts per request"] } },
    });
    expect(await statusOf(component.id)).toBe("operational");
  });

  it("generic JSON refuses a NUL in any field it stores or looks up, naming the field", async () => {
    const generic = await integration("generic");
    expect(await post(generic.id, generic.token, { component: "api\u0000", status: "major_outage" })).toMatchObject({
      status: 400,
      json: { fields: { component: [UNSAFE_TEXT_MESSAGE] } },
    });
    expect(
      await post(generic.id, generic.token, { alerts: [{ status: "firing", labels: { svc: "a\u0000" } }] }),
    ).toMatchObject({ status: 400, json: { fields: { "alerts.0.labels.svc": [UNSAFE_TEXT_MESSAGE] } } });
    expect(await post(generic.id, generic.token, { key: "k\u0000", incident: { name: "Down" } })).toMatchObject({
      status: 400,
      json: { fields: { key: [UNSAFE_TEXT_MESSAGE] } },
    });
  });
});

describe("the integration's own incident", () => {
  it("does not hold the component in a later episode of the same alerts, and a new outage joins it", async () => {
    const template = await getDb().messageTemplate.create({
      data: { name: unique("Outage"), title: "Search is down", body: "Searches fail." },
    });
    const component = await createComponent({ name: unique("Search") });
    const am = await integration("alertmanager");
    await rule(am.id, `svc="${component.id}", severity="critical"`, component.id, "major_outage", {
      incidentMode: "publish",
      incidentTemplateId: template.id,
    });
    await rule(am.id, `svc="${component.id}", severity="warning"`, component.id, "degraded_performance");
    const critical = { labels: { svc: component.id, severity: "critical" }, fingerprint: `crit-${component.id}` };
    const warning = { labels: { svc: component.id, severity: "warning" }, fingerprint: `warn-${component.id}` };

    await post(am.id, am.token, alertmanagerPayload([{ status: "firing", ...critical }]));
    const incident = await getDb().incident.findFirstOrThrow({
      where: { components: { some: { componentId: component.id } } },
    });
    expect(await statusOf(component.id)).toBe("major_outage");
    await post(am.id, am.token, alertmanagerPayload([{ status: "resolved", ...critical }]));
    expect(await statusOf(component.id)).toBe("operational");
    expect(await getDb().componentAutomation.findUnique({ where: { componentId: component.id } })).toBeNull();
    expect((await getDb().incident.findUniqueOrThrow({ where: { id: incident.id } })).status).toBe("investigating");

    // Alertmanager repeats a firing group on every group_interval; each repeat finds the component already degraded.
    for (let repeat = 0; repeat < 3; repeat += 1) {
      const response = await post(am.id, am.token, alertmanagerPayload([{ status: "firing", ...warning }]));
      expect(response.json).toMatchObject({ components: [{ id: component.id, status: "degraded_performance" }] });
    }
    await post(
      am.id,
      am.token,
      alertmanagerPayload([
        { status: "firing", ...warning },
        { status: "firing", ...critical },
      ]),
    );
    expect(await statusOf(component.id)).toBe("major_outage");
    expect(await getDb().incident.count({ where: { components: { some: { componentId: component.id } } } })).toBe(1);
    expect(await history(component.id)).toEqual([
      "operational",
      "major_outage",
      "operational",
      "degraded_performance",
      "major_outage",
    ]);
  });
});

describe("the endpoint's token", () => {
  it("is checked before the body is read, so a wrong token with a huge invalid body gets 401", async () => {
    const am = await integration("alertmanager");
    const huge = `{ not json ${"x".repeat(2 * 1024 * 1024)}`;
    const attempts: [string, string | null][] = [
      [am.id, "spi_wrong"],
      [am.id, null],
      ["no-such-integration", am.token],
    ];
    for (const [integrationId, token] of attempts) {
      const request = new Request(`http://localhost/api/integrations/${integrationId}`, {
        method: "POST",
        headers: { "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        body: huge,
      });
      const response = await handleAlertWebhook(request, integrationId);
      expect(response.status).toBe(401);
      expect(request.bodyUsed).toBe(false);
    }
  });

  it("is read only from the Authorization header: a token in the URL is refused", async () => {
    const component = await createComponent({ name: unique("Url token") });
    const am = await integration("alertmanager");
    await rule(am.id, `svc="${component.id}"`, component.id);
    const body = JSON.stringify(alertmanagerPayload([{ status: "firing", labels: { svc: component.id } }]));
    for (const authorization of [null, `Bearer ${am.token}`]) {
      const response = await handleAlertWebhook(
        new Request(`http://localhost/api/integrations/${am.id}?token=${am.token}`, {
          method: "POST",
          headers: { "Content-Type": "application/json", ...(authorization ? { Authorization: authorization } : {}) },
          body,
        }),
        am.id,
      );
      expect(response.status).toBe(401);
      expect(((await response.json()) as { error: string }).error).toMatch(/in the URL.*Authorization: Bearer/);
    }
    expect(await statusOf(component.id)).toBe("operational");
  });
});
