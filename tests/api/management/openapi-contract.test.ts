import { beforeAll, describe, expect, it } from "vitest";
import Ajv2020 from "ajv/dist/2020";
import { createComponent, unique } from "@/tests/support/factories";
import { openManagementApi } from "@/tests/api/support";
import { openApiDocument } from "@/server/api/openapi";
import { MANAGEMENT_ENDPOINTS } from "@/server/api/management/endpoints";
import { OWN_RESOURCE, SHORT_FORMS } from "@/server/api/v1/endpoints";
import { callManagement } from "@/tests/api/management/client";
import * as incidentsRoute from "@/app/api/v1/incidents/route";
import * as updatesRoute from "@/app/api/v1/incidents/[incidentId]/updates/route";
import * as resolveRoute from "@/app/api/v1/incidents/[incidentId]/resolve/route";
import * as componentsRoute from "@/app/api/v1/components/route";
import * as componentRoute from "@/app/api/v1/components/[componentId]/route";
import * as maintenancesRoute from "@/app/api/v1/maintenances/route";

type Doc = {
  paths: Record<
    string,
    Record<
      string,
      {
        responses: Record<string, { content?: { "application/json": { schema: object } } }>;
        requestBody?: { content: Record<string, unknown> };
        "x-shortens"?: string;
      }
    >
  >;
  components: { schemas: Record<string, object> };
};
type Handler = (request: Request, context: never) => Promise<Response>;

const doc = openApiDocument("http://status.test") as unknown as Doc;
const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
ajv.addSchema({ $id: "doc", components: doc.components });

const openApiPath = (path: string) => path.replace(/:(\w+)/g, "{$1}");

/** Fails with every mismatch when `body` is not what the description promises for this path, method and status. */
function expectDescribed(path: string, method: string, status: number, body: unknown) {
  const response = doc.paths[path]?.[method.toLowerCase()]?.responses[String(status)];
  expect(response, `${method} ${path} ${status} is described`).toBeDefined();
  const schema = JSON.parse(
    JSON.stringify(response.content!["application/json"].schema).replaceAll('"#/components/', '"doc#/components/'),
  );
  const validate = ajv.compile(schema);
  if (!validate(body))
    throw new Error(
      `${method} ${path} ${status} does not match its description: ${JSON.stringify(validate.errors?.slice(0, 5))}`,
    );
}

let pageId: string;
let responder: string;

beforeAll(async () => {
  ({ pageId, responder } = await openManagementApi("Contract"));
});

async function callShort(
  handler: Handler,
  options: { method?: string; params?: Record<string, string>; json?: unknown } = {},
) {
  const init: RequestInit = {
    method: options.method ?? "GET",
    headers: { authorization: `OAuth ${responder}`, "content-type": "application/json" },
  };
  if (options.json !== undefined) init.body = JSON.stringify(options.json);
  const response = await handler(new Request("http://status.test/api/v1", init), {
    params: Promise.resolve(options.params ?? {}),
  } as never);
  return { status: response.status, json: await response.json() };
}

