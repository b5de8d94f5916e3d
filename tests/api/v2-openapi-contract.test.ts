import { beforeAll, describe, expect, it } from "vitest";
import Ajv2020 from "ajv/dist/2020";
import { getDb } from "@/server/db/client";
import { invalidateTags } from "@/server/cache/tagged-cache";
import { TAGS } from "@/server/cache/tags";
import { createComponent, unique } from "@/tests/support/factories";
import { ensurePageOnce, expectAmongRecent } from "@/tests/api/support";
import { openApiDocument } from "@/server/api/openapi";
import type { V2Body, V2Path } from "@/server/api/v2-schemas";
import * as summaryRoute from "@/app/api/v2/summary.json/route";
import * as statusRoute from "@/app/api/v2/status.json/route";
import * as componentsRoute from "@/app/api/v2/components.json/route";
import * as incidentsRoute from "@/app/api/v2/incidents.json/route";
import * as unresolvedRoute from "@/app/api/v2/incidents/unresolved.json/route";
import * as incidentRoute from "@/app/api/v2/incidents/[incidentId]/route";
import * as maintenancesRoute from "@/app/api/v2/scheduled-maintenances.json/route";
import * as upcomingRoute from "@/app/api/v2/scheduled-maintenances/upcoming.json/route";
import * as activeRoute from "@/app/api/v2/scheduled-maintenances/active.json/route";

type JsonSchema = { [key: string]: unknown };
type Operation = {
  responses: Record<
    string,
    { headers?: Record<string, unknown>; content?: { "application/json": { schema: object } } }
  >;
};
type Doc = { paths: Record<string, { get?: Operation }>; components: { schemas: Record<string, JsonSchema> } };
type RouteModule = { GET: (request: Request, ctx: never) => Promise<Response> };

const doc = openApiDocument("http://status.test") as unknown as Doc;
const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addFormat(
  "date-time",
  (value) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(value) && !isNaN(Date.parse(value)),
);
ajv.addFormat("date", (value) => /^\d{4}-\d{2}-\d{2}$/.test(value) && !isNaN(Date.parse(value)));
ajv.addFormat("uri", (value) => URL.canParse(value));
ajv.addSchema({ $id: "doc", components: doc.components });

const V2_PATHS = Object.keys(doc.paths).filter((path) => path.startsWith("/api/v2/"));

/** The live answer of one described path, checked against its 200 schema and the headers it promises. */
async function expectDescribed<Path extends V2Path>(
  path: Path,
  route: RouteModule,
  url: string,
  params?: Record<string, string>,
): Promise<V2Body<Path>> {
  const response = await route.GET(new Request(`http://status.test${url}`), {
    params: Promise.resolve(params),
  } as never);
  expect(response.status, url).toBe(200);
  const described = doc.paths[path].get!.responses["200"];
  for (const header of Object.keys(described.headers ?? {}))
    expect(response.headers.get(header), `${url} sends ${header}`).toBeTruthy();
  const schema = JSON.parse(
    JSON.stringify(described.content!["application/json"].schema).replaceAll('"#/components/', '"doc#/components/'),
  );
  const validate = ajv.compile(schema);
  const body = await response.json();
  if (!validate(body))
    throw new Error(
      `${url} does not match the description of ${path}: ${JSON.stringify(validate.errors?.slice(0, 5))}`,
    );
  return body as V2Body<Path>;
}

/** Every object schema reachable from `schema`, with where it sits. */
function objectSchemas(schema: unknown, at: string): [string, JsonSchema][] {
  if (Array.isArray(schema)) return schema.flatMap((item, index) => objectSchemas(item, `${at}/${index}`));
  if (!schema || typeof schema !== "object") return [];
  const own: [string, JsonSchema][] = (schema as JsonSchema).type === "object" ? [[at, schema as JsonSchema]] : [];
  return [
    ...own,
    ...Object.entries(schema).flatMap(([key, inner]) =>
      key === "examples" ? [] : objectSchemas(inner, `${at}/${key}`),
    ),
  ];
}

/** The names of the component schemas `schema` refers to, directly or through one another. */
function reachableSchemas(schema: unknown, found = new Set<string>()): Set<string> {
  for (const [, name] of JSON.stringify(schema).matchAll(/"#\/components\/schemas\/(\w+)"/g)) {
    if (found.has(name)) continue;
    found.add(name);
    reachableSchemas(doc.components.schemas[name], found);
  }
  return found;
}

let data: {
  unresolvedId: string;
  resolvedId: string;
  upcomingId: string;
  activeId: string;
  completedId: string;
};

