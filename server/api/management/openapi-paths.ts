import "server-only";
import { z } from "zod";
import { MANAGEMENT_ENDPOINTS } from "@/server/api/management/endpoints";
import { SHORT_FORMS } from "@/server/api/v1/endpoints";
// Registers its endpoints among the short forms, so the description always covers them.
import "@/server/api/v1/chat-channels";
import { methodsOf, type Endpoint, type EndpointDoc, type ResponseDoc } from "@/server/api/management/router";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const SECURITY = [{ oauth: [] }, { apiKey: [] }, { apiKeyQuery: [] }];

function schemaOf(response: ResponseDoc): object {
  if (response === null) return { type: "null" };
  if (typeof response === "string") return ref(response);
  if (Array.isArray(response)) return { type: "array", items: ref(response[0]) };
  return {
    type: "object",
    additionalProperties: false,
    required: Object.keys(response),
    properties: Object.fromEntries(Object.entries(response).map(([key, inner]) => [key, schemaOf(inner)])),
  };
}

/** The request fields as JSON Schema, from the zod schema the endpoint parses them with. */
function fieldsSchema(fields: z.ZodType): object {
  const { $schema: _, ...schema } = z.toJSONSchema(fields, { io: "input", unrepresentable: "any" }) as Record<
    string,
    unknown
  >;
  return schema;
}

function requestBody(request: NonNullable<EndpointDoc["request"]>) {
  const fields = fieldsSchema(request.fields);
  const schema = request.wrapper ? { type: "object", properties: { [request.wrapper]: fields } } : fields;
  // OpenAPI 3.1 gives a media type no description, so the form encoding is told on the request body.
  return {
    required: false,
    description: `As JSON, or form-encoded with Rails-style brackets as Statuspage reads them: ${request.wrapper ?? "incident"}[name]=…, ${request.wrapper ?? "incident"}[component_ids][]=…, incident[components][<id>]=major_outage.`,
    content: { "application/json": { schema }, "application/x-www-form-urlencoded": { schema } },
  };
}

const statuspageError = (description: string) => ({
  description,
  content: { "application/json": { schema: ref("StatuspageError") } },
});
const shortError = (description: string) => ({
  description,
  content: { "application/json": { schema: ref("Error") } },
});
const RETRY_AFTER = {
  "Retry-After": { description: "Seconds until the key may send again.", schema: { type: "integer" } },
};
const ERRORS: Record<string, string> = {
  "400": "Malformed JSON, or (short forms) fields missing or of the wrong type",
  "401": "No key, or an unknown or revoked one",
  "403": "The key's role may not do this",
  "404": "No such page or record",
  "409": "A stale version, or already resolved",
  "413": "Body larger than 256 KB",
  "422": "Refused values, naming each field",
  "429": "Over the key's rate limit (420 when MANAGEMENT_API_RATE_LIMIT_STATUS=420)",
};

function operation(endpoint: Endpoint, method: string, short: { shortens: string } | null) {
  const { doc } = endpoint;
  const pathParams = [...endpoint.path.matchAll(/:(\w+)/g)].map((m) => ({
    name: m[1],
    in: "path",
    required: true,
    schema: { type: "string" },
  }));
  const write = method !== "GET";
  const error = short ? shortError : statuspageError;
  return {
    tags: [short ? "Short forms" : "Statuspage management API"],
    summary: `${doc.summary} (${endpoint.role})`,
    description: short
      ? `Short form of ${short.shortens}: the same implementation, answering inside an envelope with the short forms' error shape.`
      : "As api.statuspage.io/v1 answers it; bodies as JSON or form-encoded. See docs/migrating-from-statuspage.md.",
    ...(short ? { "x-shortens": short.shortens } : {}),
    security: SECURITY,
    parameters: [
      ...(short ? [] : [{ name: "page_id", in: "path", required: true, schema: { type: "string" } }]),
      ...pathParams,
      ...(doc.query ?? []).map((name) => ({ name, in: "query", required: false, schema: { type: "string" } })),
      ...(write
        ? [
            {
              name: "Idempotency-Key",
              in: "header",
              required: false,
              schema: { type: "string", maxLength: 255 },
              description: "Replays the first answer for a retry of the same request.",
            },
          ]
        : []),
    ],
    ...(doc.request ? { requestBody: requestBody(doc.request) } : {}),
    responses: {
      [String(doc.status)]:
        doc.status === 204
          ? { description: "Done" }
          : doc.status >= 400
            ? error(doc.summary)
            : { description: "OK", content: { "application/json": { schema: schemaOf(doc.response) } } },
      ...Object.fromEntries(
        Object.entries(ERRORS)
          .filter(([status]) => (short ? true : !["400", "409", "413"].includes(status) || write))
          .map(([status, description]) => [
            status,
            status === "429" ? { ...error(description), headers: RETRY_AFTER } : error(description),
          ]),
      ),
    },
  };
}

/** OpenAPI paths for Statuspage's management API and its short forms, generated from the endpoints the routers serve. */
export function managementApiPaths(): Record<string, Record<string, unknown>> {
  const paths: Record<string, Record<string, unknown>> = {
    "/api/v1/pages": {
      get: {
        tags: ["Statuspage management API"],
        summary: "List pages (this install serves one) (viewer)",
        security: SECURITY,
        responses: {
          "200": {
            description: "OK",
            content: { "application/json": { schema: { type: "array", items: ref("StatuspagePage") } } },
          },
          "401": statuspageError(ERRORS["401"]),
        },
      },
    },
  };
  const add = (path: string, endpoint: Endpoint, short: { shortens: string } | null) => {
    for (const method of methodsOf(endpoint))
      (paths[path] ??= {})[method.toLowerCase()] = operation(endpoint, method, short);
  };
  for (const endpoint of MANAGEMENT_ENDPOINTS)
    add(
      `/api/v1/pages/{page_id}${endpoint.path ? `/${endpoint.path.replace(/:(\w+)/g, "{$1}")}` : ""}`,
      endpoint,
      null,
    );
  for (const form of SHORT_FORMS) add(`/api/v1/${form.path.replace(/:(\w+)/g, "{$1}")}`, form, form);
  return paths;
}
