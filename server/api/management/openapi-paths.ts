import "server-only";
import { MANAGEMENT_ENDPOINTS } from "@/server/api/management/endpoints";

const RESOURCE_WORDS: Record<string, string> = {
  "": "the page",
  incidents: "incidents",
  "incidents/unresolved": "unresolved incidents",
  "incidents/scheduled": "scheduled maintenances",
  "incidents/upcoming": "upcoming maintenances",
  "incidents/active_maintenance": "maintenances in progress",
  "incidents/:incidentId": "an incident or maintenance",
  "incidents/:incidentId/incident_updates/:incidentUpdateId": "an incident update",
  "incidents/:incidentId/postmortem": "an incident's postmortem",
  "incidents/:incidentId/postmortem/publish": "publish a postmortem",
  "incidents/:incidentId/postmortem/revert": "unpublish a postmortem",
  "incidents/:incidentId/subscribers": "an incident's subscribers",
  components: "components",
  "components/:componentId": "a component",
  "components/:componentId/uptime": "a component's uptime",
  "component-groups": "component groups",
  "component-groups/:componentGroupId": "a component group",
  subscribers: "subscribers",
  "subscribers/:subscriberId": "a subscriber",
  "subscribers/:subscriberId/resend_confirmation": "resend a subscriber's confirmation",
  "subscribers/reactivate": "reactivate subscribers",
  "subscribers/unsubscribe": "unsubscribe subscribers",
  incident_templates: "incident templates",
};

const VERBS: Record<string, string> = { GET: "Read", POST: "Create", PATCH: "Update", PUT: "Update (or act on)", DELETE: "Delete" };
const STATUS: Record<string, string> = { GET: "200", POST: "201", PATCH: "200", PUT: "200", DELETE: "200" };

const error = { description: 'Refused: `{"error": "…"}`, or `{"error": {"<field>": ["…"]}}` for 422', content: { "application/json": { schema: { type: "object", required: ["error"], properties: { error: { oneOf: [{ type: "string" }, { type: "object" }] } } } } } };

/** OpenAPI paths for Statuspage's management API, generated from the endpoints the router serves. */
export function managementApiPaths(): Record<string, Record<string, unknown>> {
  const paths: Record<string, Record<string, unknown>> = {
    "/api/v1/pages": {
      get: { tags: ["Statuspage management API"], summary: "List pages (this install serves one)", security: [{ oauth: [] }, { apiKey: [] }, { apiKeyQuery: [] }], responses: { "200": { description: "OK" }, "401": error } },
    },
  };
  for (const endpoint of MANAGEMENT_ENDPOINTS) {
    const path = `/api/v1/pages/{page_id}${endpoint.path ? `/${endpoint.path.replace(/:(\w+)/g, "{$1}")}` : ""}`;
    const parameters = [{ name: "page_id", in: "path", required: true, schema: { type: "string" } }, ...[...endpoint.path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: "path", required: true, schema: { type: "string" } }))];
    for (const method of Array.isArray(endpoint.method) ? endpoint.method : [endpoint.method]) {
      paths[path] ??= {};
      paths[path][method.toLowerCase()] = {
        tags: ["Statuspage management API"],
        summary: `${VERBS[method]} ${RESOURCE_WORDS[endpoint.path] ?? endpoint.path} (${endpoint.role})`,
        description: "As api.statuspage.io/v1 answers it; bodies as JSON (`{\"incident\": {…}}`) or form-encoded (`incident[name]=…`). See docs/migrating-from-statuspage.md.",
        security: [{ oauth: [] }, { apiKey: [] }, { apiKeyQuery: [] }],
        parameters,
        responses: {
          [endpoint.path.endsWith("postmortem") && method === "DELETE" ? "204" : endpoint.path === "components/:componentId" && method === "DELETE" ? "204" : STATUS[method]]: { description: "OK" },
          "401": error,
          "403": error,
          "404": error,
          "422": error,
          "429": { ...error, headers: { "Retry-After": { schema: { type: "integer" } } } },
        },
      };
    }
  }
  return paths;
}
