import "server-only";
import type { Tx } from "@/server/db/client";
import { buildComponentPayload, buildIncidentPayload } from "@/server/notifications/payload";
import { pageBaseUrl } from "@/server/page-url";
import { pageLabel, pageTitle } from "@/lib/page-title";
import { z } from "zod";
import { CHAT_EVENTS, type ChatEvent } from "@/lib/integrations";
import {
  COMPONENT_STATUSES,
  COMPONENT_STATUS_LABELS,
  IMPACT_LABELS,
  INCIDENT_STATUS_LABELS,
  type AnyImpact,
  type ComponentStatus,
} from "@/lib/status";

export const CHAT_TONES = ["critical", "major", "minor", "none", "maintenance", "resolved"] as const;
export type ChatTone = (typeof CHAT_TONES)[number];

/**
 * What a chat message says, independent of platform, frozen in the outbox when the change commits. `title`,
 * `body` and component names are untrusted text; each platform's renderer escapes them.
 */
export const chatMessageSchema = z.object({
  event: z.enum(CHAT_EVENTS),
  pageName: z.string(),
  pageUrl: z.string(),
  headline: z.string(),
  title: z.string(),
  url: z.string(),
  linkLabel: z.string(),
  tone: z.enum(CHAT_TONES),
  facts: z.array(z.object({ label: z.string(), value: z.string() })),
  components: z.array(z.object({ name: z.string(), status: z.enum(COMPONENT_STATUSES) })),
  body: z.string(),
  timestamp: z.string(),
  componentIds: z.array(z.string()),
});

export type ChatMessage = z.infer<typeof chatMessageSchema>;

const HEADLINES: Record<ChatEvent, string> = {
  "incident.created": "New incident",
  "incident.updated": "Incident update",
  "incident.resolved": "Incident resolved",
  "postmortem.published": "Postmortem published",
  "maintenance.scheduled": "Maintenance scheduled",
  "maintenance.started": "Maintenance started",
  "maintenance.completed": "Maintenance completed",
  "component.status_changed": "Component status changed",
};

export function chatHeadline(event: ChatEvent): string {
  return HEADLINES[event];
}

const TONE_OF_STATUS: Record<ComponentStatus, ChatTone> = {
  operational: "resolved",
  degraded_performance: "minor",
  partial_outage: "major",
  major_outage: "critical",
  under_maintenance: "maintenance",
};

function toneOfImpact(impact: string): ChatTone {
  return impact === "critical" || impact === "major" || impact === "minor" || impact === "maintenance"
    ? impact
    : "none";
}

/** Which chat event an incident or maintenance update is, or null for updates chat channels do not announce. */
function classifyUpdate(kind: "incident" | "maintenance", statuses: string[]): ChatEvent | null {
  const [current, ...earlier] = statuses;
  if (kind === "incident") {
    if (earlier.length === 0) return current === "resolved" ? "incident.resolved" : "incident.created";
    return current === "resolved" ? "incident.resolved" : "incident.updated";
  }
  if (current === "scheduled") return earlier.length === 0 ? "maintenance.scheduled" : null;
  if (current === "in_progress") return earlier.includes("in_progress") ? null : "maintenance.started";
  if (current === "completed") return "maintenance.completed";
  return null;
}

export async function buildIncidentChatMessage(
  tx: Tx,
  incidentId: string,
  updateId: string,
): Promise<ChatMessage | null> {
  const built = await buildIncidentPayload(tx, incidentId, updateId);
  const incident = built?.payload.incident;
  const email = built?.payload.email;
  if (!built || !incident || !email) return null;
  const index = incident.incident_updates.findIndex((u) => u.id === updateId);
  const update = incident.incident_updates[index];
  const event = classifyUpdate(
    email.kind,
    incident.incident_updates.slice(index).map((u) => u.status),
  );
  if (!event) return null;
  const componentStatuses = new Map<string, { name: string; status: ComponentStatus }>();
  for (const component of incident.components)
    componentStatuses.set(component.id, { name: component.name, status: component.status });
  for (const affected of update.affected_components) {
    componentStatuses.set(affected.code ?? affected.name, { name: affected.name, status: affected.new_status });
  }
  const facts = [{ label: "Status", value: INCIDENT_STATUS_LABELS[update.status] }];
  if (email.kind === "incident")
    facts.push({ label: "Impact", value: IMPACT_LABELS[incident.impact as AnyImpact] ?? incident.impact });
  if (email.kind === "maintenance" && incident.scheduled_for) {
    facts.push({
      label: "Window",
      value: `${formatUtc(incident.scheduled_for)} – ${incident.scheduled_until ? formatUtc(incident.scheduled_until) : "open"}`,
    });
  }
  return {
    event,
    pageName: pageLabel(built.payload.page.name),
    pageUrl: built.payload.baseUrl,
    headline: HEADLINES[event],
    title: incident.name,
    url: email.incidentUrl,
    linkLabel: email.kind === "maintenance" ? "View maintenance" : "View incident",
    tone:
      event === "incident.resolved" || event === "maintenance.completed"
        ? "resolved"
        : email.kind === "maintenance"
          ? "maintenance"
          : toneOfImpact(incident.impact),
    facts,
    components: [...componentStatuses.values()],
    body: update.body,
    timestamp: update.display_at,
    componentIds: built.componentIds,
  };
}

