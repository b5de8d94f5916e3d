import "server-only";
import { ALL_IMPACTS, ALL_INCIDENT_STATUSES, COMPONENT_STATUSES, SUBSCRIBER_KINDS } from "@/lib/status";
import { CHAT_PLATFORMS } from "@/lib/integrations";

// Statuspage's management API objects as this server writes them (server/api/management/serialize.ts), for the
// OpenAPI description. A contract test validates live answers against them, so they cannot drift.

const string = { type: "string" } as const;
const nullableString = { type: ["string", "null"] } as const;
const boolean = { type: "boolean" } as const;
const integer = { type: "integer" } as const;
const timestamp = { type: "string", format: "date-time" } as const;
const nullableTimestamp = { type: ["string", "null"], format: "date-time" } as const;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const logo = { oneOf: [{ type: "object", required: ["url"], properties: { url: string } }, { type: "null" }] };

/** An object whose every listed property is always present, and nothing else. */
function object(properties: Record<string, object>, description?: string) {
  return {
    type: "object",
    additionalProperties: false,
    required: Object.keys(properties),
    properties,
    ...(description ? { description } : {}),
  };
}

function withOptional(schema: ReturnType<typeof object>, optional: Record<string, object>) {
  return { ...schema, properties: { ...schema.properties, ...optional } };
}

const countByState = object({ active: integer, unconfirmed: integer, quarantined: integer, total: integer });
const SUBSCRIBER_TYPES = ["email", "sms", "webhook", "integration_partner", "slack", "teams"];

