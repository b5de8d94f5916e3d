import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { scheduleMaintenance, rescheduleMaintenance } from "@/server/services/maintenance/schedule-maintenance";
import { cancelMaintenance } from "@/server/services/maintenance/cancel-maintenance";
import { runMaintenanceScheduler } from "@/server/services/maintenance/run-maintenance-scheduler";
import { postIncidentUpdate } from "@/server/services/incidents/post-incident-update";
import { setComponentStatus } from "@/server/services/components/set-component-status";
import { createComponent, unique, untypedInput } from "@/tests/support/factories";
import { ctxFor, expectAppError, historyOf } from "@/tests/console/helpers";

const inMinutes = (minutes: number, from = Date.now()) => new Date(from + minutes * 60_000);

describe("maintenance", () => {
  it("starts and completes by itself with a fake clock, restoring each component's pre-maintenance status", async () => {
    const ctx = await ctxFor();
    const db = await createComponent();
    const api = await createComponent();
    await setComponentStatus({ ctx, input: { componentId: api.id, status: "degraded_performance" } });
    const base = Date.now();
    const { maintenance } = await scheduleMaintenance({
      ctx,
      input: {
        name: unique("DB upgrade"),
        scheduledFor: inMinutes(60, base),
        scheduledUntil: inMinutes(120, base),
        componentIds: [db.id, api.id],
        message: "Upgrading",
        autoTransition: "on",
      },
    });
    expect(maintenance.status).toBe("scheduled");

    const early = await runMaintenanceScheduler({ now: inMinutes(59, base) });
    expect(early.started).not.toContain(maintenance.id);

    const start = await runMaintenanceScheduler({ now: inMinutes(61, base) });
    expect(start.started).toContain(maintenance.id);
    const running = await getDb().incident.findUniqueOrThrow({
      where: { id: maintenance.id },
      include: { updates: { orderBy: { displayAt: "asc" } } },
    });
    expect(running.status).toBe("in_progress");
    expect(running.updates.map((u) => u.status)).toEqual(["scheduled", "in_progress"]);
    const statuses = async () =>
      (await getDb().component.findMany({ where: { id: { in: [db.id, api.id] } }, orderBy: { id: "asc" } })).map(
        (c) => [c.id, c.status],
      );
    expect(await statuses()).toEqual(
      [
        [db.id, "under_maintenance"],
        [api.id, "under_maintenance"],
      ].sort(),
    );

    const again = await runMaintenanceScheduler({ now: inMinutes(62, base) });
    expect(again.started).not.toContain(maintenance.id);

    const end = await runMaintenanceScheduler({ now: inMinutes(121, base) });
    expect(end.completed).toContain(maintenance.id);
    const done = await getDb().incident.findUniqueOrThrow({ where: { id: maintenance.id } });
    expect(done.status).toBe("completed");
    expect(done.resolvedAt?.getTime()).toBe(inMinutes(121, base).getTime());
    expect(await statuses()).toEqual(
      [
        [db.id, "operational"],
        [api.id, "degraded_performance"],
      ].sort(),
    );
    expect((await historyOf(db.id)).map((h) => h.toStatus)).toEqual([
      "operational",
      "under_maintenance",
      "operational",
    ]);
  });

  it("two scheduler runs at once transition a window exactly once", async () => {
    const ctx = await ctxFor();
    const component = await createComponent();
    const base = Date.now();
    const { maintenance } = await scheduleMaintenance({
      ctx,
      input: {
        name: unique("Race"),
        scheduledFor: inMinutes(30, base),
        scheduledUntil: inMinutes(40, base),
        componentIds: [component.id],
        message: "x",
      },
    });
    const now = inMinutes(31, base);
    const [a, b] = await Promise.all([runMaintenanceScheduler({ now }), runMaintenanceScheduler({ now })]);
    expect([a.started.includes(maintenance.id), b.started.includes(maintenance.id)].filter(Boolean)).toHaveLength(1);
    expect(await getDb().incidentUpdate.count({ where: { incidentId: maintenance.id, status: "in_progress" } })).toBe(
      1,
    );
    expect(
      await getDb().componentStatusChange.count({
        where: { componentId: component.id, toStatus: "under_maintenance" },
      }),
    ).toBe(1);
  });

  it("without auto-transition the window still moves on time but components are left alone", async () => {
    const ctx = await ctxFor();
    const component = await createComponent();
    const base = Date.now();
    const { maintenance } = await scheduleMaintenance({
      ctx,
      input: {
        name: unique("Manual"),
        scheduledFor: inMinutes(10, base),
        scheduledUntil: inMinutes(20, base),
        componentIds: [component.id],
        message: "x",
        autoTransition: "false",
      },
    });
    await runMaintenanceScheduler({ now: inMinutes(11, base) });
    expect((await getDb().component.findUniqueOrThrow({ where: { id: component.id } })).status).toBe("operational");
    await runMaintenanceScheduler({ now: inMinutes(21, base) });
    expect((await getDb().incident.findUniqueOrThrow({ where: { id: maintenance.id } })).status).toBe("completed");
  });

  it("posts updates during a window, reschedules with a version check, and cancels with a note", async () => {
    const ctx = await ctxFor();
    const base = Date.now();
    const { maintenance } = await scheduleMaintenance({
      ctx,
      input: {
        name: unique("Resched"),
        scheduledFor: inMinutes(60, base),
        scheduledUntil: inMinutes(90, base),
        message: "Planned",
      },
    });
    await postIncidentUpdate({
      ctx,
      input: { incidentId: maintenance.id, status: "scheduled", body: "Still planned" },
    });
    const wrongStatus = await expectAppError(
      postIncidentUpdate({ ctx, input: { incidentId: maintenance.id, status: "investigating", body: "x" } }),
      "VALIDATION",
    );
    expect(wrongStatus.fieldErrors?.status).toBeDefined();
    const moved = await rescheduleMaintenance({
      ctx,
      input: {
        incidentId: maintenance.id,
        version: 1,
        scheduledFor: inMinutes(120, base),
        scheduledUntil: inMinutes(150, base),
        body: "Moved by an hour",
      },
    });
    expect(moved.maintenance.scheduledFor?.getTime()).toBe(inMinutes(120, base).getTime());
    await expectAppError(
      rescheduleMaintenance({
        ctx,
        input: {
          incidentId: maintenance.id,
          version: 1,
          scheduledFor: inMinutes(130, base),
          scheduledUntil: inMinutes(150, base),
        },
      }),
      "CONFLICT",
    );
    const badWindow = await expectAppError(
      rescheduleMaintenance({
        ctx,
        input: {
          incidentId: maintenance.id,
          version: 2,
          scheduledFor: inMinutes(130, base),
          scheduledUntil: inMinutes(100, base),
        },
      }),
      "VALIDATION",
    );
    expect(badWindow.fieldErrors?.scheduledUntil).toBeDefined();
    const cancelled = await cancelMaintenance({
      ctx,
      input: { incidentId: maintenance.id, body: "Cancelled: not needed" },
    });
    expect(cancelled.maintenance.status).toBe("completed");
    const last = await getDb().incidentUpdate.findFirstOrThrow({
      where: { incidentId: maintenance.id },
      orderBy: { createdAt: "desc" },
    });
    expect(last).toMatchObject({ status: "completed", body: "Cancelled: not needed" });
    await expectAppError(cancelMaintenance({ ctx, input: { incidentId: maintenance.id } }), "CONFLICT");
  });

  it("refuses a viewer and names the window fields at fault", async () => {
    const viewer = await ctxFor("viewer");
    await expectAppError(scheduleMaintenance({ ctx: viewer, input: untypedInput({}) }), "FORBIDDEN");
    await expectAppError(cancelMaintenance({ ctx: viewer, input: { incidentId: "abc" } }), "FORBIDDEN");
    const ctx = await ctxFor();
    const error = await expectAppError(
      scheduleMaintenance({ ctx, input: { name: "", scheduledFor: "", scheduledUntil: "tomorrow", message: "" } }),
      "VALIDATION",
    );
    expect(Object.keys(error.fieldErrors ?? {}).sort()).toEqual(["message", "name", "scheduledFor", "scheduledUntil"]);
  });
});
