import { z } from "zod";
import { ALL_IMPACTS, ALL_INCIDENT_STATUSES, COMPONENT_STATUSES, STATUS_INDICATORS } from "@/lib/status";

// The Statuspage API v2 bodies this server answers with. The serializers' types are inferred from these schemas and
// the OpenAPI description is generated from them, so neither can drift from the other.

const timestamp = z.iso.datetime();
const nullableTimestamp = z.iso.datetime().nullable();

const page = z.strictObject({
  id: z.string(),
  name: z.string(),
  url: z.url(),
  time_zone: z.string(),
  updated_at: timestamp,
});

const status = z.strictObject({
  indicator: z.enum(STATUS_INDICATORS),
  description: z.string().meta({ examples: ["All Systems Operational"] }),
});

const componentFields = {
  id: z.string(),
  name: z.string(),
  status: z.enum(COMPONENT_STATUSES),
  created_at: timestamp,
  updated_at: timestamp,
  position: z.number().int(),
  description: z.string().nullable(),
  showcase: z.boolean(),
  start_date: z.iso.date().nullable(),
  group_id: z.string().nullable(),
  page_id: z.string(),
  group: z.boolean(),
  only_show_if_degraded: z.boolean(),
};

const component = z.strictObject({ ...componentFields, group: z.literal(false) });

const componentGroup = z.strictObject({
  ...componentFields,
  status: z.enum(COMPONENT_STATUSES).describe("The worst of its components' statuses."),
  group_id: z.null(),
  group: z.literal(true),
  components: z.array(z.string()).describe("Ids of the group's components."),
});

const componentOrGroup = z.union([component, componentGroup]);

const affectedComponent = z.strictObject({
  code: z.string().nullable().describe("The component's id; null once the component was deleted."),
  name: z.string(),
  old_status: z.enum(COMPONENT_STATUSES),
  new_status: z.enum(COMPONENT_STATUSES),
});

const incidentUpdate = z.strictObject({
  id: z.string(),
  status: z.enum(ALL_INCIDENT_STATUSES),
  body: z.string(),
  incident_id: z.string(),
  created_at: timestamp,
  updated_at: timestamp,
  display_at: timestamp,
  affected_components: z.array(affectedComponent).min(1).nullable(),
  deliver_notifications: z.boolean(),
});

const incidentFields = {
  id: z.string(),
  name: z.string(),
  status: z.enum(ALL_INCIDENT_STATUSES),
  created_at: timestamp,
  updated_at: timestamp,
  monitoring_at: nullableTimestamp,
  resolved_at: nullableTimestamp,
  impact: z.enum(ALL_IMPACTS),
  shortlink: z.url(),
  started_at: timestamp,
  page_id: z.string(),
  incident_updates: z.array(incidentUpdate).describe("Newest first."),
  components: z.array(component),
};

const incident = z.strictObject(incidentFields);

const maintenance = z.strictObject({
  ...incidentFields,
  impact: z.literal("maintenance"),
  scheduled_for: nullableTimestamp,
  scheduled_until: nullableTimestamp,
});

/** Named in the OpenAPI description's components, and referred to by name wherever they appear. */
export const V2_COMPONENT_SCHEMAS = {
  Page: page,
  Status: status,
  Component: component,
  ComponentGroup: componentGroup,
  AffectedComponent: affectedComponent,
  IncidentUpdate: incidentUpdate,
  Incident: incident,
  Maintenance: maintenance,
};

const envelope = <Shape extends z.ZodRawShape>(shape: Shape) => z.strictObject({ page, ...shape });

/** The body of each /api/v2 answer, by its path in the OpenAPI description. */
export const V2_RESPONSE_SCHEMAS = {
  "/api/v2/summary.json": envelope({
    components: z.array(componentOrGroup),
    incidents: z.array(incident),
    scheduled_maintenances: z.array(maintenance),
    status,
  }),
  "/api/v2/status.json": envelope({ status }),
  "/api/v2/components.json": envelope({ components: z.array(componentOrGroup) }),
  "/api/v2/incidents.json": envelope({ incidents: z.array(incident) }),
  "/api/v2/incidents/unresolved.json": envelope({ incidents: z.array(incident) }),
  "/api/v2/incidents/{incidentId}.json": envelope({ incident: z.union([incident, maintenance]) }),
  "/api/v2/scheduled-maintenances.json": envelope({ scheduled_maintenances: z.array(maintenance) }),
  "/api/v2/scheduled-maintenances/upcoming.json": envelope({ scheduled_maintenances: z.array(maintenance) }),
  "/api/v2/scheduled-maintenances/active.json": envelope({ scheduled_maintenances: z.array(maintenance) }),
};
export type V2Path = keyof typeof V2_RESPONSE_SCHEMAS;

export type ApiPage = z.output<typeof page>;
export type ApiStatus = z.output<typeof status>;
export type ApiComponent = z.output<typeof component>;
export type ApiComponentGroup = z.output<typeof componentGroup>;
export type ApiAffectedComponent = z.output<typeof affectedComponent>;
export type ApiIncidentUpdate = z.output<typeof incidentUpdate>;
export type ApiIncident = z.output<typeof incident>;
export type ApiMaintenance = z.output<typeof maintenance>;
export type V2Body<Path extends V2Path> = z.output<(typeof V2_RESPONSE_SCHEMAS)[Path]>;

const schemaRef = (name: string) => `#/components/schemas/${name}`;

/** Zod spells out what `format` and `type: integer` already say (a long date regex, the safe-integer range). */
function dropImpliedBounds({ jsonSchema }: { jsonSchema: z.core.JSONSchema.BaseSchema }) {
  if (jsonSchema.format) delete jsonSchema.pattern;
  if (jsonSchema.type === "integer" && jsonSchema.maximum === Number.MAX_SAFE_INTEGER) {
    delete jsonSchema.minimum;
    delete jsonSchema.maximum;
  }
}

/**
 * JSON Schema (2020-12, as OpenAPI 3.1 takes it) of the named objects and of each path's body; an object named in
 * V2_COMPONENT_SCHEMAS is a $ref to it wherever it appears.
 */
export function v2JsonSchemas(): { components: Record<string, object>; responses: Record<V2Path, object> } {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(V2_COMPONENT_SCHEMAS)) registry.add(schema, { id });
  const responseIds = Object.keys(V2_RESPONSE_SCHEMAS).map((path) => `response ${path}`);
  Object.values(V2_RESPONSE_SCHEMAS).forEach((schema, index) => registry.add(schema, { id: responseIds[index] }));
  const { schemas } = z.toJSONSchema(registry, { uri: schemaRef, override: dropImpliedBounds });
  const bare = (id: string) => {
    const { $schema: _schema, $id: _id, ...schema } = schemas[id] as Record<string, unknown>;
    return schema;
  };
  return {
    components: Object.fromEntries(Object.keys(V2_COMPONENT_SCHEMAS).map((id) => [id, bare(id)])),
    responses: Object.fromEntries(
      Object.keys(V2_RESPONSE_SCHEMAS).map((path, index) => [path, bare(responseIds[index])]),
    ) as Record<V2Path, object>,
  };
}
