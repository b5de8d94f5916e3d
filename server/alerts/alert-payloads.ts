import "server-only";
import { createHash } from "node:crypto";
import { z } from "zod";
import { COMPONENT_STATUSES, INCIDENT_IMPACTS, type ComponentStatus } from "@/lib/status";
import type { AlertSource } from "@/lib/integrations";
import { hasUnsafeText, UNSAFE_TEXT_MESSAGE } from "@/lib/unsafe-text";

export type IncomingAlert = {
  fingerprint: string;
  firing: boolean;
  labels: Record<string, string>;
  summary: string | null;
};
export type DirectReport = { component: string; status: ComponentStatus; key: string; summary: string | null };
export type IncidentTrigger = {
  key: string | null;
  name: string;
  body: string;
  impact: (typeof INCIDENT_IMPACTS)[number];
  resolve: boolean;
};

export type ParsedReport =
  | { kind: "alerts"; alerts: IncomingAlert[] }
  | { kind: "direct"; report: DirectReport }
  | { kind: "incident"; trigger: IncidentTrigger };

export class PayloadError extends Error {
  constructor(
    message: string,
    readonly fields: Record<string, string[]> = {},
  ) {
    super(message);
  }
}

export const ALERT_LIMITS = { alerts: 1000, labels: 64, labelName: 128, labelValue: 1024 } as const;

/** Text that is stored or looked up: PostgreSQL cannot carry NUL, other control characters or lone surrogates. */
const storable = (schema: z.ZodString) => schema.refine((value) => !hasUnsafeText(value), UNSAFE_TEXT_MESSAGE);

function printableKey(key: string): string {
  return Array.from(key, (c) => (hasUnsafeText(c) ? "?" : c)).join("");
}

// Labels are what rules match, so their sizes bound the matching work per request.
const labelSet = z
  .record(
    z.string(),
    storable(
      z
        .string({ error: "label values must be strings" })
        .max(ALERT_LIMITS.labelValue, `must be at most ${ALERT_LIMITS.labelValue} characters`),
    ),
    { error: "must be an object of label names to string values" },
  )
  .superRefine((labels, ctx) => {
    const names = Object.keys(labels);
    if (names.length > ALERT_LIMITS.labels)
      ctx.addIssue({ code: "custom", message: `at most ${ALERT_LIMITS.labels} labels` });
    for (const name of names.slice(0, ALERT_LIMITS.labels + 1)) {
      if (hasUnsafeText(name))
        ctx.addIssue({ code: "custom", path: [printableKey(name)], message: UNSAFE_TEXT_MESSAGE });
      else if (name.length > ALERT_LIMITS.labelName)
        ctx.addIssue({
          code: "custom",
          path: [name],
          message: `label names must be at most ${ALERT_LIMITS.labelName} characters`,
        });
    }
  });
const annotationValue = z.string({ error: "annotation values must be strings" });
const annotations = z
  .object(
    { summary: storable(annotationValue).optional(), description: storable(annotationValue).optional() },
    { error: "must be an object of annotation names to string values" },
  )
  .catchall(annotationValue);
const alertList = <T extends z.ZodType>(alert: T) =>
  z
    .array(alert, { error: "must be an array of alerts" })
    .max(ALERT_LIMITS.alerts, `at most ${ALERT_LIMITS.alerts} alerts per request`);

// prometheus.io/docs/alerting/latest/configuration/#webhook_config: version "4", alerts[] with status, labels,
// annotations, startsAt, endsAt, generatorURL, fingerprint.
const alertmanagerAlert = z.object({
  status: z.enum(["firing", "resolved"], { error: 'must be "firing" or "resolved"' }),
  labels: labelSet,
  annotations: annotations.optional(),
  startsAt: z.string().optional(),
  endsAt: z.string().optional(),
  generatorURL: z.string().optional(),
  fingerprint: storable(z.string().max(200)).optional(),
});

const alertmanagerPayload = z.object({
  version: z.literal("4", { error: 'must be "4" (Alertmanager webhook payload version 4)' }),
  status: z.enum(["firing", "resolved"], { error: 'must be "firing" or "resolved"' }),
  receiver: z.string().optional(),
  groupKey: z.string().optional(),
  truncatedAlerts: z.number().optional(),
  alerts: alertList(alertmanagerAlert),
});

// grafana.com/docs/grafana/latest/alerting/configure-notifications/manage-contact-points/integrations/webhook-notifier:
// the same group shape with orgId, title, state and message; alerts carry fingerprint and values.
const grafanaAlert = alertmanagerAlert.extend({
  values: z.record(z.string(), z.unknown()).nullish(),
  valueString: z.string().optional(),
});
const grafanaPayload = z.object({
  status: z.enum(["firing", "resolved"], { error: 'must be "firing" or "resolved"' }),
  receiver: z.string().optional(),
  orgId: z.number().optional(),
  alerts: alertList(grafanaAlert),
  version: z.string().optional(),
  title: z.string().optional(),
  state: z.string().optional(),
  message: z.string().optional(),
});

