import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { scheduleMaintenance } from "@/server/services/maintenance/schedule-maintenance";
import {
  MAINTENANCE_COMPLETED_MESSAGE,
  runMaintenanceScheduler,
} from "@/server/services/maintenance/run-maintenance-scheduler";
import { createComponent, unique } from "@/tests/support/factories";
import { ctxFor } from "@/tests/console/helpers";

const inMinutes = (minutes: number, from: number) => new Date(from + minutes * 60_000);

async function updatesOf(incidentId: string) {
  return getDb().incidentUpdate.findMany({
    where: { incidentId },
    orderBy: [{ displayAt: "asc" }, { createdAt: "asc" }],
    select: { status: true, body: true },
  });
}

describe("maintenance that starts on its own", () => {
  it("keeps the responder's scheduled message in the update it posts when it starts", async () => {
    const ctx = await ctxFor();
    const component = await createComponent();
    const base = Date.now();
    const message = `We are moving the database to new disks; writes pause for five minutes. ${unique("ref")}`;
    const { maintenance } = await scheduleMaintenance({
      ctx,
      input: {
        name: unique("Disk move"),
        scheduledFor: inMinutes(30, base),
        scheduledUntil: inMinutes(90, base),
        componentIds: [component.id],
        message,
        autoTransition: "on",
      },
    });

    await runMaintenanceScheduler({ now: inMinutes(31, base) });
    expect(await updatesOf(maintenance.id)).toEqual([
      { status: "scheduled", body: message },
      { status: "in_progress", body: message },
    ]);

    await runMaintenanceScheduler({ now: inMinutes(91, base) });
    const updates = await updatesOf(maintenance.id);
    expect(updates.map((u) => u.status)).toEqual(["scheduled", "in_progress", "completed"]);
    expect(updates[2].body).toBe(MAINTENANCE_COMPLETED_MESSAGE);
  });

  it("uses the responder's own text after an edit of the scheduled message", async () => {
    const ctx = await ctxFor();
    const base = Date.now();
    const { maintenance } = await scheduleMaintenance({
      ctx,
      input: {
        name: unique("Edited"),
        scheduledFor: inMinutes(30, base),
        scheduledUntil: inMinutes(90, base),
        message: "First draft",
        autoTransition: "on",
      },
    });
    await getDb().incidentUpdate.updateMany({
      where: { incidentId: maintenance.id, status: "scheduled" },
      data: { body: "Final wording" },
    });
    await runMaintenanceScheduler({ now: inMinutes(31, base) });
    const updates = await updatesOf(maintenance.id);
    expect(updates[1]).toEqual({ status: "in_progress", body: "Final wording" });
  });
});
