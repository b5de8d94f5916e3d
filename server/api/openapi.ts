import { managementApiPaths } from "@/server/api/management/openapi-paths";
import { STATUSPAGE_SCHEMAS } from "@/server/api/management/openapi-schemas";
import { v2JsonSchemas, type V2Path } from "@/server/api/v2-schemas";
import { PUBLIC_CACHE_CONTROL } from "@/lib/cache-control";

const timestamp = { type: "string", format: "date-time" } as const;
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

/**
 * OpenAPI 3.1 description of the public Statuspage-compatible API and the authenticated responder API; the /api/v2
 * bodies come from server/api/v2-schemas.ts, the /api/v1 paths from the management API's endpoint tables.
 */
export function openApiDocument(serverUrl: string) {
  const v2 = v2JsonSchemas();
  const v2Get = (path: V2Path, summary: string) => publicGet(summary, v2.responses[path]);
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
      "/api/v2/summary.json": v2Get(
        "/api/v2/summary.json",
        "Page, components, unresolved incidents, open maintenances and overall status",
      ),
      "/api/v2/status.json": v2Get("/api/v2/status.json", "Overall status"),
      "/api/v2/components.json": v2Get("/api/v2/components.json", "Every component and group"),
      "/api/v2/incidents.json": v2Get("/api/v2/incidents.json", "The 50 most recent incidents"),
      "/api/v2/incidents/unresolved.json": v2Get("/api/v2/incidents/unresolved.json", "Incidents not yet resolved"),
      "/api/v2/incidents/{incidentId}.json": {
        ...publicGet("One incident or maintenance", v2.responses["/api/v2/incidents/{incidentId}.json"], {
          "404": errorResponse("No incident with that id"),
        }),
        parameters: [{ name: "incidentId", in: "path", required: true, schema: { type: "string" } }],
      },
      "/api/v2/scheduled-maintenances.json": v2Get(
        "/api/v2/scheduled-maintenances.json",
        "The 50 most recent maintenances",
      ),
      "/api/v2/scheduled-maintenances/upcoming.json": v2Get(
        "/api/v2/scheduled-maintenances/upcoming.json",
        "Maintenances still to come",
      ),
      "/api/v2/scheduled-maintenances/active.json": v2Get(
        "/api/v2/scheduled-maintenances/active.json",
        "Maintenances in progress or being verified",
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
        ...v2.components,
        ...STATUSPAGE_SCHEMAS,
        Error: {
          description: "This API's own error shape, spoken by the short forms and the public endpoints.",
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
