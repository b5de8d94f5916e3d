import "server-only";
import { z } from "zod";
import { stripBidiControls } from "@/lib/unsafe-text";
import { ALL_IMPACTS, ALL_INCIDENT_STATUSES, COMPONENT_STATUSES, ID_PATTERN } from "@/lib/status";

// Objects as Statuspage's management API (or this product's) answers them; untrusted, so parsed before use.

// PostgreSQL text cannot hold NUL; other control characters (except tab and newlines) are noise in a status page.
const clean = (value: string) =>
  stripBidiControls(value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, ""));
const str = z.string().transform(clean);
const optionalStr = z.preprocess((v) => (v === "" ? null : v), str.nullable().optional()).transform((v) => v ?? null);
const date = z
  .string()
  .refine((v) => !Number.isNaN(Date.parse(v)), "Not a date.")
  .transform((v) => new Date(v));
const optionalDate = z.preprocess((v) => (v === "" ? null : v), date.nullable().optional()).transform((v) => v ?? null);
const bool = (fallback: boolean) =>
  z
    .boolean()
    .nullable()
    .optional()
    .transform((v) => v ?? fallback);
export const sourceId = z.string().regex(ID_PATTERN, "Not a usable id.");
const componentStatus = z.enum(COMPONENT_STATUSES);

export const sourcePageSchema = z.object({
  id: sourceId,
  // An unnamed page (another install of this product before its owner named it) keeps the target's name.
  name: str,
  url: optionalStr,
  time_zone: optionalStr,
  page_description: optionalStr,
  support_url: optionalStr,
  twitter_username: optionalStr,
  notifications_from_email: optionalStr,
  notifications_email_footer: optionalStr,
});

export const sourceGroupSchema = z.object({
  id: sourceId,
  name: str.pipe(z.string().min(1)),
  description: optionalStr,
  position: z.coerce.number().int().catch(0),
  created_at: optionalDate,
});

export const sourceComponentSchema = z.object({
  id: sourceId,
  name: str.pipe(z.string().min(1)),
  description: optionalStr,
  status: componentStatus.catch("operational"),
  position: z.coerce.number().int().catch(0),
  showcase: bool(true),
  only_show_if_degraded: bool(false),
  start_date: optionalDate,
  group_id: sourceId
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  created_at: optionalDate,
});

const affectedComponent = z.object({
  code: z
    .string()
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  name: str,
  old_status: componentStatus,
  new_status: componentStatus,
});

export const sourceUpdateSchema = z.object({
  id: sourceId,
  status: z.enum(ALL_INCIDENT_STATUSES),
  body: z.preprocess((v) => v ?? "", str),
  display_at: optionalDate,
  created_at: date,
  updated_at: optionalDate,
  deliver_notifications: bool(true),
  affected_components: z
    .array(affectedComponent)
    .nullable()
    .optional()
    .transform((v) => v ?? []),
});

export const sourceIncidentSchema = z.object({
  id: sourceId,
  name: str.pipe(z.string().min(1)),
  status: z.enum(ALL_INCIDENT_STATUSES),
  impact: z.enum(ALL_IMPACTS).catch("none"),
  impact_override: z
    .enum(ALL_IMPACTS)
    .nullable()
    .optional()
    .catch(null)
    .transform((v) => v ?? null),
  created_at: date,
  updated_at: optionalDate,
  started_at: optionalDate,
  monitoring_at: optionalDate,
  resolved_at: optionalDate,
  backfilled: bool(false),
  scheduled_for: optionalDate,
  scheduled_until: optionalDate,
  scheduled_remind_prior: bool(false),
  scheduled_auto_in_progress: bool(true),
  scheduled_auto_completed: bool(true),
  auto_transition_to_maintenance_state: bool(false),
  auto_transition_to_operational_state: bool(false),
  auto_transition_deliver_notifications_at_start: bool(false),
  metadata: z
    .record(z.string(), z.record(z.string(), z.unknown()))
    .nullable()
    .optional()
    .catch(null)
    .transform((v) => (v && Object.keys(v).length ? v : null)),
  postmortem_body: optionalStr,
  postmortem_published_at: optionalDate,
  postmortem_body_last_updated_at: optionalDate,
  components: z
    .array(z.object({ id: sourceId }))
    .nullable()
    .optional()
    .transform((v) => v ?? []),
  incident_updates: z
    .array(sourceUpdateSchema)
    .nullable()
    .optional()
    .transform((v) => v ?? []),
});

export const sourceTemplateSchema = z.object({
  id: sourceId,
  name: str.pipe(z.string().min(1)),
  title: optionalStr,
  body: z.preprocess((v) => v ?? "", str),
  update_status: z
    .string()
    .nullable()
    .optional()
    .transform((v) => v ?? null),
});

export const sourceSubscriberSchema = z.object({
  id: sourceId,
  mode: z.string(),
  email: optionalStr,
  endpoint: optionalStr,
  // Statuspage sends an empty list (older pages: no field, this product: null) for a subscriber to the whole page.
  components: z
    .array(z.union([sourceId, z.object({ id: sourceId }).transform((c) => c.id)]))
    .nullable()
    .optional()
    .transform((v) => v ?? []),
  created_at: optionalDate,
  quarantined_at: optionalDate,
});

export type SourcePage = z.infer<typeof sourcePageSchema>;
export type SourceComponent = z.infer<typeof sourceComponentSchema>;
export type SourceGroup = z.infer<typeof sourceGroupSchema>;
export type SourceIncident = z.infer<typeof sourceIncidentSchema>;
export type SourceTemplate = z.infer<typeof sourceTemplateSchema>;
export type SourceSubscriber = z.infer<typeof sourceSubscriberSchema>;
