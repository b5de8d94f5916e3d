import { managementApiPaths } from "@/server/api/management/openapi-paths";
import { STATUSPAGE_SCHEMAS } from "@/server/api/management/openapi-schemas";
import { ALL_IMPACTS, ALL_INCIDENT_STATUSES, COMPONENT_STATUSES } from "@/lib/status";
import { PUBLIC_CACHE_CONTROL } from "@/lib/cache-control";

const timestamp = { type: "string", format: "date-time" } as const;
const nullableTimestamp = { type: ["string", "null"], format: "date-time" } as const;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const cacheHeaders = {
  ETag: { description: "Strong validator of the body; send it back in If-None-Match.", schema: { type: "string" } },
  "Cache-Control": { schema: { type: "string", example: PUBLIC_CACHE_CONTROL } },
  "Access-Control-Allow-Origin": { schema: { type: "string", const: "*" } },
};

function publicGet(summary: string, schema: object, extra: object = {}) {
  return {
    get: {
      summary,
      tags: ["Public status"],
      parameters: [{ name: "If-None-Match", in: "header", required: false, schema: { type: "string" } }],
      responses: {
        "200": { description: "OK", headers: cacheHeaders, content: { "application/json": { schema } } },
        "304": { description: "Not modified: the ETag in If-None-Match is current.", headers: cacheHeaders },
        ...extra,
      },
    },
  };
}

const envelope = (properties: Record<string, object>) => ({
  type: "object",
  additionalProperties: false,
  required: ["page", ...Object.keys(properties)],
  properties: { page: ref("Page"), ...properties },
});

function incidentSchema(maintenance: boolean) {
  const required = [
    "id",
    "name",
    "status",
    "created_at",
    "updated_at",
    "monitoring_at",
    "resolved_at",
    "impact",
    "shortlink",
    "started_at",
    "page_id",
    "incident_updates",
    "components",
  ];
  return {
    type: "object",
    additionalProperties: false,
    required: maintenance ? [...required, "scheduled_for", "scheduled_until"] : required,
    properties: {
      id: { type: "string" },
      name: { type: "string" },
      status: { enum: [...ALL_INCIDENT_STATUSES] },
      created_at: timestamp,
      updated_at: timestamp,
      monitoring_at: nullableTimestamp,
      resolved_at: nullableTimestamp,
      impact: maintenance ? { const: "maintenance" } : { enum: [...ALL_IMPACTS] },
      shortlink: { type: "string", format: "uri" },
      started_at: timestamp,
      page_id: { type: "string" },
      incident_updates: { type: "array", items: ref("IncidentUpdate"), description: "Newest first." },
      components: { type: "array", items: ref("Component") },
      ...(maintenance ? { scheduled_for: nullableTimestamp, scheduled_until: nullableTimestamp } : {}),
    },
  };
}

const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: ref("Error") } },
});

const integer = { type: "integer", minimum: 0 } as const;
const uptimeBarSchema = {
  type: "object",
  additionalProperties: false,
  required: ["kind", "id", "label", "uptimePercent", "days"],
  properties: {
    kind: { enum: ["component", "group"] },
    id: { type: "string" },
    label: { type: "string" },
    uptimePercent: { type: ["number", "null"] },
    days: {
      type: "object",
      additionalProperties: false,
      required: ["windowStart", "statuses", "details", "incidents"],
      properties: {
        windowStart: timestamp,
        statuses: {
          type: "string",
          pattern: "^[odpmun]*$",
          description:
            "One letter per day: operational, degraded, partial outage, major outage, under maintenance, no data.",
        },
        details: {
          type: "array",
          description:
            "[day index, partial outage minutes, major outage minutes, indexes into incidents, incidents left out] for each day that had any.",
          items: {
            type: "array",
            prefixItems: [integer, integer, integer, { type: "array", items: integer }, integer],
            items: false,
          },
        },
        incidents: {
          type: "array",
          items: { type: "array", prefixItems: [{ type: "string" }, { type: "string" }], items: false },
        },
      },
    },
  },
};

