// The domain vocabulary of a status page, shared by server and client code. No ORM imports here.

export const COMPONENT_STATUSES = [
  "operational",
  "degraded_performance",
  "partial_outage",
  "major_outage",
  "under_maintenance",
] as const;
export type ComponentStatus = (typeof COMPONENT_STATUSES)[number];

export const UNRESOLVED_INCIDENT_STATUSES = ["investigating", "identified", "monitoring"] as const;
/** The statuses an incident update may set; "postmortem" comes only from publishing one. */
export const INCIDENT_UPDATE_STATUSES = [...UNRESOLVED_INCIDENT_STATUSES, "resolved"] as const;
export type IncidentUpdateStatus = (typeof INCIDENT_UPDATE_STATUSES)[number];
export const INCIDENT_STATUSES = [...INCIDENT_UPDATE_STATUSES, "postmortem"] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const UNFINISHED_MAINTENANCE_STATUSES = ["scheduled", "in_progress", "verifying"] as const;
export const MAINTENANCE_STATUSES = [...UNFINISHED_MAINTENANCE_STATUSES, "completed"] as const;
export type MaintenanceStatus = (typeof MAINTENANCE_STATUSES)[number];

export type AnyIncidentStatus = IncidentStatus | MaintenanceStatus;
export const ALL_INCIDENT_STATUSES = [...INCIDENT_STATUSES, ...MAINTENANCE_STATUSES] as const;

export const INCIDENT_IMPACTS = ["none", "minor", "major", "critical"] as const;
export type IncidentImpact = (typeof INCIDENT_IMPACTS)[number];
export const ALL_IMPACTS = [...INCIDENT_IMPACTS, "maintenance"] as const;
export type AnyImpact = (typeof ALL_IMPACTS)[number];

export const INCIDENT_KINDS = ["incident", "maintenance"] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

export const ROLES = ["owner", "responder", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export const SUBSCRIBER_KINDS = ["email", "webhook"] as const;
export type SubscriberKind = (typeof SUBSCRIBER_KINDS)[number];

export const DELIVERY_STATUSES = ["pending", "sending", "delivered", "failed", "dead"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const STATUS_INDICATORS = ["none", "minor", "major", "critical", "maintenance"] as const;
export type StatusIndicator = (typeof STATUS_INDICATORS)[number];

export const COMPONENT_STATUS_LABELS: Record<ComponentStatus, string> = {
  operational: "Operational",
  degraded_performance: "Degraded Performance",
  partial_outage: "Partial Outage",
  major_outage: "Major Outage",
  under_maintenance: "Under Maintenance",
};

export const INCIDENT_STATUS_LABELS: Record<AnyIncidentStatus, string> = {
  investigating: "Investigating",
  identified: "Identified",
  monitoring: "Monitoring",
  resolved: "Resolved",
  postmortem: "Postmortem",
  scheduled: "Scheduled",
  in_progress: "In progress",
  verifying: "Verifying",
  completed: "Completed",
};

export const IMPACT_LABELS: Record<AnyImpact, string> = {
  none: "None",
  minor: "Minor",
  major: "Major",
  critical: "Critical",
  maintenance: "Maintenance",
};

export const INDICATOR_DESCRIPTIONS: Record<StatusIndicator, string> = {
  none: "All Systems Operational",
  minor: "Minor Service Outage",
  major: "Partial System Outage",
  critical: "Major Service Outage",
  maintenance: "Service Under Maintenance",
};

const COMPONENT_SEVERITY: Record<ComponentStatus, number> = {
  operational: 0,
  under_maintenance: 1,
  degraded_performance: 2,
  partial_outage: 3,
  major_outage: 4,
};

export function isComponentStatus(value: unknown): value is ComponentStatus {
  return typeof value === "string" && (COMPONENT_STATUSES as readonly string[]).includes(value);
}

export function isMaintenanceStatus(value: unknown): value is MaintenanceStatus {
  return typeof value === "string" && (MAINTENANCE_STATUSES as readonly string[]).includes(value);
}

export function isResolvedStatus(status: AnyIncidentStatus): boolean {
  return status === "resolved" || status === "postmortem" || status === "completed";
}

export function compareComponentSeverity(a: ComponentStatus, b: ComponentStatus): number {
  return COMPONENT_SEVERITY[a] - COMPONENT_SEVERITY[b];
}

/** The most severe of several component statuses; maintenance ranks below every outage. */
export function worstComponentStatus(statuses: Iterable<ComponentStatus>): ComponentStatus {
  let worst: ComponentStatus = "operational";
  for (const status of statuses) {
    if (COMPONENT_SEVERITY[status] > COMPONENT_SEVERITY[worst]) worst = status;
  }
  return worst;
}

const COMPONENT_INDICATOR: Record<ComponentStatus, StatusIndicator> = {
  operational: "none",
  degraded_performance: "minor",
  partial_outage: "major",
  major_outage: "critical",
  under_maintenance: "maintenance",
};

const INDICATOR_SEVERITY: Record<StatusIndicator, number> = {
  none: 0,
  maintenance: 1,
  minor: 2,
  major: 3,
  critical: 4,
};

/**
 * The page's overall indicator, as Statuspage computes it: the worse of the worst component status
 * and the worst unresolved incident impact; maintenance shows only when nothing is broken.
 */
export function overallIndicator(input: {
  componentStatuses: Iterable<ComponentStatus>;
  unresolvedIncidentImpacts: Iterable<AnyImpact>;
  maintenanceInProgress: boolean;
}): StatusIndicator {
  let worst: StatusIndicator = "none";
  const consider = (indicator: StatusIndicator) => {
    if (INDICATOR_SEVERITY[indicator] > INDICATOR_SEVERITY[worst]) worst = indicator;
  };
  for (const status of input.componentStatuses) consider(COMPONENT_INDICATOR[status]);
  for (const impact of input.unresolvedIncidentImpacts) {
    if (impact === "minor" || impact === "major" || impact === "critical") consider(impact);
  }
  if (input.maintenanceInProgress) consider("maintenance");
  return worst;
}

export function describeIndicator(indicator: StatusIndicator): string {
  return INDICATOR_DESCRIPTIONS[indicator];
}

/** Label of an update as shown publicly: an update that repeats the incident's status reads "Update". */
export function updateLabel(status: AnyIncidentStatus, previousStatus: AnyIncidentStatus | null): string {
  if (previousStatus && previousStatus === status && status !== "resolved" && status !== "completed") return "Update";
  return INCIDENT_STATUS_LABELS[status];
}

export const ROLE_RANK: Record<Role, number> = { viewer: 0, responder: 1, owner: 2 };

export function roleAtLeast(role: Role, required: Role): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[required];
}

export const LIMITS = {
  nameMax: 200,
  bodyMax: 20_000,
  postmortemMax: 200_000,
  descriptionMax: 1_000,
} as const;

/** Ids of incidents, components, groups and the like: what every route and form accepts. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,40}$/;

export function isValidId(value: string): boolean {
  return ID_PATTERN.test(value);
}

const IMPACT_OF_COMPONENT_STATUS: Record<ComponentStatus, IncidentImpact> = {
  operational: "none",
  under_maintenance: "none",
  degraded_performance: "minor",
  partial_outage: "major",
  major_outage: "critical",
};

/** The impact Statuspage derives from the worst component status an incident sets, unless overridden. */
export function impactFromComponentStatuses(statuses: Iterable<ComponentStatus>): IncidentImpact {
  return IMPACT_OF_COMPONENT_STATUS[worstComponentStatus(statuses)];
}
