// What the demo shows: a fictional CI company (Forgeline), its components, ninety days of incidents and a postmortem.
import type { ComponentStatus, IncidentStatus } from "../../../lib/status";

export const DEMO_PAGE = {
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
};

export const DEMO_TEMPLATES: { name: string; title: string; status: IncidentStatus; body: string }[] = [
  {
    name: "Demo: investigating slow jobs",
    title: "Slow job starts",
    status: "investigating",
    body: "Some jobs take longer than usual to start. We are investigating and will post an update within 30 minutes.",
  },
  {
    name: "Demo: resolved",
    title: "Resolved",
    status: "resolved",
    body: "This incident has been resolved. Thank you for your patience.",
  },
];

export const GROUPS: { name: string; description: string; components: [string, string][] }[] = [
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

export const UNGROUPED: [string, string][] = [["Billing", "Plans, invoices and usage reports"]];

export const HOUR = 3_600_000;
export const MINUTE = 60_000;
export const DAY = 24 * HOUR;

export type UpdateSpec = {
  at: Date;
  status: "investigating" | "identified" | "monitoring" | "resolved";
  body: string;
  changes?: [string, ComponentStatus][];
};

export const PAST_TEMPLATES: {
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

export const POSTMORTEM = `## Summary

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
