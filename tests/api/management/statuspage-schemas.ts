import { z } from "zod";

// Statuspage management API objects as its public documentation (developer.statuspage.io) describes them.

const timestamp = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
const nullableTimestamp = timestamp.nullable();
const id = z.string().min(1);
const componentStatus = z.enum([
  "operational",
  "under_maintenance",
  "degraded_performance",
  "partial_outage",
  "major_outage",
]);
const incidentStatus = z.enum([
  "investigating",
  "identified",
  "monitoring",
  "resolved",
  "postmortem",
  "scheduled",
  "in_progress",
  "verifying",
  "completed",
]);
const impact = z.enum(["none", "maintenance", "minor", "major", "critical"]);

export const pageSchema = z.object({
  id,
  created_at: timestamp,
  updated_at: timestamp,
  name: z.string(),
  page_description: z.string().nullable(),
  headline: z.string().nullable(),
  branding: z.string(),
  subdomain: z.string().nullable(),
  domain: z.string().nullable(),
  url: z.string().nullable(),
  support_url: z.string().nullable(),
  hidden_from_search: z.boolean(),
  allow_page_subscribers: z.boolean(),
  allow_incident_subscribers: z.boolean(),
  allow_email_subscribers: z.boolean(),
  allow_sms_subscribers: z.boolean(),
  allow_rss_atom_feeds: z.boolean(),
  allow_webhook_subscribers: z.boolean(),
  notifications_from_email: z.string().nullable(),
  notifications_email_footer: z.string().nullable(),
  activity_score: z.number(),
  twitter_username: z.string().nullable(),
  viewers_must_be_team_members: z.boolean(),
  time_zone: z.string(),
});

export const componentSchema = z.object({
  id,
  page_id: id,
  group_id: z.string().nullable(),
  created_at: timestamp,
  updated_at: timestamp,
  group: z.boolean(),
  name: z.string(),
  description: z.string().nullable(),
  position: z.number().int(),
  status: componentStatus,
  showcase: z.boolean(),
  only_show_if_degraded: z.boolean(),
  automation_email: z.string().nullable(),
  start_date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable(),
});

export const componentGroupSchema = z.object({
  id,
  page_id: id,
  name: z.string(),
  description: z.string().nullable(),
  components: z.array(id),
  position: z.number().int(),
  created_at: timestamp,
  updated_at: timestamp,
});

export const incidentUpdateSchema = z.object({
  id,
  incident_id: id,
  status: incidentStatus,
  body: z.string(),
  created_at: timestamp,
  updated_at: timestamp,
  display_at: timestamp,
  affected_components: z
    .array(
      z.object({
        code: z.string().nullable(),
        name: z.string(),
        old_status: componentStatus,
        new_status: componentStatus,
      }),
    )
    .nullable(),
  deliver_notifications: z.boolean(),
  custom_tweet: z.string().nullable(),
  tweet_id: z.string().nullable(),
  twitter_updated_at: nullableTimestamp,
  wants_twitter_update: z.boolean(),
});

export const incidentSchema = z.object({
  id,
  name: z.string(),
  status: incidentStatus,
  impact,
  impact_override: impact.nullable(),
  shortlink: z.string().url(),
  created_at: timestamp,
  updated_at: timestamp,
  started_at: timestamp,
  monitoring_at: nullableTimestamp,
  resolved_at: nullableTimestamp,
  page_id: id,
  incident_updates: z.array(incidentUpdateSchema),
  components: z.array(componentSchema),
  postmortem_body: z.string().nullable(),
  postmortem_body_last_updated_at: nullableTimestamp,
  postmortem_ignored: z.boolean(),
  postmortem_notified_subscribers: z.boolean(),
  postmortem_notified_twitter: z.boolean(),
  postmortem_published_at: nullableTimestamp,
  scheduled_for: nullableTimestamp,
  scheduled_until: nullableTimestamp,
  scheduled_remind_prior: z.boolean(),
  scheduled_reminded_at: nullableTimestamp,
  scheduled_auto_in_progress: z.boolean(),
  scheduled_auto_completed: z.boolean(),
  auto_transition_to_maintenance_state: z.boolean(),
  auto_transition_to_operational_state: z.boolean(),
  auto_transition_deliver_notifications_at_start: z.boolean(),
  auto_transition_deliver_notifications_at_end: z.boolean(),
  reminder_intervals: z.string().nullable(),
  metadata: z.record(z.string(), z.record(z.string(), z.unknown())),
  backfilled: z.boolean(),
});

