import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { classifyNewIncident, openIncident } from "@/server/services/incidents/open-incident";
import { createIncident } from "@/server/services/incidents/create-incident";
import { scheduleMaintenance } from "@/server/services/maintenance/schedule-maintenance";
import { callManagement } from "@/tests/api/management/client";
import { openManagementApi } from "@/tests/api/support";
import { ctxFor, expectAppError } from "@/tests/console/helpers";
import { createComponent, unique } from "@/tests/support/factories";
import { incidentSnapshot } from "@/tests/services/incident-snapshot";

let pageId: string;
let apiKey: string;

beforeAll(async () => {
  ({ pageId, responder: apiKey } = await openManagementApi("Decisions"));
});

async function postIncident(incident: Record<string, unknown>) {
  const response = await callManagement(`${pageId}/incidents`, { key: apiKey, method: "POST", json: { incident } });
  expect(response.status, JSON.stringify(response.json)).toBe(201);
  return response.json.id as string;
}

describe("opening an incident: one decision for the console and Statuspage's API", () => {
  it("a live incident declared in the console and posted to Statuspage's API is the same incident", async () => {
    const [changedHere, namedHere, changedThere, namedThere] = await Promise.all(
      Array.from({ length: 4 }, () => createComponent()),
    );
    const name = unique("Checkout errors");
    const { incident } = await createIncident({
      ctx: await ctxFor(),
      input: {
        name,
        status: "identified",
        impact: "major",
        message: "Payments fail for some cards.",
        components: [{ componentId: changedHere.id, status: "partial_outage" }],
        componentIds: [namedHere.id],
        deliverNotifications: false,
      },
    });
    const viaApi = await postIncident({
      name,
      status: "identified",
      body: "Payments fail for some cards.",
      components: { [changedThere.id]: "partial_outage" },
      component_ids: [namedThere.id],
      deliver_notifications: false,
    });
    const fromConsole = await incidentSnapshot(incident.id, { [changedHere.id]: "changed", [namedHere.id]: "named" });
    expect(fromConsole).toMatchObject({
      kind: "incident",
      impact: "major",
      componentStatuses: { changed: "partial_outage" },
    });
    expect(await incidentSnapshot(viaApi, { [changedThere.id]: "changed", [namedThere.id]: "named" })).toEqual(
      fromConsole,
    );
  });

  it("a maintenance scheduled in the console and posted to Statuspage's API is the same maintenance", async () => {
    const [here, there] = [await createComponent(), await createComponent()];
    const name = unique("Database upgrade");
    const scheduledFor = new Date(Date.now() + 86_400_000);
    const scheduledUntil = new Date(scheduledFor.getTime() + 3_600_000);
    const { maintenance } = await scheduleMaintenance({
      ctx: await ctxFor(),
      input: {
        name,
        message: "We will upgrade the database.",
        scheduledFor,
        scheduledUntil,
        componentIds: [here.id],
        deliverNotifications: false,
      },
    });
    const viaApi = await postIncident({
      name,
      status: "scheduled",
      body: "We will upgrade the database.",
      scheduled_for: scheduledFor.toISOString(),
      scheduled_until: scheduledUntil.toISOString(),
      component_ids: [there.id],
      deliver_notifications: false,
    });
    const fromConsole = await incidentSnapshot(maintenance.id, { [here.id]: "touched" });
    expect(fromConsole).toMatchObject({ kind: "maintenance", status: "scheduled", components: ["touched"] });
    expect(await incidentSnapshot(viaApi, { [there.id]: "touched" })).toEqual(fromConsole);
  });

  it("a backfilled incident opened by the service and posted to Statuspage's API is the same, dated in the past", async () => {
    const name = unique("Old outage");
    const opened = await openIncident({
      ctx: await ctxFor(),
      input: { name, backfilled: true, backfillDate: "2024-03-05", message: "It happened." },
    });
    const viaApi = await postIncident({ name, backfilled: true, backfill_date: "2024-03-05", body: "It happened." });
    const service = await incidentSnapshot(opened.incidentId, {});
    expect(opened.kind).toBe("backfilled");
    expect(service).toMatchObject({ status: "resolved", backfilled: true, updates: [{ deliverNotifications: false }] });
    expect(await incidentSnapshot(viaApi, {})).toEqual(service);
    const started = await getDb().incident.findMany({
      where: { id: { in: [opened.incidentId, viaApi] } },
      select: { startedAt: true },
    });
    expect(started.map((row) => row.startedAt.toISOString())).toEqual([
      "2024-03-05T00:00:00.000Z",
      "2024-03-05T00:00:00.000Z",
    ]);
  });

  it("a window is required for a maintenance, and a backfilled incident changes no component", async () => {
    const ctx = await ctxFor();
    const noWindow = await expectAppError(
      openIncident({ ctx, input: { name: unique("Window"), status: "scheduled" } }),
      "VALIDATION",
    );
    expect(Object.keys(noWindow.fieldErrors ?? {})).toEqual(["scheduledFor"]);
    const component = await createComponent();
    const backfill = await expectAppError(
      openIncident({
        ctx,
        input: {
          name: unique("Backfill"),
          backfilled: true,
          components: [{ componentId: component.id, status: "major_outage" }],
        },
      }),
      "VALIDATION",
    );
    expect(Object.keys(backfill.fieldErrors ?? {})).toEqual(["components"]);
    expect((await getDb().component.findUniqueOrThrow({ where: { id: component.id } })).status).toBe("operational");
  });

  it("a viewer is refused", async () => {
    await expectAppError(
      openIncident({ ctx: await ctxFor("viewer"), input: { name: unique("Not mine") } }),
      "FORBIDDEN",
    );
  });

  it("classifies a new incident by its window, its status and its backfilled flag, in that order", () => {
    const window = new Date();
    expect(classifyNewIncident({ scheduledFor: window, backfilled: true })).toBe("maintenance");
    expect(classifyNewIncident({ status: "in_progress" })).toBe("maintenance");
    expect(classifyNewIncident({ status: "resolved", backfilled: true })).toBe("backfilled");
    expect(classifyNewIncident({ status: "investigating" })).toBe("live");
    expect(classifyNewIncident({})).toBe("live");
  });
});
