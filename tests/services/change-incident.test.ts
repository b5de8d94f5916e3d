import { beforeAll, describe, expect, it } from "vitest";
import { changeIncident } from "@/server/services/incidents/change-incident";
import { createIncident } from "@/server/services/incidents/create-incident";
import { postIncidentUpdate } from "@/server/services/incidents/post-incident-update";
import { resolveIncident } from "@/server/services/incidents/resolve-incident";
import { scheduleMaintenance } from "@/server/services/maintenance/schedule-maintenance";
import { cancelMaintenance } from "@/server/services/maintenance/cancel-maintenance";
import { STALE_MESSAGE } from "@/server/services/incidents/edit-incident-update";
import { callApiV1, callManagement } from "@/tests/api/management/client";
import { openManagementApi } from "@/tests/api/support";
import { ctxFor, expectAppError } from "@/tests/console/helpers";
import { createComponent, unique } from "@/tests/support/factories";
import { incidentSnapshot } from "@/tests/services/incident-snapshot";

let pageId: string;
let apiKey: string;

beforeAll(async () => {
  ({ pageId, responder: apiKey } = await openManagementApi("Changes"));
});

/** Two equal incidents, each with a component of its own at partial outage: one for each path under test. */
async function twinIncidents(name = unique("Twin")) {
  const ctx = await ctxFor();
  return Promise.all(
    [0, 1].map(async () => {
      const component = await createComponent();
      const { incident } = await createIncident({
        ctx,
        input: {
          name,
          status: "investigating",
          impact: "major",
          message: "Looking into it.",
          components: [{ componentId: component.id, status: "partial_outage" }],
          deliverNotifications: false,
        },
      });
      return { incidentId: incident.id, componentId: component.id };
    }),
  );
}

async function twinMaintenances() {
  const ctx = await ctxFor();
  const scheduledFor = new Date(Date.now() + 86_400_000);
  return Promise.all(
    [0, 1].map(async () => {
      const component = await createComponent();
      const { maintenance } = await scheduleMaintenance({
        ctx,
        input: {
          name: "Twin window",
          message: "Upgrading.",
          scheduledFor,
          scheduledUntil: new Date(scheduledFor.getTime() + 3_600_000),
          componentIds: [component.id],
          deliverNotifications: false,
        },
      });
      return { incidentId: maintenance.id, componentId: component.id };
    }),
  );
}

const patch = (incidentId: string, incident: Record<string, unknown>) =>
  callManagement(`${pageId}/incidents/${incidentId}`, { key: apiKey, method: "PATCH", json: { incident } });

describe("changing an incident: one decision for the console and the APIs", () => {
  it("an update posted in the console and through Statuspage's PATCH is the same update", async () => {
    const [here, there] = await twinIncidents();
    await postIncidentUpdate({
      ctx: await ctxFor(),
      input: {
        incidentId: here.incidentId,
        status: "identified",
        body: "Found a bad deploy.",
        components: [{ componentId: here.componentId, status: "major_outage" }],
        deliverNotifications: false,
      },
    });
    const patched = await patch(there.incidentId, {
      status: "identified",
      body: "Found a bad deploy.",
      components: { [there.componentId]: "major_outage" },
      deliver_notifications: false,
    });
    expect(patched.status).toBe(200);
    const fromConsole = await incidentSnapshot(here.incidentId, { [here.componentId]: "affected" });
    expect(fromConsole).toMatchObject({ status: "identified", componentStatuses: { affected: "major_outage" } });
    expect(await incidentSnapshot(there.incidentId, { [there.componentId]: "affected" })).toEqual(fromConsole);
  });

  it("resolving in the console and through the short form's resolve is the same resolution", async () => {
    const [here, there] = await twinIncidents();
    await resolveIncident({ ctx: await ctxFor(), input: { incidentId: here.incidentId, deliverNotifications: false } });
    const resolved = await callApiV1(`incidents/${there.incidentId}/resolve`, {
      key: apiKey,
      auth: "bearer",
      method: "POST",
      json: { deliver_notifications: false },
    });
    expect(resolved.status).toBe(200);
    const fromConsole = await incidentSnapshot(here.incidentId, { [here.componentId]: "affected" });
    expect(fromConsole).toMatchObject({ status: "resolved", componentStatuses: { affected: "operational" } });
    expect(await incidentSnapshot(there.incidentId, { [there.componentId]: "affected" })).toEqual(fromConsole);
    const again = await callApiV1(`incidents/${there.incidentId}/resolve`, {
      key: apiKey,
      auth: "bearer",
      method: "POST",
      json: {},
    });
    expect(again).toMatchObject({ status: 409, json: { error: { code: "conflict" } } });
  });

  it("completing a maintenance in the console and through Statuspage's PATCH is the same completion", async () => {
    const [here, there] = await twinMaintenances();
    await cancelMaintenance({
      ctx: await ctxFor(),
      input: { incidentId: here.incidentId, body: "Called off.", deliverNotifications: false },
    });
    const patched = await patch(there.incidentId, {
      status: "completed",
      body: "Called off.",
      deliver_notifications: false,
    });
    expect(patched.status).toBe(200);
    const fromConsole = await incidentSnapshot(here.incidentId, { [here.componentId]: "touched" });
    expect(fromConsole).toMatchObject({ kind: "maintenance", status: "completed" });
    expect(await incidentSnapshot(there.incidentId, { [there.componentId]: "touched" })).toEqual(fromConsole);
  });

  it("a maintenance is not resolved: the short form's resolve names the status, as an update would", async () => {
    const [window] = await twinMaintenances();
    const refused = await callApiV1(`incidents/${window.incidentId}/resolve`, {
      key: apiKey,
      auth: "bearer",
      method: "POST",
      json: {},
    });
    expect(refused).toMatchObject({ status: 422, json: { error: { fields: { status: [expect.any(String)] } } } });
  });

  it("refuses a stale version and a viewer", async () => {
    const [{ incidentId }] = await twinIncidents();
    const stale = await expectAppError(
      changeIncident({ ctx: await ctxFor(), input: { incidentId, version: 99, name: "Renamed" } }),
      "CONFLICT",
    );
    expect(stale.message).toBe(STALE_MESSAGE);
    await expectAppError(
      changeIncident({ ctx: await ctxFor("viewer"), input: { incidentId, name: "Renamed" } }),
      "FORBIDDEN",
    );
  });
});
