// Demo data for a fictional CI company, so a newcomer sees a lived-in status page on first start.
import type { Prisma, PrismaClient } from "../server/db/generated/client";
import type { ComponentStatus } from "../lib/status";

type Db = Prisma.TransactionClient;

const GROUPS: { name: string; description: string; components: [string, string][] }[] = [
  {
    name: "Pipelines",
    description: "Running your builds and deployments",
    components: [
      ["Docker Jobs", "Jobs that run in containers on our fleet"],
      ["Machine Jobs", "Jobs that run on full Linux virtual machines"],
      ["macOS Jobs", "Jobs that run on Apple hardware"],
      ["Runner", "Self-hosted runners connecting to Forgeline"],
    ],
  },
  {
    name: "Platform",
    description: "The website and the services behind it",
    components: [
      ["Web App", "app.forgeline.dev, the dashboard"],
      ["API", "The public REST API"],
      ["Artifacts", "Storing and downloading build artifacts"],
      ["Notifications", "Email and chat notifications about builds"],
    ],
  },
  {
    name: "Integrations",
    description: "Source control providers",
    components: [
      ["GitHub Checks", "Status checks reported back to GitHub"],
      ["Bitbucket", "Pipelines triggered from Bitbucket"],
      ["GitLab", "Pipelines triggered from GitLab"],
    ],
  },
];

const UNGROUPED: [string, string][] = [["Billing", "Plans, invoices and usage reports"]];

const HOUR = 3_600_000;
const MINUTE = 60_000;
const DAY = 24 * HOUR;

type UpdateSpec = {
  at: Date;
  status: "investigating" | "identified" | "monitoring" | "resolved";
  body: string;
  changes?: [string, ComponentStatus][];
};

const PAST_TEMPLATES: {
  name: string;
  impact: "minor" | "major" | "critical";
  components: string[];
  status: ComponentStatus;
  lines: string[];
}[] = [
  {
    name: "Slow artifact uploads",
    impact: "minor",
    components: ["Artifacts"],
    status: "degraded_performance",
    lines: [
      "We are looking into slower than usual artifact uploads.",
      "A storage node was throttling writes; traffic has been moved off it.",
      "Upload times are back to normal. We are keeping an eye on it.",
      "This incident has been resolved.",
    ],
  },
  {
    name: "Delayed GitHub status checks",
    impact: "minor",
    components: ["GitHub Checks"],
    status: "degraded_performance",
    lines: [
      "Status checks are reaching GitHub late, by up to 10 minutes.",
      "GitHub's API is rate limiting our check updates; we are backing off and retrying.",
      "Checks are flowing again and the backlog is draining.",
      "All delayed checks have been delivered.",
    ],
  },
  {
    name: "Errors loading the dashboard",
    impact: "major",
    components: ["Web App"],
    status: "partial_outage",
    lines: [
      "Some customers see errors loading the dashboard.",
      "A bad deploy of the dashboard is the cause; we are rolling it back.",
      "The rollback is complete and error rates are normal.",
      "This incident has been resolved.",
    ],
  },
  {
    name: "Machine jobs stuck in queue",
    impact: "major",
    components: ["Machine Jobs"],
    status: "partial_outage",
    lines: [
      "Machine jobs are queuing longer than expected.",
      "We found a capacity shortfall in one region and are adding hosts.",
      "New capacity is online and queue times are falling.",
      "Queue times are back to normal.",
    ],
  },
  {
    name: "API returning 502 errors",
    impact: "critical",
    components: ["API", "Web App"],
    status: "major_outage",
    lines: [
      "The API is returning 502 errors for most requests.",
      "A load balancer configuration change is the cause; we are reverting it.",
      "The change is reverted and requests succeed again.",
      "This incident has been resolved.",
    ],
  },
  {
    name: "Build emails delayed",
    impact: "minor",
    components: ["Notifications"],
    status: "degraded_performance",
    lines: [
      "Build notification emails are delayed.",
      "Our email provider is degraded; we switched to the secondary provider.",
      "Emails are being delivered on time again.",
      "This incident has been resolved.",
    ],
  },
  {
    name: "Runner connection drops",
    impact: "minor",
    components: ["Runner"],
    status: "degraded_performance",
    lines: [
      "Some self-hosted runners are losing their connection.",
      "A certificate rotation did not reach every edge node; we are redeploying.",
      "Runners are reconnecting normally.",
      "This incident has been resolved.",
    ],
  },
];

