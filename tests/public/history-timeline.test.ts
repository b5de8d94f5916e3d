import { describe, expect, it } from "vitest";
import { scheduleMaintenance } from "@/server/services/maintenance/schedule-maintenance";
import { runMaintenanceScheduler } from "@/server/services/maintenance/run-maintenance-scheduler";
import { listIncidentsBetween } from "@/server/queries/public-status";
import { listIncidentsWithUpdatesBetween } from "@/server/queries/public-timeline";
import { unique } from "@/tests/support/factories";
import { ctxFor } from "@/tests/console/helpers";

const HOUR = 3_600_000;

describe("history", () => {
  it("starts with what has happened: a maintenance joins it when it starts, not while it is upcoming", async () => {
    const ctx = await ctxFor();
    const base = Date.now();
    const { maintenance } = await scheduleMaintenance({
      ctx,
      input: {
        name: unique("Future window"),
        scheduledFor: new Date(base + HOUR),
        scheduledUntil: new Date(base + 2 * HOUR),
        message: "Upgrading",
        deliverNotifications: "false",
      },
    });
    const from = new Date(base - 24 * HOUR);
    const ids = async (offset: number) => {
      const to = new Date(base + 24 * HOUR + offset);
      return [
        (await listIncidentsBetween(from, to)).map((i) => i.id),
        (await listIncidentsWithUpdatesBetween(from, to)).map((i) => i.id),
      ];
    };
    for (const list of await ids(0)) expect(list).not.toContain(maintenance.id);

    await runMaintenanceScheduler({ now: new Date(base + HOUR + 60_000) });
    for (const list of await ids(1)) expect(list).toContain(maintenance.id);
  });
});