export const STATUSPAGE_SCHEMAS: Record<string, object> = {
  ChatChannel: object(
    {
      id: string,
      name: string,
      platform: { enum: [...CHAT_PLATFORMS] },
      webhook_url_hint: string,
      events: { type: "array", items: string },
      all_components: boolean,
      component_ids: { type: "array", items: string },
      enabled: boolean,
      disabled_at: nullableTimestamp,
      disabled_reason: nullableString,
      last_delivered_at: nullableTimestamp,
      created_at: timestamp,
      version: integer,
    },
    "A chat channel (this product's own resource, not Statuspage's).",
  ),
  ChatTestResult: {
    type: "object",
    required: ["delivered"],
    properties: { delivered: boolean, status_code: { type: ["integer", "null"] }, error: { type: "object" } },
  },
  StatuspagePage: object({
    id: string,
    created_at: timestamp,
    updated_at: timestamp,
    name: string,
    page_description: nullableString,
    headline: nullableString,
    branding: string,
    subdomain: nullableString,
    domain: nullableString,
    url: nullableString,
    support_url: nullableString,
    hidden_from_search: boolean,
    allow_page_subscribers: boolean,
    allow_incident_subscribers: boolean,
    allow_email_subscribers: boolean,
    allow_sms_subscribers: boolean,
    allow_rss_atom_feeds: boolean,
    allow_webhook_subscribers: boolean,
    notifications_from_email: nullableString,
    notifications_email_footer: nullableString,
    activity_score: integer,
    twitter_username: nullableString,
    viewers_must_be_team_members: boolean,
    ip_restrictions: nullableString,
    city: nullableString,
    state: nullableString,
    country: nullableString,
    time_zone: string,
    css_body_background_color: nullableString,
    css_font_color: nullableString,
    css_light_font_color: nullableString,
    css_greens: nullableString,
    css_yellows: nullableString,
    css_oranges: nullableString,
    css_blues: nullableString,
    css_reds: nullableString,
    css_border_color: nullableString,
    css_graph_color: nullableString,
    css_link_color: nullableString,
    css_no_data: nullableString,
    favicon_logo: logo,
    transactional_logo: logo,
    hero_cover: logo,
    email_logo: logo,
    twitter_logo: logo,
  }),
  StatuspageComponent: object({
    id: string,
    page_id: string,
    group_id: nullableString,
    created_at: timestamp,
    updated_at: timestamp,
    group: boolean,
    name: string,
    description: nullableString,
    position: integer,
    status: { enum: [...COMPONENT_STATUSES] },
    showcase: boolean,
    only_show_if_degraded: boolean,
    automation_email: nullableString,
    start_date: { type: ["string", "null"], format: "date" },
  }),
  StatuspageComponentGroup: object({
    id: string,
    page_id: string,
    name: string,
    description: nullableString,
    components: { type: "array", items: string },
    position: integer,
    created_at: timestamp,
    updated_at: timestamp,
  }),
  StatuspageIncidentUpdate: object({
    id: string,
    incident_id: string,
    status: { enum: [...ALL_INCIDENT_STATUSES] },
    body: string,
    created_at: timestamp,
    updated_at: timestamp,
    display_at: timestamp,
    affected_components: {
      oneOf: [
        {
          type: "array",
          items: object({
            code: nullableString,
            name: string,
            old_status: { enum: [...COMPONENT_STATUSES] },
            new_status: { enum: [...COMPONENT_STATUSES] },
          }),
        },
        { type: "null" },
      ],
    },
    deliver_notifications: boolean,
    custom_tweet: nullableString,
    tweet_id: nullableString,
    twitter_updated_at: nullableTimestamp,
    wants_twitter_update: boolean,
  }),
  StatuspageIncident: object({
    id: string,
    name: string,
    status: { enum: [...ALL_INCIDENT_STATUSES] },
    impact: { enum: [...ALL_IMPACTS] },
    impact_override: { oneOf: [{ enum: [...ALL_IMPACTS] }, { type: "null" }] },
    shortlink: { type: "string", format: "uri" },
    created_at: timestamp,
    updated_at: timestamp,
    started_at: timestamp,
    monitoring_at: nullableTimestamp,
    resolved_at: nullableTimestamp,
    page_id: string,
    backfilled: boolean,
    incident_updates: { type: "array", items: ref("StatuspageIncidentUpdate"), description: "Newest first." },
    components: { type: "array", items: ref("StatuspageComponent") },
    postmortem_body: { ...nullableString, description: "The published postmortem; the draft is at …/postmortem." },
    postmortem_body_last_updated_at: nullableTimestamp,
    postmortem_ignored: boolean,
    postmortem_notified_subscribers: boolean,
    postmortem_notified_twitter: boolean,
    postmortem_published_at: nullableTimestamp,
    scheduled_for: nullableTimestamp,
    scheduled_until: nullableTimestamp,
    scheduled_remind_prior: boolean,
    scheduled_reminded_at: nullableTimestamp,
    scheduled_auto_in_progress: boolean,
    scheduled_auto_completed: boolean,
    auto_transition_to_maintenance_state: boolean,
    auto_transition_to_operational_state: boolean,
    auto_transition_deliver_notifications_at_start: boolean,
    auto_transition_deliver_notifications_at_end: boolean,
    reminder_intervals: nullableString,
    metadata: { type: "object", additionalProperties: { type: "object" } },
    incident_impacts: { type: "array", maxItems: 0 },
  }),
  StatuspagePostmortem: object({
    preview_key: string,
    body: { ...nullableString, description: "What readers see; null while unpublished." },
    body_updated_at: nullableTimestamp,
    body_draft: nullableString,
    body_draft_updated_at: nullableTimestamp,
    published_at: nullableTimestamp,
    notify_subscribers: boolean,
    notify_twitter: boolean,
    custom_tweet: nullableString,
    created_at: nullableTimestamp,
    updated_at: nullableTimestamp,
    url: { type: "string", format: "uri" },
  }),
  StatuspageSubscriber: withOptional(
    object({
      id: string,
      mode: { enum: [...SUBSCRIBER_KINDS] },
      email: nullableString,
      endpoint: nullableString,
      phone_number: { type: "null" },
      phone_country: { type: "null" },
      display_phone_number: { type: "null" },
      obfuscated_channel_name: { type: "null" },
      workspace_name: { type: "null" },
      skip_confirmation_notification: boolean,
      quarantined_at: nullableTimestamp,
      purge_at: { type: "null" },
      components: {
        oneOf: [{ type: "array", items: string }, { type: "null" }],
        description: "null: every component.",
      },
      page_access_user_id: { type: "null" },
      created_at: timestamp,
      incident_id: nullableString,
      confirmed_at: nullableTimestamp,
      unsubscribed_at: nullableTimestamp,
    }),
    {
      signing_secret: {
        ...string,
        description: "A new webhook subscriber's signing secret, in the creating answer only.",
      },
    },
  ),
  StatuspageTemplate: object({
    id: string,
    name: string,
    title: string,
    body: string,
    group_id: { type: "null" },
    update_status: { oneOf: [{ enum: [...ALL_INCIDENT_STATUSES] }, { type: "null" }] },
    should_tweet: boolean,
    should_send_notifications: boolean,
    components: { type: "array", maxItems: 0 },
    created_at: timestamp,
    updated_at: timestamp,
  }),
  StatuspageUptime: object({
    id: string,
    name: string,
    range_start: { type: "string", format: "date" },
    range_end: { type: "string", format: "date" },
    uptime_percentage: { type: ["number", "null"] },
    major_outage: { ...integer, description: "Seconds." },
    partial_outage: { ...integer, description: "Seconds." },
    warnings: { type: "array", items: string },
    related_events: { type: "array", items: object({ id: string, name: string }) },
  }),
  SubscriberCountByType: object(
    Object.fromEntries(SUBSCRIBER_TYPES.map((t) => [t, integer])),
    "Page subscribers per type.",
  ),
  SubscriberCountByTypeAndState: object(
    Object.fromEntries(SUBSCRIBER_TYPES.map((t) => [t, countByState])),
    "Page subscribers per type, then state.",
  ),
  StatuspageError: {
    type: "object",
    required: ["error"],
    properties: {
      error: {
        oneOf: [
          string,
          {
            type: "object",
            additionalProperties: { type: "array", items: string },
            description: "Field → messages (422).",
          },
        ],
      },
    },
  },
};