/**
 * Seeds the demo into a database without a page, in one transaction: a seed that fails halfway leaves nothing
 * behind (a half-written page would never be seeded again). One audit row records it, as every change does.
 */
export async function seedDemo(client: PrismaClient, now = new Date()): Promise<{ seeded: boolean }> {
  return client.$transaction(
    async (db) => {
      if ((await db.pageSettings.count()) > 0) return { seeded: false };
      await writeDemo(db, now);
      await db.auditLog.create({
        data: {
          actorLabel: "demo seed",
          action: "page.seed_demo",
          entityType: "page",
          after: {
            components: await db.component.count(),
            incidents: await db.incident.count({ where: { kind: "incident" } }),
            maintenances: await db.incident.count({ where: { kind: "maintenance" } }),
          },
        },
      });
      return { seeded: true };
    },
    // Hundreds of rows; a slow first start on a small machine must not time the seed out.
    { maxWait: 30_000, timeout: 300_000 },
  );
}

async function writeDemo(db: Db, now: Date) {
  await db.pageSettings.create({
    data: {
      name: "Forgeline",
      url: "",
      companyUrl: "https://forgeline.example",
      timeZone: "Etc/UTC",
      brandColor: "#4f46e5",
      supportUrl: "https://forgeline.example/support",
      contactEmail: "support@forgeline.example",
      privacyUrl: "https://forgeline.example/privacy",
      description: "Live status of Forgeline's CI/CD pipelines, dashboard and API.",
      footerText: "Forgeline is a fictional company used for this demo.",
    },
  });

  const historyStart = new Date(now.getTime() - 120 * DAY);
  const componentIds = new Map<string, string>();
  let position = 0;
  for (const [groupIndex, group] of GROUPS.entries()) {
    const created = await db.componentGroup.create({
      data: { name: group.name, description: group.description, position: groupIndex },
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
        },
      });
      componentIds.set(name, component.id);
    }
  }
  for (const [name, description] of UNGROUPED) {
    const component = await db.component.create({
      data: { name, description, position: position++, startDate: historyStart, createdAt: historyStart },
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
  await recordIncident({
    name: "Elevated errors starting macOS jobs",
    impact: "minor",
    components: ["macOS Jobs"],
    updates: [
      {
        at: new Date(now.getTime() - 52 * MINUTE),
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
}

const POSTMORTEM = `## Summary

On the evening of the incident, starting at 18:04 UTC, jobs across every executor were delayed and then stopped starting altogether. Service was restored at 01:27 UTC. A second, shorter period of delays followed while our queueing system recovered.

The root cause was an in-progress upgrade of our main compute cluster that left two node components on incompatible versions, which broke service-to-service networking.

## Timeline (UTC)

| Time  | Event |
|-------|-------|
| 17:40 | A revised upgrade of node components begins |
| 18:04 | Communication errors rise on the scheduling service |
| 18:35 | Jobs stop starting for most customers |
| 20:54 | The version mismatch is identified |
| 23:34 | All nodes are back on consistent versions |
| 01:27 | The backlog clears; the incident is resolved |

## What happened

During the week before the incident, our infrastructure team had been upgrading the cluster gradually. After an earlier attempt caused missing metrics, the plan was adjusted to limit its blast radius. The adjusted plan upgraded the network proxy on each node before the node agent, and for about two hours the two disagreed about how service addresses should be routed.

Restarting DNS caches, our first hypothesis, made resolution fail entirely for a while and lengthened the incident.

## What we are changing

1. Cluster upgrades now run against a canary node pool first, with automatic rollback on error-rate alarms.
2. The version skew between node components is checked before and after every change.
3. Queue nodes are recreated from configuration rather than by hand, which caused the second incident.

\`\`\`
kube-proxy: v1.24 -> v1.25 (canary pool only)
kubelet:    v1.24 (unchanged until proxy is verified)
\`\`\`

We are sorry for the disruption this caused to your builds and deployments.
`;
