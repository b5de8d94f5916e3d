import { describe, expect, it, vi } from "vitest";
import { getDb, type Tx } from "@/server/db/client";
import { TAGS } from "@/server/cache/tags";
import { createIncident } from "@/server/services/incidents/create-incident";
import { postIncidentUpdate } from "@/server/services/incidents/post-incident-update";
import { editIncidentUpdate } from "@/server/services/incidents/edit-incident-update";
import { deleteIncidentUpdate } from "@/server/services/incidents/delete-incident-update";
import { updateIncident } from "@/server/services/incidents/update-incident";
import { linkRelatedIncident, unlinkRelatedIncident } from "@/server/services/incidents/link-related-incident";
import { reopenIncident, resolveIncident } from "@/server/services/incidents/resolve-incident";
import type { IncidentEvent } from "@/server/notifications/enqueue";
import { createComponent, unique, untypedInput } from "@/tests/support/factories";
import { componentAt, ctxFor, expectAppError, historyOf, minutesAgo } from "@/tests/console/helpers";
import { LIMITS } from "@/lib/status";

type OutboxWatcher = (tx: Tx, event: IncidentEvent) => void;
const outboxWatchers = vi.hoisted(() => new Set<OutboxWatcher>());

vi.mock("@/server/notifications/enqueue", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/server/notifications/enqueue")>();
  return {
    ...actual,
    enqueueNotifications: (tx: Tx, event: IncidentEvent) => {
      for (const watch of outboxWatchers) watch(tx, event);
      return actual.enqueueNotifications(tx, event);
    },
  };
});

function watchOutbox(watch: OutboxWatcher): () => void {
  outboxWatchers.add(watch);
  return () => outboxWatchers.delete(watch);
}