beforeAll(async () => {
  const db = getDb();
  await ensurePageOnce();
  const group = await db.componentGroup.create({ data: { name: unique("Contract group"), position: 1 } });
  const child = await createComponent({
    name: unique("Contract child"),
    groupId: group.id,
    startDate: new Date("2026-02-01T00:00:00Z"),
  });
  const lone = await createComponent({ name: unique("Contract lone") });
  const doomed = await createComponent({ name: unique("Contract doomed") });
  await db.component.update({ where: { id: child.id }, data: { status: "partial_outage" } });
  const started = new Date(Date.now() - 3_600_000);
  const affected = (component: { id: string; name: string }) => ({
    componentId: component.id,
    componentName: component.name,
    oldStatus: "operational" as const,
    newStatus: "partial_outage" as const,
  });
  const unresolved = await db.incident.create({
    data: {
      name: unique("Contract outage"),
      status: "monitoring",
      impact: "major",
      startedAt: started,
      monitoringAt: new Date(),
      components: { create: [{ componentId: child.id }, { componentId: lone.id }] },
      updates: {
        create: [
          { status: "investigating", body: "Looking.", displayAt: started },
          {
            status: "monitoring",
            body: "Watching.",
            displayAt: new Date(),
            deliverNotifications: false,
            affectedComponents: { create: [affected(child), affected(doomed)] },
          },
        ],
      },
    },
  });
  await db.component.delete({ where: { id: doomed.id } });
  const resolved = await db.incident.create({
    data: {
      name: unique("Contract blip"),
      status: "postmortem",
      impact: "minor",
      startedAt: new Date(Date.now() - 86_400_000),
      resolvedAt: new Date(Date.now() - 80_000_000),
      updates: { create: [{ status: "resolved", body: "Fixed.", displayAt: new Date(Date.now() - 80_000_000) }] },
    },
  });
  const maintenance = (name: string, status: "scheduled" | "in_progress" | "completed", offsetMs: number) =>
    db.incident.create({
      data: {
        kind: "maintenance",
        name: unique(name),
        status,
        impact: "maintenance",
        scheduledFor: new Date(Date.now() + offsetMs),
        scheduledUntil: new Date(Date.now() + offsetMs + 3_600_000),
        components: { create: [{ componentId: lone.id }] },
        updates: { create: [{ status, body: `${name}.`, displayAt: new Date() }] },
      },
    });
  const upcoming = await maintenance("Contract upgrade", "scheduled", 86_400_000);
  const active = await maintenance("Contract migration", "in_progress", -600_000);
  const completed = await maintenance("Contract cleanup", "completed", -86_400_000);
  invalidateTags([TAGS.page, TAGS.components, TAGS.incidents]);
  data = {
    unresolvedId: unresolved.id,
    resolvedId: resolved.id,
    upcomingId: upcoming.id,
    activeId: active.id,
    completedId: completed.id,
  };
});

describe("OpenAPI description of /api/v2", () => {
  it("describes every body as objects that allow no other field and require every field", () => {
    const bodies = V2_PATHS.map((path): [string, unknown] => [path, doc.paths[path].get!.responses["200"].content]);
    const named = [...reachableSchemas(bodies)].map((name): [string, unknown] => [name, doc.components.schemas[name]]);
    expect(named.map(([name]) => name)).toEqual(
      expect.arrayContaining(["Incident", "IncidentUpdate", "AffectedComponent"]),
    );
    const schemas = [...bodies, ...named];
    const objects = schemas.flatMap(([at, schema]) => objectSchemas(schema, at));
    expect(objects.length).toBeGreaterThan(V2_PATHS.length);
    for (const [at, object] of objects) {
      expect(object.additionalProperties, at).toBe(false);
      expect([...(object.required as string[])].sort(), at).toEqual(Object.keys(object.properties as object).sort());
    }
  });

  it("every /api/v2 endpoint answers what the description says", async () => {
    const covered: string[] = [];
    const byId: Record<string, V2Body<"/api/v2/incidents/{incidentId}.json">["incident"]> = {};
    const check = async <Path extends V2Path>(
      path: Path,
      route: RouteModule,
      url: string = path,
      params?: Record<string, string>,
    ) => {
      covered.push(path);
      return expectDescribed(path, route, url, params);
    };
    const ids = (list: { id: string }[]) => list.map((item) => item.id);

    const summary = await check("/api/v2/summary.json", summaryRoute);
    expect(ids(summary.incidents)).toContain(data.unresolvedId);
    expect(ids(summary.scheduled_maintenances)).toEqual(expect.arrayContaining([data.upcomingId, data.activeId]));
    expect(summary.components.map((c) => c.group)).toEqual(expect.arrayContaining([true, false]));
    await check("/api/v2/status.json", statusRoute);
    await check("/api/v2/components.json", componentsRoute);
    const open = await check("/api/v2/incidents/unresolved.json", unresolvedRoute);
    expect(ids(open.incidents)).toContain(data.unresolvedId);
    expect(ids(open.incidents)).not.toContain(data.resolvedId);
    const one = "/api/v2/incidents/{incidentId}.json" as const;
    for (const id of [data.unresolvedId, data.resolvedId, data.activeId, data.upcomingId, data.completedId])
      byId[id] = (
        await check(one, incidentRoute, `/api/v2/incidents/${id}.json`, { incidentId: `${id}.json` })
      ).incident;
    const incidents = await check("/api/v2/incidents.json", incidentsRoute);
    await expectAmongRecent(incidents.incidents, [data.unresolvedId, data.resolvedId]);
    expect(byId[data.activeId]).toMatchObject({ id: data.activeId, impact: "maintenance" });
    expect(byId[data.unresolvedId].incident_updates[0].affected_components).toContainEqual(
      expect.objectContaining({ code: null }),
    );
    const all = await check("/api/v2/scheduled-maintenances.json", maintenancesRoute);
    await expectAmongRecent(all.scheduled_maintenances, [data.upcomingId, data.activeId, data.completedId]);
    const upcoming = await check("/api/v2/scheduled-maintenances/upcoming.json", upcomingRoute);
    expect(ids(upcoming.scheduled_maintenances)).toContain(data.upcomingId);
    const active = await check("/api/v2/scheduled-maintenances/active.json", activeRoute);
    expect(ids(active.scheduled_maintenances)).toContain(data.activeId);

    expect([...new Set(covered)].sort()).toEqual([...V2_PATHS].sort());
  });
});
