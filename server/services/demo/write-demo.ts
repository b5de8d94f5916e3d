// The demo's rows, every one marked `demo` so "Remove the demo" deletes exactly these. Shared by the seed script
// (plain Node, hence relative imports and no server-only) and the first-run set-up service.
import type { Prisma } from "../../db/generated/client";
import type { ComponentStatus } from "../../../lib/status";
import {
  DAY,
  DEMO_PAGE,
  DEMO_TEMPLATES,
  GROUPS,
  HOUR,
  MINUTE,
  PAST_TEMPLATES,
  POSTMORTEM,
  UNGROUPED,
  type UpdateSpec,
} from "./demo-content";
import { writeDemoMetrics } from "./demo-metrics";

type Db = Prisma.TransactionClient;

export const DEMO_SEED_ACTION = "page.seed_demo";

/**
 * Writes the demo into the page: its settings (over an unnamed page's), components, incidents, a maintenance and
 * message templates, with one audit row that records it. Runs inside the caller's transaction.
 */
export async function writeDemo(
  db: Db,
  { now = new Date(), actorLabel = "demo seed", actorId = null as string | null } = {},
) {
  const existing = await db.pageSettings.findFirst({ select: { id: true } });
  const page = existing
    ? await db.pageSettings.update({
        where: { id: existing.id },
        data: { ...DEMO_PAGE, demo: true, version: { increment: 1 } },
        select: { id: true },
      })
    : await db.pageSettings.create({ data: { ...DEMO_PAGE, demo: true }, select: { id: true } });
  await writeDemoRows(db, now);
  await db.messageTemplate.createMany({
    data: DEMO_TEMPLATES.map((template) => ({ ...template, demo: true })),
    skipDuplicates: true,
  });
  const counts = {
    components: await db.component.count({ where: { demo: true } }),
    incidents: await db.incident.count({ where: { demo: true, kind: "incident" } }),
    maintenances: await db.incident.count({ where: { demo: true, kind: "maintenance" } }),
    metrics: await db.metric.count({ where: { demo: true } }),
  };
  await db.auditLog.create({
    data: {
      actorId,
      actorLabel,
      action: DEMO_SEED_ACTION,
      entityType: "page",
      entityId: page.id,
      after: counts,
      demo: true,
    },
  });
  return counts;
}