export async function buildPostmortemChatMessage(tx: Tx, incidentId: string): Promise<ChatMessage | null> {
  const [incident, settings] = await Promise.all([
    tx.incident.findUnique({
      where: { id: incidentId },
      select: {
        id: true,
        name: true,
        impact: true,
        postmortem: { select: { body: true, publishedAt: true } },
        components: { select: { component: { select: { id: true, name: true, status: true } } } },
      },
    }),
    tx.pageSettings.findFirst({ select: { name: true, url: true } }),
  ]);
  if (!incident?.postmortem?.publishedAt) return null;
  const baseUrl = pageBaseUrl({ url: settings?.url ?? "" });
  const components = incident.components.map((c) => c.component);
  return {
    event: "postmortem.published",
    pageName: pageLabel(settings?.name),
    pageUrl: baseUrl,
    headline: HEADLINES["postmortem.published"],
    title: incident.name,
    url: `${baseUrl}/incidents/${incident.id}`,
    linkLabel: "Read the postmortem",
    tone: toneOfImpact(incident.impact),
    facts: [{ label: "Impact", value: IMPACT_LABELS[incident.impact] }],
    components: components.map((c) => ({ name: c.name, status: c.status })),
    body: incident.postmortem.body ?? "",
    timestamp: incident.postmortem.publishedAt.toISOString(),
    componentIds: components.map((c) => c.id),
  };
}

export async function buildComponentChatMessage(
  tx: Tx,
  event: { componentId: string; oldStatus: ComponentStatus; newStatus: ComponentStatus },
): Promise<ChatMessage | null> {
  const at = new Date();
  const payload = await buildComponentPayload(tx, { ...event, changeId: event.componentId, at });
  if (!payload?.component) return null;
  return {
    event: "component.status_changed",
    pageName: pageLabel(payload.page.name),
    pageUrl: payload.baseUrl,
    headline: HEADLINES["component.status_changed"],
    title: payload.component.name,
    url: payload.baseUrl,
    linkLabel: "View status page",
    tone: TONE_OF_STATUS[event.newStatus],
    facts: [
      { label: "Was", value: COMPONENT_STATUS_LABELS[event.oldStatus] },
      { label: "Now", value: COMPONENT_STATUS_LABELS[event.newStatus] },
    ],
    components: [{ name: payload.component.name, status: event.newStatus }],
    body: "",
    timestamp: at.toISOString(),
    componentIds: [event.componentId],
  };
}

/** The message "Send test message" posts: every part a real message has, so the channel shows how they will look. */
export function testChatMessage(page: { name: string; url: string }, channelName: string): ChatMessage {
  return {
    event: "incident.created",
    pageName: pageLabel(page.name),
    pageUrl: page.url,
    headline: "Test message",
    title: `${pageTitle(page.name)} is connected to ${channelName}`,
    url: page.url,
    linkLabel: "Open the status page",
    tone: "none",
    facts: [{ label: "Status", value: "Test" }],
    components: [],
    body: "This channel will receive the events chosen for it. Nothing is wrong: this is a test.",
    timestamp: new Date().toISOString(),
    componentIds: [],
  };
}

function formatUtc(iso: string): string {
  return `${iso.slice(0, 16).replace("T", " ")} UTC`;
}
