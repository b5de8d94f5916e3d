import { describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { getDb, type Tx } from "@/server/db/client";
import { getConsoleOverview, STALE_UPDATE_MINUTES } from "@/server/queries/console-overview";
import { createIncident } from "@/server/services/incidents/create-incident";
import { resolveIncident } from "@/server/services/incidents/resolve-incident";
import { scheduleMaintenance } from "@/server/services/maintenance/schedule-maintenance";
import { createComponent as createComponentService } from "@/server/services/components/create-component";
import type { Actor } from "@/server/services/context";
import { actorFor, unique } from "@/tests/support/factories";

const MINUTE = 60_000;
const ROLLBACK = new Error("rollback");

/**
 * Runs `work` in one repeatable-read transaction that is rolled back: the overview sees this test's rows and a
 * snapshot of everything else, so counts taken before and after differ by exactly what the test added.
 */
async function inSnapshot(work: (tx: Tx) => Promise<void>) {
  await expect(
    getDb().$transaction(
      async (tx) => {
        await work(tx);
        throw ROLLBACK;
      },
      { isolationLevel: "RepeatableRead", timeout: 30_000, maxWait: 10_000 },
    ),
  ).rejects.toBe(ROLLBACK);
}

async function declare(
  tx: Tx,
  actor: Actor,
  name: string,
  components: { componentId: string; status: "major_outage" | "partial_outage" }[] = [],
) {
  const { incident } = await createIncident({
    ctx: { actor, db: tx },
    input: {
      name,
      impact: "major",
      status: "investigating",
      message: "Looking into it.",
      components,
      deliverNotifications: false,
    },
  });
  return incident;
}

async function postedMinutesAgo(tx: Tx, incidentId: string, minutes: number) {
  await tx.incidentUpdate.updateMany({
    where: { incidentId },
    data: { createdAt: new Date(Date.now() - minutes * MINUTE) },
  });
}

describe("console overview", () => {
  it("flags an open incident without an update for 30 minutes, lists the least recently updated first, and leaves resolved ones out", async () => {
    const responder = await actorFor("responder");
    await inSnapshot(async (tx) => {
      const { component } = await createComponentService({
        ctx: { actor: responder, db: tx },
        input: { name: unique("Overview API") },
      });
      const stale = await declare(tx, responder, unique("Stale incident"), [
        { componentId: component.id, status: "major_outage" },
      ]);
      const almost = await declare(tx, responder, unique("Almost stale incident"));
      const fresh = await declare(tx, responder, unique("Fresh incident"));
      const resolved = await declare(tx, responder, unique("Resolved incident"));
      await resolveIncident({
        ctx: { actor: responder, db: tx },
        input: { incidentId: resolved.id, body: "Fixed.", deliverNotifications: false },
      });
      await postedMinutesAgo(tx, stale.id, 45);
      await postedMinutesAgo(tx, almost.id, STALE_UPDATE_MINUTES - 1);

      const overview = await getConsoleOverview({ ctx: { actor: responder, db: tx } });
      const mine = overview.incidents.filter((i) => [stale.id, almost.id, fresh.id, resolved.id].includes(i.id));
      expect(mine.map((i) => [i.id, i.stale, i.minutesSinceUpdate])).toEqual([
        [stale.id, true, 45],
        [almost.id, false, STALE_UPDATE_MINUTES - 1],
        [fresh.id, false, 0],
      ]);
      expect(mine[0].components).toEqual([{ id: component.id, name: component.name, status: "major_outage" }]);
      expect(overview.components).toContainEqual({
        id: component.id,
        name: component.name,
        status: "major_outage",
        groupName: null,
      });
      expect(overview.components.some((c) => c.status === "operational")).toBe(false);
    });
  });

  it("lists scheduled maintenance soonest first and marks a window that should have started", async () => {
    const responder = await actorFor("responder");
    await inSnapshot(async (tx) => {
      const now = Date.now();
      const name = unique("Overdue maintenance");
      const { maintenance } = await scheduleMaintenance({
        ctx: { actor: responder, db: tx },
        input: {
          name,
          message: "Upgrading.",
          scheduledFor: new Date(now - 400 * 86_400_000),
          scheduledUntil: new Date(now + 3_600_000),
          deliverNotifications: false,
        },
      });
      const overview = await getConsoleOverview({ ctx: { actor: responder, db: tx } });
      const { upcoming } = overview.maintenance;
      expect(upcoming[0]).toMatchObject({ id: maintenance.id, name, status: "scheduled", overdue: true });
      expect(upcoming.every((m) => m.status === "scheduled")).toBe(true);
      const starts = upcoming.map((m) => m.scheduledFor!.getTime());
      expect(starts).toEqual([...starts].sort((a, b) => a - b));
    });
  });

  it("names what recent activity touched; a responder does not see user changes, an owner does", async () => {
    const responder = await actorFor("responder");
    const owner = await actorFor("owner");
    await inSnapshot(async (tx) => {
      const name = unique("Audited overview incident");
      const incident = await declare(tx, responder, name);
      const user = await tx.user.create({
        data: { email: `${unique("new")}@example.test`, name: "New", role: "viewer", passwordHash: "unused" },
      });
      await tx.auditLog.create({
        data: { actorLabel: "owner@example.test", action: "user.create", entityType: "user", entityId: user.id },
      });

      const forResponder = await getConsoleOverview({ ctx: { actor: responder, db: tx } });
      expect(forResponder.activity[0]).toMatchObject({
        action: "incident.create",
        entity: { label: name, href: `/admin/incidents/${incident.id}` },
      });
      expect(forResponder.activity.some((a) => a.entityType === "user")).toBe(false);
      expect(forResponder.failingWebhooks).toBeNull();

      const forOwner = await getConsoleOverview({ ctx: { actor: owner, db: tx } });
      expect(forOwner.activity[0]).toMatchObject({
        action: "user.create",
        entity: { label: user.email, href: "/admin/users" },
      });
      expect(forOwner.activity[1]).toMatchObject({ action: "incident.create", entity: { label: name } });
    });
  });

  it("counts subscribers and the deliveries waiting, retrying and given up, per channel", async () => {
    const owner = await actorFor("owner");
    await inSnapshot(async (tx) => {
      const ctx = { actor: owner, db: tx };
      const before = await getConsoleOverview({ ctx });
      const token = () => randomBytes(24).toString("hex");
      const email = await tx.subscriber.create({
        data: {
          kind: "email",
          email: `${unique("reader")}@example.test`,
          manageToken: token(),
          confirmedAt: new Date(),
        },
      });
      await tx.subscriber.create({
        data: { kind: "email", email: `${unique("unconfirmed")}@example.test`, manageToken: token() },
      });
      const hook = await tx.subscriber.create({
        data: {
          kind: "webhook",
          endpoint: "http://127.0.0.1:9/hook",
          manageToken: token(),
          confirmedAt: new Date(),
          consecutiveFailures: 3,
        },
      });
      const disabled = await tx.subscriber.create({
        data: {
          kind: "webhook",
          endpoint: "http://127.0.0.1:9/gone",
          manageToken: token(),
          confirmedAt: new Date(),
          disabledAt: new Date(),
          disabledReason: "Failed 1000 times in a row.",
          consecutiveFailures: 1000,
        },
      });
      const waitingSince = new Date(Date.now() - 7 * MINUTE);
      await tx.outboxMessage.create({
        data: {
          eventType: "incident.updated",
          payload: { test: true },
          deliveries: {
            create: [
              { subscriberId: email.id, status: "pending", createdAt: waitingSince },
              { subscriberId: hook.id, status: "failed", attempts: 3 },
              { subscriberId: disabled.id, status: "dead", attempts: 20 },
            ],
          },
        },
      });
      await tx.outboxMessage.create({
        data: {
          eventType: "incident.updated",
          payload: { test: true },
          // Abandoned before any attempt (the reader unsubscribed): not a delivery failure.
          deliveries: {
            create: [
              { subscriberId: email.id, status: "dead", attempts: 0 },
              { subscriberId: hook.id, status: "delivered", attempts: 1 },
            ],
          },
        },
      });

      const after = await getConsoleOverview({ ctx });
      expect(after.subscribers.email - before.subscribers.email).toBe(1);
      expect(after.subscribers.webhook - before.subscribers.webhook).toBe(1);
      expect(after.subscribers.awaitingConfirmation - before.subscribers.awaitingConfirmation).toBe(1);
      expect(after.deliveries.email.waiting - before.deliveries.email.waiting).toBe(1);
      expect(after.deliveries.email.gaveUp - before.deliveries.email.gaveUp).toBe(0);
      expect(after.deliveries.webhook.retrying - before.deliveries.webhook.retrying).toBe(1);
      expect(after.deliveries.webhook.gaveUp - before.deliveries.webhook.gaveUp).toBe(1);
      expect(after.deliveries.disabledWebhooks - before.deliveries.disabledWebhooks).toBe(1);
      expect(after.deliveries.email.oldestWaitingAt!.getTime()).toBeLessThanOrEqual(waitingSince.getTime());
      expect(after.failingWebhooks).toContainEqual({
        id: disabled.id,
        endpoint: "http://127.0.0.1:9/gone",
        consecutiveFailures: 1000,
        disabled: true,
        reason: "Failed 1000 times in a row.",
      });
    });
  });
});