async function writeDemoRows(db: Db, now: Date) {
  const historyStart = new Date(now.getTime() - 120 * DAY);
  const componentIds = new Map<string, string>();
  let position = 0;
  for (const [groupIndex, group] of GROUPS.entries()) {
    const created = await db.componentGroup.create({
      data: { name: group.name, description: group.description, position: groupIndex, demo: true },
    });
    for (const [name, description] of group.components) {
      const component = await db.component.create({
        data: {
          name,
          description,
          position: position++,
          groupId: created.id,
          startDate: historyStart,
          createdAt: historyStart,
          demo: true,
        },
      });
      componentIds.set(name, component.id);
    }
  }
  for (const [name, description] of UNGROUPED) {
    const component = await db.component.create({
      data: { name, description, position: position++, startDate: historyStart, createdAt: historyStart, demo: true },
    });
    componentIds.set(name, component.id);
  }
  for (const id of componentIds.values()) {
    await db.componentStatusChange.create({
      data: { componentId: id, fromStatus: null, toStatus: "operational", changedAt: historyStart },
    });
  }

  const current = new Map<string, ComponentStatus>([...componentIds.keys()].map((name) => [name, "operational"]));

  async function recordIncident(spec: {
    name: string;
    impact: "none" | "minor" | "major" | "critical";
    components: string[];
    updates: UpdateSpec[];
  }) {
    const first = spec.updates[0];
    const last = spec.updates[spec.updates.length - 1];
    const monitoring = spec.updates.find((u) => u.status === "monitoring");
    const resolved = last.status === "resolved" ? last : undefined;
    const incident = await db.incident.create({
      data: {
        name: spec.name,
        status: last.status,
        impact: spec.impact,
        startedAt: first.at,
        createdAt: first.at,
        monitoringAt: monitoring?.at ?? null,
        resolvedAt: resolved?.at ?? null,
        demo: true,
        components: { create: spec.components.map((name) => ({ componentId: componentIds.get(name)! })) },
      },
    });
    for (const update of spec.updates) {
      const changes = (update.changes ?? []).filter(([name, status]) => current.get(name) !== status);
      const created = await db.incidentUpdate.create({
        data: {
          incidentId: incident.id,
          status: update.status,
          body: update.body,
          displayAt: update.at,
          createdAt: update.at,
          deliverNotifications: true,
          affectedComponents: {
            create: changes.map(([name, status]) => ({
              componentId: componentIds.get(name)!,
              componentName: name,
              oldStatus: current.get(name)!,
              newStatus: status,
            })),
          },
        },
      });
      for (const [name, status] of changes) {
        await db.componentStatusChange.create({
          data: {
            componentId: componentIds.get(name)!,
            fromStatus: current.get(name)!,
            toStatus: status,
            changedAt: update.at,
            incidentId: incident.id,
            incidentUpdateId: created.id,
          },
        });
        current.set(name, status);
      }
    }
    return incident;
  }

  // Ninety days of past incidents, a few a month, each on its own day.
  let seed = 7;
  const random = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  for (let daysAgo = 88; daysAgo >= 16; daysAgo -= 4 + Math.floor(random() * 6)) {
    const template = PAST_TEMPLATES[Math.floor(random() * PAST_TEMPLATES.length)];
    const dayStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - daysAgo * DAY;
    const start = new Date(dayStart + (2 + Math.floor(random() * 14)) * HOUR + Math.floor(random() * 60) * MINUTE);
    const steps = [0, 25 + Math.floor(random() * 40), 70 + Math.floor(random() * 90), 140 + Math.floor(random() * 180)];
    await recordIncident({
      name: template.name,
      impact: template.impact,
      components: template.components,
      updates: template.lines.map((body, index) => ({
        at: new Date(start.getTime() + steps[index] * MINUTE),
        status: (["investigating", "identified", "monitoring", "resolved"] as const)[index],
        body,
        changes:
          index === 0
            ? template.components.map((name) => [name, template.status] as [string, ComponentStatus])
            : index === 2
              ? template.components.map((name) => [name, "operational"] as [string, ComponentStatus])
              : [],
      })),
    }).then(() => undefined);
  }

  // A long incident across midnight, its continuation, and a postmortem published days later.
  const outageStart = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - 9 * DAY + 18 * HOUR + 4 * MINUTE,
  );
  const at = (minutes: number) => new Date(outageStart.getTime() + minutes * MINUTE);
  const jobs = await recordIncident({
    name: "Jobs not starting",
    impact: "critical",
    components: ["Docker Jobs", "Machine Jobs", "macOS Jobs", "Runner"],
    updates: [
      {
        at: at(0),
        status: "investigating",
        body: "We are seeing delays starting jobs across all executors and are investigating.",
        changes: [
          ["Docker Jobs", "degraded_performance"],
          ["Machine Jobs", "degraded_performance"],
        ],
      },
      {
        at: at(31),
        status: "investigating",
        body: "Jobs are now failing to start for most customers. Engineers from several teams have joined the incident.",
        changes: [
          ["Docker Jobs", "major_outage"],
          ["Machine Jobs", "major_outage"],
          ["macOS Jobs", "partial_outage"],
          ["Runner", "partial_outage"],
        ],
      },
      {
        at: at(95),
        status: "investigating",
        body: "Service-to-service requests inside our main cluster are failing. We are narrowing down whether DNS or the network proxy is responsible.",
      },
      {
        at: at(170),
        status: "identified",
        body: "We have identified a version mismatch between node components introduced by an ongoing cluster upgrade. We are rolling nodes back to a consistent version.",
      },
      {
        at: at(250),
        status: "identified",
        body: "Roughly half of the nodes are back on a consistent version and some jobs are starting. Expect long queue times while the backlog is processed.",
      },
      {
        at: at(330),
        status: "monitoring",
        body: "All nodes have been restored. Jobs are starting normally and the backlog is draining.",
        changes: [
          ["Docker Jobs", "degraded_performance"],
          ["Machine Jobs", "degraded_performance"],
          ["macOS Jobs", "operational"],
          ["Runner", "operational"],
        ],
      },
      {
        at: at(443),
        status: "resolved",
        body: "Jobs are starting normally and the queue backlog has cleared. We will publish a full incident report.",
        changes: [
          ["Docker Jobs", "operational"],
          ["Machine Jobs", "operational"],
        ],
      },
    ],
  });
  const cont = await recordIncident({
    name: "Jobs not starting (continued)",
    impact: "major",
    components: ["Docker Jobs", "Machine Jobs"],
    updates: [
      {
        at: at(530),
        status: "investigating",
        body: "Pipelines are delayed again while our queueing system recovers from the earlier incident. The original updates can be found on the linked incident.",
        changes: [
          ["Docker Jobs", "partial_outage"],
          ["Machine Jobs", "partial_outage"],
        ],
      },
      {
        at: at(600),
        status: "identified",
        body: "Two queue nodes lost their queues during recovery. We are recreating them and replaying messages.",
      },
      {
        at: at(660),
        status: "monitoring",
        body: "Queues are healthy and pipelines start on time.",
        changes: [
          ["Docker Jobs", "operational"],
          ["Machine Jobs", "operational"],
        ],
      },
      { at: at(674), status: "resolved", body: "This incident has been resolved." },
    ],
  });
  await db.incidentRelation.create({ data: { fromId: cont.id, toId: jobs.id } });
  await db.incident.update({ where: { id: jobs.id }, data: { status: "postmortem" } });
  await db.postmortem.create({
    data: {
      incidentId: jobs.id,
      publishedAt: new Date(outageStart.getTime() + 6 * DAY),
      body: POSTMORTEM,
      bodyUpdatedAt: new Date(outageStart.getTime() + 6 * DAY),
      draft: POSTMORTEM,
    },
  });

  // An incident still in progress.
  const macErrorsSince = new Date(now.getTime() - 52 * MINUTE);
  await recordIncident({
    name: "Elevated errors starting macOS jobs",
    impact: "minor",
    components: ["macOS Jobs"],
    updates: [
      {
        at: macErrorsSince,
        status: "investigating",
        body: "Some macOS jobs fail to start with an *infrastructure error*. Retrying the job usually works.",
        changes: [["macOS Jobs", "degraded_performance"]],
      },
      {
        at: new Date(now.getTime() - 18 * MINUTE),
        status: "identified",
        body: "A batch of hosts in one datacenter did not pick up the latest image. We are taking them out of rotation.",
      },
    ],
  });

  // A maintenance window in three days.
  const windowStart = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + 3 * DAY + 6 * HOUR,
  );
  await db.incident.create({
    data: {
      kind: "maintenance",
      name: "Database upgrade for the dashboard",
      status: "scheduled",
      impact: "maintenance",
      startedAt: windowStart,
      scheduledFor: windowStart,
      scheduledUntil: new Date(windowStart.getTime() + 2 * HOUR),
      autoTransitionToMaintenanceState: true,
      autoTransitionToOperationalState: true,
      demo: true,
      components: { create: ["Web App", "API"].map((name) => ({ componentId: componentIds.get(name)! })) },
      updates: {
        create: {
          status: "scheduled",
          body: "We will upgrade the database behind the dashboard and API. Both may be read-only for up to 10 minutes during the window.",
          displayAt: new Date(now.getTime() - 2 * DAY),
          createdAt: new Date(now.getTime() - 2 * DAY),
        },
      },
    },
  });

  for (const [name, status] of current) {
    await db.component.update({ where: { id: componentIds.get(name)! }, data: { status } });
  }

  await writeDemoMetrics(db, now, { componentIds, jobsOutage: { start: at(0), end: at(674) }, macErrorsSince });
}