describe("incidents", () => {
  it("responder declares an incident with component changes; history, audit and tags are recorded", async () => {
    const ctx = await ctxFor("responder");
    const api = await createComponent();
    const web = await createComponent();
    const result = await createIncident({
      ctx,
      input: {
        name: unique("API errors"),
        impact: "major",
        status: "investigating",
        message: "We are looking into **errors**.",
        components: [
          { componentId: api.id, status: "partial_outage" },
          { componentId: web.id, status: "degraded_performance" },
        ],
        deliverNotifications: "on",
      },
    });
    expect(result.incident.status).toBe("investigating");
    expect(result.tags).toEqual(
      expect.arrayContaining([
        TAGS.incidents,
        TAGS.incident(result.incident.id),
        TAGS.components,
        TAGS.componentHistory,
      ]),
    );
    const db = getDb();
    expect((await db.component.findUniqueOrThrow({ where: { id: api.id } })).status).toBe("partial_outage");
    const update = await db.incidentUpdate.findUniqueOrThrow({
      where: { id: result.updateId },
      include: { affectedComponents: true },
    });
    expect(update.deliverNotifications).toBe(true);
    expect(update.affectedComponents.map((a) => [a.componentId, a.oldStatus, a.newStatus]).sort()).toEqual(
      [
        [api.id, "operational", "partial_outage"],
        [web.id, "operational", "degraded_performance"],
      ].sort(),
    );
    const history = await historyOf(api.id);
    expect(history.at(-1)).toMatchObject({
      fromStatus: "operational",
      toStatus: "partial_outage",
      incidentId: result.incident.id,
      incidentUpdateId: result.updateId,
    });
    const audit = await db.auditLog.findFirst({ where: { action: "incident.create", entityId: result.incident.id } });
    expect(audit).not.toBeNull();
    expect(await db.incidentComponent.count({ where: { incidentId: result.incident.id } })).toBe(2);
  });

  it("a viewer's create, update and resolve are refused", async () => {
    const viewer = await ctxFor("viewer");
    await expectAppError(
      createIncident({ ctx: viewer, input: { name: "x", impact: "minor", status: "investigating", message: "x" } }),
      "FORBIDDEN",
    );
    await expectAppError(
      postIncidentUpdate({ ctx: viewer, input: { incidentId: "abc", status: "identified", body: "x" } }),
      "FORBIDDEN",
    );
    await expectAppError(resolveIncident({ ctx: viewer, input: { incidentId: "abc" } }), "FORBIDDEN");
    await expectAppError(
      updateIncident({ ctx: viewer, input: { incidentId: "abc", version: 1, name: "x" } }),
      "FORBIDDEN",
    );
  });

  it("validation names every field at fault, including over-long bodies", async () => {
    const ctx = await ctxFor();
    const error = await expectAppError(
      createIncident({
        ctx,
        input: untypedInput({
          name: " ",
          impact: "catastrophic",
          status: "nope",
          message: "x".repeat(LIMITS.bodyMax + 1),
          components: [{ componentId: "x", status: "on_fire" }],
        }),
      }),
      "VALIDATION",
    );
    expect(Object.keys(error.fieldErrors ?? {})).toEqual(
      expect.arrayContaining(["name", "impact", "status", "message", "components.0.status"]),
    );
    expect(error.fieldErrors?.message?.[0]).toMatch(/at most 20,000/);
  });

  it("posting updates moves status and milestones; resolve sets affected components back to operational", async () => {
    const ctx = await ctxFor();
    const component = await createComponent();
    const { incident } = await createIncident({
      ctx,
      input: {
        name: unique("Queue"),
        impact: "minor",
        status: "investigating",
        message: "Looking",
        components: [{ componentId: component.id, status: "major_outage" }],
      },
    });
    await postIncidentUpdate({
      ctx,
      input: {
        incidentId: incident.id,
        status: "identified",
        body: "Found it",
        components: [{ componentId: component.id, status: "partial_outage" }],
      },
    });
    const monitoring = await postIncidentUpdate({
      ctx,
      input: { incidentId: incident.id, status: "monitoring", body: "Fix deployed" },
    });
    expect(monitoring.incident.monitoringAt).not.toBeNull();
    expect(monitoring.tags).not.toContain(TAGS.components);
    const resolved = await resolveIncident({ ctx, input: { incidentId: incident.id, setComponentsOperational: "on" } });
    expect(resolved.incident.status).toBe("resolved");
    expect(resolved.incident.resolvedAt).not.toBeNull();
    expect(resolved.tags).toContain(TAGS.components);
    expect((await getDb().component.findUniqueOrThrow({ where: { id: component.id } })).status).toBe("operational");
    expect((await historyOf(component.id)).map((h) => h.toStatus)).toEqual([
      "operational",
      "major_outage",
      "partial_outage",
      "operational",
    ]);
    await expectAppError(resolveIncident({ ctx, input: { incidentId: incident.id } }), "CONFLICT");
    const reopened = await reopenIncident({ ctx, input: { incidentId: incident.id, body: "It is back" } });
    expect(reopened.incident).toMatchObject({ status: "investigating", resolvedAt: null });
  });

  it("resolving without resetting components leaves their status alone", async () => {
    const ctx = await ctxFor();
    const component = await createComponent();
    const { incident } = await createIncident({
      ctx,
      input: {
        name: unique("Slow"),
        impact: "minor",
        status: "investigating",
        message: "Slow",
        components: [{ componentId: component.id, status: "degraded_performance" }],
      },
    });
    await resolveIncident({
      ctx,
      input: { incidentId: incident.id, setComponentsOperational: "false", body: "Resolved; still degraded" },
    });
    expect((await getDb().component.findUniqueOrThrow({ where: { id: component.id } })).status).toBe(
      "degraded_performance",
    );
  });

  it("two responders posting at the same time are both kept, in order", async () => {
    const [alice, bob] = [await ctxFor(), await ctxFor()];
    const { incident } = await createIncident({
      ctx: alice,
      input: { name: unique("Race"), impact: "minor", status: "investigating", message: "Start" },
    });
    const results = await Promise.all([
      postIncidentUpdate({
        ctx: alice,
        input: { incidentId: incident.id, status: "identified", body: "Alice's update" },
      }),
      postIncidentUpdate({ ctx: bob, input: { incidentId: incident.id, status: "identified", body: "Bob's update" } }),
    ]);
    expect(results).toHaveLength(2);
    const bodies = (
      await getDb().incidentUpdate.findMany({ where: { incidentId: incident.id }, orderBy: { displayAt: "asc" } })
    ).map((u) => u.body);
    expect(bodies).toHaveLength(3);
    expect(bodies).toEqual(expect.arrayContaining(["Start", "Alice's update", "Bob's update"]));
  });

  it("editing an update with a stale version is a conflict, never a silent overwrite", async () => {
    const ctx = await ctxFor();
    const { incident, updateId } = await createIncident({
      ctx,
      input: { name: unique("Edit"), impact: "minor", status: "investigating", message: "Frist" },
    });
    const edited = await editIncidentUpdate({ ctx, input: { updateId, version: 1, body: "First" } });
    expect(edited.update).toMatchObject({ body: "First", version: 2 });
    expect(edited.tags).toContain(TAGS.incident(incident.id));
    const conflict = await expectAppError(
      editIncidentUpdate({ ctx, input: { updateId, version: 1, body: "Overwrite" } }),
      "CONFLICT",
    );
    expect(conflict.message).toMatch(/changed since you opened it/);
    expect((await getDb().incidentUpdate.findUniqueOrThrow({ where: { id: updateId } })).body).toBe("First");
  });

  it("rename and impact change check the version; related incidents are invalidated too", async () => {
    const ctx = await ctxFor();
    const a = await createIncident({
      ctx,
      input: { name: unique("A"), impact: "minor", status: "investigating", message: "a" },
    });
    const b = await createIncident({
      ctx,
      input: { name: unique("B"), impact: "minor", status: "investigating", message: "b" },
    });
    const linked = await linkRelatedIncident({ ctx, input: { incidentId: a.incident.id, relatedId: b.incident.id } });
    expect(linked.tags).toEqual([TAGS.incident(a.incident.id), TAGS.incident(b.incident.id)]);
    await linkRelatedIncident({ ctx, input: { incidentId: b.incident.id, relatedId: a.incident.id } });
    expect(
      await getDb().incidentRelation.count({ where: { OR: [{ fromId: a.incident.id }, { toId: a.incident.id }] } }),
    ).toBe(1);
    const renamed = await updateIncident({
      ctx,
      input: { incidentId: a.incident.id, version: 1, name: "Renamed", impact: "critical" },
    });
    expect(renamed.incident).toMatchObject({ name: "Renamed", impact: "critical", version: 2 });
    expect(renamed.tags).toEqual(
      expect.arrayContaining([TAGS.incidents, TAGS.incident(a.incident.id), TAGS.incident(b.incident.id)]),
    );
    await expectAppError(
      updateIncident({ ctx, input: { incidentId: a.incident.id, version: 1, name: "Stale" } }),
      "CONFLICT",
    );
    const self = await expectAppError(
      linkRelatedIncident({ ctx, input: { incidentId: a.incident.id, relatedId: a.incident.id } }),
      "VALIDATION",
    );
    expect(self.fieldErrors?.relatedId).toBeDefined();
    await unlinkRelatedIncident({ ctx, input: { incidentId: b.incident.id, relatedId: a.incident.id } });
    expect(
      await getDb().incidentRelation.count({ where: { OR: [{ fromId: a.incident.id }, { toId: a.incident.id }] } }),
    ).toBe(0);
  });

  it("deletes an update but never the last one, and the incident status follows the latest remaining update", async () => {
    const ctx = await ctxFor();
    const { incident, updateId } = await createIncident({
      ctx,
      input: { name: unique("Del"), impact: "minor", status: "investigating", message: "one" },
    });
    await expectAppError(deleteIncidentUpdate({ ctx, input: { updateId } }), "VALIDATION");
    const second = await postIncidentUpdate({
      ctx,
      input: { incidentId: incident.id, status: "monitoring", body: "two" },
    });
    await deleteIncidentUpdate({ ctx, input: { updateId: second.updateId } });
    const after = await getDb().incident.findUniqueOrThrow({ where: { id: incident.id } });
    expect(after.status).toBe("investigating");
    expect(
      await getDb().auditLog.count({ where: { action: "incident.update.delete", entityId: second.updateId } }),
    ).toBe(1);
  });

  it("backfill: a past incident with updates at chosen times writes history at those times without touching the current status", async () => {
    const ctx = await ctxFor();
    const old = await componentAt(minutesAgo(60 * 24 * 30));
    const { incident } = await createIncident({
      ctx,
      input: {
        name: unique("Backfill"),
        impact: "major",
        status: "investigating",
        message: "Began",
        startedAt: minutesAgo(300).toISOString(),
        components: [{ componentId: old.id, status: "major_outage" }],
        deliverNotifications: false,
      },
    });
    await postIncidentUpdate({
      ctx,
      input: {
        incidentId: incident.id,
        status: "identified",
        body: "Cause",
        displayAt: minutesAgo(240),
        components: [{ componentId: old.id, status: "partial_outage" }],
        deliverNotifications: false,
      },
    });
    await postIncidentUpdate({
      ctx,
      input: {
        incidentId: incident.id,
        status: "resolved",
        body: "Done",
        displayAt: minutesAgo(180),
        components: [{ componentId: old.id, status: "operational" }],
        deliverNotifications: false,
      },
    });
    // A change a responder made since then must not be overwritten by a late-arriving older backfill.
    const live = await createIncident({
      ctx,
      input: {
        name: unique("Live"),
        impact: "minor",
        status: "investigating",
        message: "now",
        components: [{ componentId: old.id, status: "degraded_performance" }],
      },
    });
    const late = await postIncidentUpdate({
      ctx,
      input: {
        incidentId: incident.id,
        status: "identified",
        body: "Forgot this one",
        displayAt: minutesAgo(200),
        components: [{ componentId: old.id, status: "partial_outage" }],
      },
    });
    expect(late.tags).toContain(TAGS.componentHistory);
    expect(late.tags).not.toContain(TAGS.components);
    expect((await getDb().component.findUniqueOrThrow({ where: { id: old.id } })).status).toBe("degraded_performance");

    const history = (await historyOf(old.id)).map((h) => [
      h.toStatus,
      Math.round((Date.now() - h.changedAt.getTime()) / 60_000),
    ]);
    expect(history).toEqual([
      ["operational", 60 * 24 * 30],
      ["major_outage", 300],
      ["partial_outage", 240],
      ["partial_outage", 200],
      ["operational", 180],
      ["degraded_performance", 0],
    ]);
    const stored = await getDb().incident.findUniqueOrThrow({ where: { id: incident.id } });
    expect(stored.status).toBe("resolved");
    expect(Math.round((Date.now() - stored.startedAt.getTime()) / 60_000)).toBe(300);
    expect(Math.round((Date.now() - stored.resolvedAt!.getTime()) / 60_000)).toBe(180);
    expect(live.incident.status).toBe("investigating");
    const late200 = await getDb().incidentUpdateComponent.findFirstOrThrow({ where: { updateId: late.updateId } });
    expect([late200.oldStatus, late200.newStatus]).toEqual(["partial_outage", "partial_outage"]);
  });

  it("future dates are refused", async () => {
    const ctx = await ctxFor();
    const error = await expectAppError(
      createIncident({
        ctx,
        input: {
          name: "Future",
          impact: "minor",
          status: "investigating",
          message: "x",
          startedAt: new Date(Date.now() + 3_600_000),
        },
      }),
      "VALIDATION",
    );
    expect(error.fieldErrors?.startedAt).toBeDefined();
  });

  it("every update and component change reaches the notification outbox inside the transaction", async () => {
    const ctx = await ctxFor();
    const component = await createComponent();
    const events: IncidentEvent[] = [];
    const off = watchOutbox((tx, event) => {
      expect(typeof tx.incident.findUnique).toBe("function");
      if (event.type === "component.update" ? event.componentId === component.id : true) events.push(event);
    });
    try {
      const { incident, updateId } = await createIncident({
        ctx,
        input: {
          name: unique("Events"),
          impact: "minor",
          status: "investigating",
          message: "x",
          components: [{ componentId: component.id, status: "partial_outage" }],
        },
      });
      const mine = events.filter((e) => e.incidentId === incident.id);
      expect(mine).toEqual(
        expect.arrayContaining([
          {
            type: "component.update",
            componentId: component.id,
            oldStatus: "operational",
            newStatus: "partial_outage",
            incidentId: incident.id,
          },
          { type: "incident.update", incidentId: incident.id, updateId },
        ]),
      );
    } finally {
      off();
    }
  });
});