const key = storable(z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters"));
const genericDirect = z
  .object({
    component: storable(
      z
        .string({ error: "is required: a component id or its exact name" })
        .trim()
        .min(1, "is required: a component id or its exact name")
        .max(200),
    ),
    status: z.enum(COMPONENT_STATUSES, { error: `must be one of: ${COMPONENT_STATUSES.join(", ")}` }),
    key: key.optional(),
    summary: storable(z.string().max(500)).optional(),
  })
  .strict();
const genericIncident = z
  .object({
    key: key.optional(),
    incident: z
      .object({
        name: storable(z.string({ error: "is required" }).trim().min(1, "is required").max(200)),
        body: storable(z.string().max(20_000)).optional(),
        impact: z.enum(INCIDENT_IMPACTS, { error: `must be one of: ${INCIDENT_IMPACTS.join(", ")}` }).optional(),
        status: z.enum(["open", "resolved"], { error: 'must be "open" or "resolved"' }).optional(),
      })
      .strict(),
  })
  .strict();
const genericAlerts = z
  .object({
    alerts: alertList(
      z
        .object({
          status: z.enum(["firing", "resolved"], { error: 'must be "firing" or "resolved"' }),
          labels: labelSet,
          fingerprint: key.optional(),
          summary: storable(z.string().max(500)).optional(),
        })
        .strict(),
    ),
  })
  .strict();

function fieldsOf(error: z.ZodError): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const path = issue.path.length ? issue.path.map(String).join(".") : "body";
    (fields[path] ??= []).push(issue.message);
  }
  return fields;
}

function describe(fields: Record<string, string[]>): string {
  return Object.entries(fields)
    .slice(0, 5)
    .map(([path, messages]) => `${path} ${messages[0]}`)
    .join("; ");
}

/** Alertmanager's fingerprint is a hash of the label set; recompute one the same way when a sender omits it. */
export function labelFingerprint(labels: Record<string, string>): string {
  const canonical = Object.keys(labels)
    .sort()
    .map((k) => `${k}\u0000${labels[k]}`)
    .join("\u0001");
  return createHash("sha256").update(canonical).digest("hex").slice(0, 16);
}

function summaryOf(annotations: Record<string, string> | undefined, labels: Record<string, string>): string | null {
  const text = annotations?.summary ?? annotations?.description ?? labels.alertname ?? null;
  // Cut by code points: half a surrogate pair is text PostgreSQL's JSON refuses.
  return text ? Array.from(text).slice(0, 500).join("") : null;
}

function parseWith<S extends z.ZodType>(schema: S, body: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const fields = fieldsOf(parsed.error);
  throw new PayloadError(`This is not ${what}: ${describe(fields)}.`, fields);
}

/** Reads a request body for an integration's source into alerts, a direct status report or an incident trigger. */
export function parseAlertPayload(source: AlertSource, body: unknown): ParsedReport {
  if (!body || typeof body !== "object" || Array.isArray(body))
    throw new PayloadError("The body must be a JSON object.");
  if (source === "alertmanager" || source === "grafana") {
    const data =
      source === "alertmanager"
        ? parseWith(alertmanagerPayload, body, "an Alertmanager webhook payload (version 4)")
        : parseWith(grafanaPayload, body, "a Grafana webhook contact point payload");
    return {
      kind: "alerts",
      alerts: data.alerts.map((a) => ({
        fingerprint: a.fingerprint?.trim() || labelFingerprint(a.labels),
        firing: a.status === "firing",
        labels: a.labels,
        summary: summaryOf(a.annotations, a.labels),
      })),
    };
  }
  const record = body as Record<string, unknown>;
  if ("incident" in record) {
    const data = parseWith(genericIncident, body, "a generic incident trigger");
    return {
      kind: "incident",
      trigger: {
        key: data.key ?? null,
        name: data.incident.name,
        body: data.incident.body ?? data.incident.name,
        impact: data.incident.impact ?? "major",
        resolve: data.incident.status === "resolved",
      },
    };
  }
  if ("alerts" in record) {
    const data = parseWith(genericAlerts, body, "a generic alerts payload");
    return {
      kind: "alerts",
      alerts: data.alerts.map((a) => ({
        fingerprint: a.fingerprint ?? labelFingerprint(a.labels),
        firing: a.status === "firing",
        labels: a.labels,
        summary: a.summary ?? null,
      })),
    };
  }
  const data = parseWith(genericDirect, body, 'a generic status report ({"component": "…", "status": "…"})');
  return {
    kind: "direct",
    report: {
      component: data.component,
      status: data.status,
      key: data.key ?? "default",
      summary: data.summary ?? null,
    },
  };
}