describe("OpenAPI description of /api/v1", () => {
  it("describes every management endpoint and every short form with its answer, request fields, and which management operation a short form is", () => {
    for (const endpoint of MANAGEMENT_ENDPOINTS) {
      const path = `/api/v1/pages/{page_id}${endpoint.path ? `/${openApiPath(endpoint.path)}` : ""}`;
      for (const method of [endpoint.method].flat()) {
        const operation = doc.paths[path]?.[method.toLowerCase()];
        expect(operation, `${method} ${path}`).toBeDefined();
        if (endpoint.doc.status !== 204)
          expect(operation.responses[String(endpoint.doc.status)].content, `${method} ${path}`).toBeDefined();
        if (endpoint.doc.request)
          expect(Object.keys(operation.requestBody!.content).sort()).toEqual([
            "application/json",
            "application/x-www-form-urlencoded",
          ]);
      }
    }
    expect(SHORT_FORMS.length).toBeGreaterThanOrEqual(9);
    for (const form of SHORT_FORMS) {
      for (const method of [form.method].flat()) {
        const operation = doc.paths[`/api/v1/${openApiPath(form.path)}`]?.[method.toLowerCase()];
        expect(operation, `${method} /api/v1/${form.path}`).toBeDefined();
        if (form.shortens === OWN_RESOURCE) expect(operation["x-shortens"]).toBe(OWN_RESOURCE);
        else expect(operation["x-shortens"]).toMatch(/\/api\/v1\/pages\/\{page_id\}/);
        expect(operation.responses[String(form.doc.status)].content).toBeDefined();
      }
    }
  });

  it("Statuspage's paths answer what the description says, for JSON and form bodies", async () => {
    const p = (rest: string) => `${pageId}/${rest}`;
    const component = await callManagement(p("components"), {
      key: responder,
      method: "POST",
      form: `component[name]=${unique("Described")}&component[description]=x`,
    });
    expectDescribed("/api/v1/pages/{page_id}/components", "POST", 201, component.json);
    const incident = await callManagement(p("incidents"), {
      key: responder,
      method: "POST",
      json: { incident: { name: "Described", body: "b", components: { [component.json.id]: "degraded_performance" } } },
    });
    expectDescribed("/api/v1/pages/{page_id}/incidents", "POST", 201, incident.json);
    const resolved = await callManagement(p(`incidents/${incident.json.id}`), {
      key: responder,
      method: "PATCH",
      form: "incident[status]=resolved",
    });
    expectDescribed("/api/v1/pages/{page_id}/incidents/{incidentId}", "PATCH", 200, resolved.json);
    const draft = await callManagement(p(`incidents/${incident.json.id}/postmortem`), {
      key: responder,
      method: "PUT",
      json: { postmortem: { body_draft: "Why" } },
    });
    expectDescribed("/api/v1/pages/{page_id}/incidents/{incidentId}/postmortem", "PUT", 200, draft.json);
    const published = await callManagement(p(`incidents/${incident.json.id}/postmortem/publish`), {
      key: responder,
      method: "PUT",
    });
    expectDescribed("/api/v1/pages/{page_id}/incidents/{incidentId}/postmortem/publish", "PUT", 200, published.json);
    for (const path of [
      "incidents",
      "components",
      "component-groups",
      "subscribers",
      "subscribers/count",
      "subscribers/histogram_by_state",
      "incident_templates",
      "",
    ]) {
      const answer = await callManagement(p(path), { key: responder });
      expect(answer.status, path).toBe(200);
      expectDescribed(`/api/v1/pages/{page_id}${path ? `/${path}` : ""}`, "GET", 200, answer.json);
    }
    const uptime = await callManagement(p(`components/${component.json.id}/uptime`), { key: responder });
    expectDescribed("/api/v1/pages/{page_id}/components/{componentId}/uptime", "GET", 200, uptime.json);
    const subscriber = await callManagement(p("subscribers"), {
      key: responder,
      method: "POST",
      json: { subscriber: { email: `${unique("doc")}@example.test`, skip_confirmation_notification: true } },
    });
    expectDescribed("/api/v1/pages/{page_id}/subscribers", "POST", 201, subscriber.json);
    const refused = await callManagement(p("incidents"), {
      key: responder,
      method: "POST",
      json: { incident: { status: "nope" } },
    });
    expectDescribed("/api/v1/pages/{page_id}/incidents", "POST", 422, refused.json);
  });

  it("the short forms answer what the description says", async () => {
    const component = await createComponent();
    const created = await callShort(incidentsRoute.POST, {
      method: "POST",
      json: { name: unique("Short"), body: "b", components: { [component.id]: "partial_outage" } },
    });
    expectDescribed("/api/v1/incidents", "post", 201, created.json);
    const update = await callShort(updatesRoute.POST, {
      method: "POST",
      params: { incidentId: created.json.incident.id },
      json: { status: "identified", body: "Found it" },
    });
    expectDescribed("/api/v1/incidents/{incidentId}/updates", "post", 201, update.json);
    expect(update.json.incident_update).toMatchObject({ status: "identified", body: "Found it" });
    const resolved = await callShort(resolveRoute.POST, {
      method: "POST",
      params: { incidentId: created.json.incident.id },
      json: {},
    });
    expectDescribed("/api/v1/incidents/{incidentId}/resolve", "post", 200, resolved.json);
    expectDescribed("/api/v1/incidents", "get", 200, (await callShort(incidentsRoute.GET)).json);
    expectDescribed("/api/v1/components", "get", 200, (await callShort(componentsRoute.GET)).json);
    const patched = await callShort(componentRoute.PATCH, {
      method: "PATCH",
      params: { componentId: component.id },
      json: { status: "major_outage" },
    });
    expectDescribed("/api/v1/components/{componentId}", "patch", 200, patched.json);
    const start = new Date(Date.now() + 86_400_000);
    const maintenance = await callShort(maintenancesRoute.POST, {
      method: "POST",
      json: {
        name: unique("Window"),
        body: "b",
        scheduled_for: start.toISOString(),
        scheduled_until: new Date(start.getTime() + 3_600_000).toISOString(),
      },
    });
    expectDescribed("/api/v1/maintenances", "post", 201, maintenance.json);
    const refused = await callShort(incidentsRoute.POST, { method: "POST", json: { name: 5 } });
    expectDescribed("/api/v1/incidents", "post", 400, refused.json);
  });
});
