import { SYSTEM_ACTOR } from "@/server/services/context";
import { createComponentGroup } from "@/server/services/components/component-groups";
import { createComponent } from "@/server/services/components/create-component";
import { createIncident } from "@/server/services/incidents/create-incident";
import { postIncidentUpdate } from "@/server/services/incidents/post-incident-update";
import { resolveIncident } from "@/server/services/incidents/resolve-incident";
import { linkRelatedIncident } from "@/server/services/incidents/link-related-incident";
import { publishPostmortem } from "@/server/services/postmortems/postmortem-services";
import { scheduleMaintenance } from "@/server/services/maintenance/schedule-maintenance";
import type { ComponentStatus } from "@/lib/status";

const ctx = { actor: SYSTEM_ACTOR };
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const POSTMORTEM = `## Summary

Jobs across every executor were delayed and then stopped starting; an upgrade left two node components on
incompatible versions.

## Timeline (UTC)

| Time  | Event |
|-------|-------|
| 02:04 | Jobs start slowly |
| 02:35 | Jobs stop starting for most customers |
| 09:27 | The backlog clears |

## What we are changing

We upgrade node components together, never one before the other.
`;

/** How seed-reader-scenario.ts marks the line of its output that holds the scenario, for reader-page.ts to find. */
export const SCENARIO_LINE = "reader-scenario ";

type Change = [componentId: string, status: ComponentStatus];
const changes = (list: Change[]) => list.map(([componentId, status]) => ({ componentId, status }));

/**
 * A lived-in page, written through the services into a database of its own (see reader-page.ts): two groups, an
 * ungrouped component with a clean record, a critical incident nine days ago (seven updates, 7 h 23 min, postmortem,
 * a related continuation), an earlier incident on the web app, one 200 days old, an incident in progress and a
 * maintenance in three days.
 */
