// Vocabulary of chat channels and alert integrations, shared by the console, the API and the services.

export const CHAT_PLATFORMS = ["slack", "teams", "discord", "google_chat", "mattermost"] as const;
export type ChatPlatform = (typeof CHAT_PLATFORMS)[number];

export const CHAT_PLATFORM_LABELS: Record<ChatPlatform, string> = {
  slack: "Slack",
  teams: "Microsoft Teams",
  discord: "Discord",
  google_chat: "Google Chat",
  mattermost: "Mattermost",
};

export const CHAT_EVENTS = [
  "incident.created",
  "incident.updated",
  "incident.resolved",
  "postmortem.published",
  "maintenance.scheduled",
  "maintenance.started",
  "maintenance.completed",
  "component.status_changed",
] as const;
export type ChatEvent = (typeof CHAT_EVENTS)[number];

export const CHAT_EVENT_LABELS: Record<ChatEvent, string> = {
  "incident.created": "Incident created",
  "incident.updated": "Incident updated",
  "incident.resolved": "Incident resolved",
  "postmortem.published": "Postmortem published",
  "maintenance.scheduled": "Maintenance scheduled",
  "maintenance.started": "Maintenance started",
  "maintenance.completed": "Maintenance completed",
  "component.status_changed": "Component status changed",
};

export const DEFAULT_CHAT_EVENTS: readonly ChatEvent[] = [
  "incident.created",
  "incident.updated",
  "incident.resolved",
  "postmortem.published",
  "maintenance.scheduled",
  "maintenance.started",
  "maintenance.completed",
];

export const ALERT_SOURCES = ["alertmanager", "grafana", "generic"] as const;
export type AlertSource = (typeof ALERT_SOURCES)[number];

export const ALERT_SOURCE_LABELS: Record<AlertSource, string> = {
  alertmanager: "Prometheus Alertmanager",
  grafana: "Grafana alerting",
  generic: "Generic JSON",
};

export const ALERT_INCIDENT_MODES = ["none", "draft", "publish"] as const;
export type AlertIncidentMode = (typeof ALERT_INCIDENT_MODES)[number];

export const ALERT_INCIDENT_MODE_LABELS: Record<AlertIncidentMode, string> = {
  none: "Do not open an incident",
  draft: "Prepare a draft for a responder to publish",
  publish: "Publish an incident at once",
};

export const DAMPING_DEFAULT_SECONDS = 60;
export const DAMPING_MAX_SECONDS = 24 * 60 * 60;