/** OpenAPI 3.1 description of the public Statuspage-compatible API and the authenticated responder API. */
export function openApiDocument(serverUrl: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Status page API",
      version: "2.0.0",
      description:
        "Public, read-only endpoints with the same shapes as Atlassian Statuspage's API v2, plus Atlassian Statuspage's management API under /api/v1/pages and its short forms under /api/v1 (Authorization: OAuth <API key>, Bearer <API key> or ?api_key=).",
    },
    servers: [{ url: serverUrl }],
    paths: {
      "/api/v2/summary.json": publicGet(
        "Page, components, unresolved incidents, open maintenances and overall status",
        {
          type: "object",
          additionalProperties: false,
          required: ["page", "components", "incidents", "scheduled_maintenances", "status"],
          properties: {
            page: ref("Page"),
            components: { type: "array", items: ref("Component") },
            incidents: { type: "array", items: ref("Incident") },
            scheduled_maintenances: { type: "array", items: ref("Maintenance") },
            status: ref("Status"),
          },
        },
      ),
      "/api/v2/status.json": publicGet("Overall status", envelope({ status: ref("Status") })),
      "/api/v2/components.json": publicGet(
        "Every component and group",
        envelope({ components: { type: "array", items: ref("Component") } }),
      ),
      "/api/v2/incidents.json": publicGet(
        "The 50 most recent incidents",
        envelope({ incidents: { type: "array", items: ref("Incident") } }),
      ),
      "/api/v2/incidents/unresolved.json": publicGet(
        "Incidents not yet resolved",
        envelope({ incidents: { type: "array", items: ref("Incident") } }),
      ),
      "/api/v2/incidents/{incidentId}.json": {
        ...publicGet(
          "One incident or maintenance",
          envelope({ incident: { oneOf: [ref("Incident"), ref("Maintenance")] } }),
          {
            "404": errorResponse("No incident with that id"),
          },
        ),
        parameters: [{ name: "incidentId", in: "path", required: true, schema: { type: "string" } }],
      },
      "/api/v2/scheduled-maintenances.json": publicGet(
        "The 50 most recent maintenances",
        envelope({ scheduled_maintenances: { type: "array", items: ref("Maintenance") } }),
      ),
      "/api/v2/scheduled-maintenances/upcoming.json": publicGet(
        "Maintenances still to come",
        envelope({ scheduled_maintenances: { type: "array", items: ref("Maintenance") } }),
      ),
      "/api/v2/scheduled-maintenances/active.json": publicGet(
        "Maintenances in progress or being verified",
        envelope({ scheduled_maintenances: { type: "array", items: ref("Maintenance") } }),
      ),
      "/api/uptime/{kind}/{id}": {
        ...publicGet("One home-page uptime bar's last 90 UTC days, day by day (see docs/api.md)", uptimeBarSchema, {
          "404": errorResponse("The page shows no such bar"),
        }),
        parameters: [
          { name: "kind", in: "path", required: true, schema: { enum: ["component", "group"] } },
          { name: "id", in: "path", required: true, schema: { type: "string" } },
        ],
      },
      ...managementApiPaths(),
    },
    components: {
      securitySchemes: {
        apiKey: { type: "http", scheme: "bearer", description: "An API key created by an owner at /admin/api-keys." },
        oauth: {
          type: "apiKey",
          in: "header",
          name: "Authorization",
          description: "Statuspage's form: `Authorization: OAuth <API key>`.",
        },
        apiKeyQuery: {
          type: "apiKey",
          in: "query",
          name: "api_key",
          description: "The API key as a query parameter, as Statuspage accepts it.",
        },
      },
      schemas: {
        Page: {
          type: "object",
          additionalProperties: false,
          required: ["id", "name", "url", "time_zone", "updated_at"],
          properties: {
            id: { type: "string" },
            name: { type: "string" },
            url: { type: "string", format: "uri" },
            time_zone: { type: "string" },
            updated_at: timestamp,
          },
        },
        Status: {
          type: "object",
          additionalProperties: false,
          required: ["indicator", "description"],
          properties: {
            indicator: { enum: ["none", "minor", "major", "critical", "maintenance"] },
            description: { type: "string", examples: ["All Systems Operational"] },
          },
        },
        Component: {
          type: "object",
          additionalProperties: false,
          required: [
            "id",
            "name",
            "status",
            "created_at",
            "updated_at",
            "position",
            "description",
            "showcase",
            "start_date",
            "group_id",
            "page_id",
            "group",
            "only_show_if_degraded",
          ],
          properties: {
            id: { type: "string" },
            name: { type: "string" },
            status: { enum: [...COMPONENT_STATUSES] },
            created_at: timestamp,
            updated_at: timestamp,
            position: { type: "integer" },
            description: { type: ["string", "null"] },
            showcase: { type: "boolean" },
            start_date: { type: ["string", "null"], format: "date" },
            group_id: { type: ["string", "null"] },
            page_id: { type: "string" },
            group: { type: "boolean" },
            only_show_if_degraded: { type: "boolean" },
            components: { type: "array", items: { type: "string" }, description: "Ids of the children; groups only." },
          },
        },
        AffectedComponent: {
          type: "object",
          additionalProperties: false,
          required: ["code", "name", "old_status", "new_status"],
          properties: {
            code: { type: ["string", "null"], description: "The component's id; null once the component was deleted." },
            name: { type: "string" },
            old_status: { enum: [...COMPONENT_STATUSES] },
            new_status: { enum: [...COMPONENT_STATUSES] },
          },
        },
        IncidentUpdate: {
          type: "object",
          additionalProperties: false,
          required: [
            "id",
            "status",
            "body",
            "incident_id",
            "created_at",
            "updated_at",
            "display_at",
            "affected_components",
            "deliver_notifications",
          ],
          properties: {
            id: { type: "string" },
            status: { enum: [...ALL_INCIDENT_STATUSES] },
            body: { type: "string" },
            incident_id: { type: "string" },
            created_at: timestamp,
            updated_at: timestamp,
            display_at: timestamp,
            affected_components: { oneOf: [{ type: "array", items: ref("AffectedComponent") }, { type: "null" }] },
            deliver_notifications: { type: "boolean" },
          },
        },
        Incident: incidentSchema(false),
        Maintenance: incidentSchema(true),
        ...STATUSPAGE_SCHEMAS,
        Error: {
          description: "The short forms' error shape.",
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              required: ["code", "message"],
              properties: {
                code: { type: "string", examples: ["not_found", "validation"] },
                message: { type: "string" },
                fields: { type: "object", additionalProperties: { type: "array", items: { type: "string" } } },
              },
            },
          },
        },
      },
    },
  };
}