export async function createReaderScenario(pageName: string) {
  const now = Date.now();
  const startDate = new Date(now - 120 * DAY);

  const group = async (name: string, description: string) =>
    (await createComponentGroup({ ctx, input: { name, description } })).group;
  const component = async (name: string, description: string, groupId?: string) =>
    (await createComponent({ ctx, input: { name, description, groupId, startDate, showcase: true } })).component;

  const pipelines = await group("Pipelines", "Running your builds and deployments");
  const docker = await component("Docker Jobs", "Jobs that run in containers on our fleet", pipelines.id);
  const machine = await component("Machine Jobs", "Jobs that run on full Linux virtual machines", pipelines.id);
  const macos = await component("macOS Jobs", "Jobs that run on Apple hardware", pipelines.id);
  const runner = await component("Runner", "Self-hosted runners connecting to the service", pipelines.id);
  const platform = await group("Platform", "The website and the services behind it");
  const webApp = await component("Web App", "The dashboard", platform.id);
  const api = await component("API", "The public REST API", platform.id);
  await component("Artifacts", "Storing and downloading build artifacts", platform.id);
  await component("Notifications", "Email and chat notifications about builds", platform.id);
  const billing = await component("Billing", "Plans, invoices and usage reports");

  const record = async (input: {
    name: string;
    impact: "minor" | "major" | "critical";
    updates: { at: Date; status: "investigating" | "identified" | "monitoring"; body: string; changes?: Change[] }[];
    resolution: { at: Date; body: string };
  }) => {
    const [first, ...rest] = input.updates;
    const { incident } = await createIncident({
      ctx,
      input: {
        name: input.name,
        impact: input.impact,
        status: first.status,
        message: first.body,
        components: changes(first.changes ?? []),
        deliverNotifications: false,
        startedAt: first.at,
      },
    });
    for (const update of rest)
      await postIncidentUpdate({
        ctx,
        input: {
          incidentId: incident.id,
          status: update.status,
          body: update.body,
          components: changes(update.changes ?? []),
          deliverNotifications: false,
          displayAt: update.at,
        },
      });
    await resolveIncident({
      ctx,
      input: {
        incidentId: incident.id,
        body: input.resolution.body,
        deliverNotifications: false,
        displayAt: input.resolution.at,
      },
    });
    return incident;
  };

  const webAppStart = new Date(now - 5 * DAY);
  const webAppIncident = await record({
    name: "Errors loading the dashboard",
    impact: "major",
    updates: [
      {
        at: webAppStart,
        status: "investigating",
        body: "The dashboard fails to load for some users.",
        changes: [[webApp.id, "partial_outage"]],
      },
    ],
    resolution: { at: new Date(webAppStart.getTime() + HOUR), body: "The dashboard loads again." },
  });

  // Nine days ago, within one UTC day: the bars' day-by-day view finds it nine days left of today.
  const outageStart = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), new Date(now).getUTCDate());
  const at = (minutes: number) => new Date(outageStart - 9 * DAY + 2 * HOUR + 4 * MINUTE + minutes * MINUTE);
  const jobs = await record({
    name: "Jobs not starting",
    impact: "critical",
    updates: [
      {
        at: at(0),
        status: "investigating",
        body: "We are seeing delays starting jobs across all executors and are investigating.",
        changes: [
          [docker.id, "degraded_performance"],
          [machine.id, "degraded_performance"],
        ],
      },
      {
        at: at(31),
        status: "investigating",
        body: "Jobs are now failing to start for most customers.",
        changes: [
          [docker.id, "major_outage"],
          [machine.id, "major_outage"],
          [macos.id, "partial_outage"],
          [runner.id, "partial_outage"],
        ],
      },
      { at: at(95), status: "investigating", body: "Service-to-service requests inside our main cluster fail." },
      { at: at(170), status: "identified", body: "A version mismatch between node components is the cause." },
      { at: at(250), status: "identified", body: "Half of the nodes are back on a consistent version." },
      {
        at: at(330),
        status: "monitoring",
        body: "All nodes have been restored and the backlog is draining.",
        changes: [
          [docker.id, "degraded_performance"],
          [machine.id, "degraded_performance"],
          [macos.id, "operational"],
          [runner.id, "operational"],
        ],
      },
    ],
    resolution: { at: at(443), body: "Jobs are starting normally and the queue backlog has cleared." },
  });
  const continued = await record({
    name: "Jobs not starting (continued)",
    impact: "major",
    updates: [
      {
        at: at(530),
        status: "investigating",
        body: "Pipelines are delayed again while our queueing system recovers.",
        changes: [
          [docker.id, "partial_outage"],
          [machine.id, "partial_outage"],
        ],
      },
      { at: at(600), status: "identified", body: "Two queue nodes lost their queues during recovery." },
    ],
    resolution: { at: at(674), body: "This incident has been resolved." },
  });
  await linkRelatedIncident({ ctx, input: { incidentId: continued.id, relatedId: jobs.id } });
  await publishPostmortem({
    ctx,
    input: { incidentId: jobs.id, body: POSTMORTEM, version: 0, publishedAt: new Date(at(0).getTime() + 6 * DAY) },
  });

  const active = "Elevated errors starting macOS jobs";
  const batchUpdate = "A batch of hosts in one datacenter did not pick up the latest image.";
  const { incident: activeIncident } = await createIncident({
    ctx,
    input: {
      name: active,
      impact: "minor",
      status: "investigating",
      message: "Some macOS jobs fail to start with an *infrastructure error*. Retrying the job usually works.",
      components: changes([[macos.id, "degraded_performance"]]),
      deliverNotifications: false,
      startedAt: new Date(now - 52 * MINUTE),
    },
  });
  await postIncidentUpdate({
    ctx,
    input: {
      incidentId: activeIncident.id,
      status: "identified",
      body: batchUpdate,
      components: [],
      deliverNotifications: false,
      displayAt: new Date(now - 18 * MINUTE),
    },
  });

  const windowStart = new Date(outageStart + 3 * DAY + 6 * HOUR);
  const maintenance = "Database upgrade for the dashboard";
  await scheduleMaintenance({
    ctx,
    input: {
      name: maintenance,
      message: "We will upgrade the database behind the dashboard and API.",
      scheduledFor: windowStart,
      scheduledUntil: new Date(windowStart.getTime() + 2 * HOUR),
      componentIds: [webApp.id, api.id],
      deliverNotifications: false,
    },
  });

  // Older than the history's first page of three months, so there is a second page to browse to.
  await createIncident({
    ctx,
    input: {
      name: "Delayed email notifications",
      impact: "minor",
      status: "resolved",
      message: "Build emails arrived up to an hour late.",
      components: [],
      deliverNotifications: false,
      startedAt: new Date(now - 200 * DAY),
    },
  });

  const scenario = {
    pageName,
    groups: { pipelines: pipelines.name, platform: platform.name },
    components: {
      docker: docker.name,
      machine: machine.name,
      macos: macos.name,
      runner: runner.name,
      webApp: webApp.name,
      api: api.name,
      billing: billing.name,
    },
    dockerId: docker.id,
    incidents: { jobs: jobs.name, continued: continued.name, webApp: webAppIncident.name, active, batchUpdate },
    maintenance,
  };
  return scenario;
}

export type ReaderScenario = Awaited<ReturnType<typeof createReaderScenario>>;