export const postmortemSchema = z.object({
  preview_key: z.string(),
  body: z.string().nullable(),
  body_updated_at: nullableTimestamp,
  body_draft: z.string().nullable(),
  body_draft_updated_at: nullableTimestamp,
  published_at: nullableTimestamp,
  notify_subscribers: z.boolean(),
  notify_twitter: z.boolean(),
  custom_tweet: z.string().nullable(),
  created_at: nullableTimestamp,
  updated_at: nullableTimestamp,
});

export const subscriberSchema = z.object({
  id,
  mode: z.enum(["email", "sms", "webhook", "slack", "teams", "integration_partner"]),
  email: z.string().nullable(),
  endpoint: z.string().nullable(),
  phone_number: z.string().nullable(),
  phone_country: z.string().nullable(),
  display_phone_number: z.string().nullable(),
  obfuscated_channel_name: z.string().nullable(),
  workspace_name: z.string().nullable(),
  skip_confirmation_notification: z.boolean(),
  quarantined_at: nullableTimestamp,
  purge_at: nullableTimestamp,
  components: z.array(id).nullable(),
  page_access_user_id: z.string().nullable(),
  created_at: timestamp,
});

export const templateSchema = z.object({
  id,
  name: z.string(),
  title: z.string(),
  body: z.string(),
  group_id: z.string().nullable(),
  update_status: incidentStatus.nullable(),
  should_tweet: z.boolean(),
  should_send_notifications: z.boolean(),
  components: z.array(componentSchema),
});

export const errorSchema = z.object({ error: z.union([z.string().min(1), z.record(z.string(), z.array(z.string()))]) });

export const uptimeSchema = z.object({
  id,
  name: z.string(),
  range_start: z.string(),
  range_end: z.string(),
  uptime_percentage: z.number().nullable(),
  major_outage: z.number().int(),
  partial_outage: z.number().int(),
  warnings: z.array(z.string()),
  related_events: z.array(z.object({ id })),
});

/** Parses with the schema and fails the test with the path of every mismatch. */
export function expectShape<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new Error(
      `Response does not match Statuspage's schema: ${JSON.stringify(parsed.error.issues.slice(0, 5))}\n${JSON.stringify(value).slice(0, 500)}`,
    );
  return parsed.data;
}

const SUBSCRIBER_TYPES = ["email", "sms", "webhook", "integration_partner", "slack", "teams"] as const;

/** `SubscriberCountByType`: subscribers found, per type. */
export const subscriberCountByTypeSchema = z.strictObject(
  Object.fromEntries(SUBSCRIBER_TYPES.map((t) => [t, z.number().int().min(0)])) as Record<
    (typeof SUBSCRIBER_TYPES)[number],
    z.ZodNumber
  >,
);

const countByState = z.strictObject({
  active: z.number().int().min(0),
  unconfirmed: z.number().int().min(0),
  quarantined: z.number().int().min(0),
  total: z.number().int().min(0),
});

/** `SubscriberCountByTypeAndState`: per type, `SubscriberCountByState`. */
export const subscriberCountByTypeAndStateSchema = z.strictObject(
  Object.fromEntries(SUBSCRIBER_TYPES.map((t) => [t, countByState])) as Record<
    (typeof SUBSCRIBER_TYPES)[number],
    typeof countByState
  >,
);
