import "server-only";
import { z } from "zod";
import { LIMITS } from "@/lib/status";
import { combineUptime, computeComponentUptime } from "@/lib/uptime";
import {
  listComponentIncidentIds,
  listGroupMemberIds,
  listManagedComponents,
  listManagedGroups,
  readComponentStatusChanges,
  readManagedComponent,
  readManagedGroup,
  type ManagedComponent,
  type ManagedGroup,
} from "@/server/queries/management-reads";
import { invalidFields } from "@/server/errors";
import { callService } from "@/server/api/management/refusals";
import { changeOne, getOne, readOne } from "@/server/api/management/one-record";
import {
  componentStatus,
  dateString,
  day,
  flag,
  idList,
  pagination,
  parseFields,
  text,
} from "@/server/api/management/fields";
import { wrapped } from "@/server/api/management/request";
import { serializeManagedComponent, serializeManagedGroup, type PageRef } from "@/server/api/management/serialize";
import type { Endpoint, EndpointArgs } from "@/server/api/management/router";
import type { ServiceContext } from "@/server/services/context";
import { createComponent } from "@/server/services/components/create-component";
import { updateComponent } from "@/server/services/components/update-component";
import { deleteComponent } from "@/server/services/components/delete-component";
import { setComponentStatus } from "@/server/services/components/set-component-status";
import {
  createComponentGroup,
  deleteComponentGroup,
  updateComponentGroup,
} from "@/server/services/components/component-groups";

const FIELD_NAMES = {
  groupId: "group_id",
  onlyShowIfDegraded: "only_show_if_degraded",
  startDate: "start_date",
  componentId: "component_id",
};

const call = <T>(work: Promise<T>) => callService(work, FIELD_NAMES);
type Db = EndpointArgs["db"];

const component = (c: ManagedComponent, page: PageRef) => serializeManagedComponent(c, page.id);
const group = (g: ManagedGroup, page: PageRef) => serializeManagedGroup(g, page.id);
const readComponent = (args: EndpointArgs) => readOne(args, "componentId", "component", readManagedComponent);
const readGroup = (args: EndpointArgs) => readOne(args, "componentGroupId", "component group", readManagedGroup);

const blank = (v: unknown) => (v === "" ? undefined : v);

const componentFields = z.object({
  name: text("name", LIMITS.nameMax),
  description: z.preprocess((v) => (v === null ? "" : v), text("description", LIMITS.descriptionMax)),
  status: z.preprocess(blank, componentStatus("status").optional()),
  group_id: z.preprocess(
    (v) => (v === "" ? null : v),
    z.string({ error: "group_id must be a component group id or null." }).nullable().optional(),
  ),
  showcase: flag("showcase"),
  only_show_if_degraded: flag("only_show_if_degraded"),
  start_date: z.preprocess(
    (v) => (v === "" ? null : v),
    dateString("start_date", "start_date must be a date such as 2024-01-31.").nullable().optional(),
  ),
});

async function createOne({ actor, input, db, page }: EndpointArgs) {
  const fields = parseFields(componentFields, wrapped(input, "component"));
  if (!fields.name?.trim()) throw invalidFields({ name: ["name is required."] });
  const result = await call(
    createComponent({
      ctx: { actor, db },
      input: {
        name: fields.name,
        description: fields.description,
        groupId: fields.group_id ?? undefined,
        showcase: fields.showcase ?? true,
        onlyShowIfDegraded: fields.only_show_if_degraded ?? false,
        startDate: fields.start_date ?? undefined,
        status: fields.status ?? "operational",
      },
    }),
  );
  return {
    status: 201,
    body: component((await readManagedComponent(db, result.component.id))!, page),
    tags: result.tags,
  };
}

/** Edits only the fields sent: the service takes the whole record, so the rest comes from the current row. */
export async function editComponentFields(
  ctx: ServiceContext & { db: Db },
  current: ManagedComponent,
  fields: Partial<z.infer<typeof componentFields>>,
) {
  const result = await call(
    updateComponent({
      ctx,
      input: {
        componentId: current.id,
        version: current.version,
        name: fields.name || current.name,
        description: fields.description !== undefined ? fields.description : (current.description ?? undefined),
        groupId: fields.group_id !== undefined ? (fields.group_id ?? undefined) : (current.groupId ?? undefined),
        showcase: fields.showcase ?? current.showcase,
        onlyShowIfDegraded: fields.only_show_if_degraded ?? current.onlyShowIfDegraded,
        startDate:
          fields.start_date !== undefined ? (fields.start_date ?? undefined) : (current.startDate ?? undefined),
      },
    }),
  );
  return result.tags;
}

async function updateOne(args: EndpointArgs) {
  const { actor, input, db, page } = args;
  const fields = parseFields(componentFields, wrapped(input, "component"));
  const current = await readComponent(args);
  const ctx = { actor, db };
  const tags: string[] = [];
  const { status, ...rest } = fields;
  if (Object.values(rest).some((v) => v !== undefined)) tags.push(...(await editComponentFields(ctx, current, rest)));
  if (status && status !== current.status)
    tags.push(...(await call(setComponentStatus({ ctx, input: { componentId: current.id, status } }))).tags);
  return { status: 200, body: component(await readComponent(args), page), tags };
}

const DAY = 86_400_000;

const uptimeQuery = z.object({ start: day("start"), end: day("end") });

type UptimeRange = { startDay: Date; endDay: Date; days: number; rangeEnd: Date; now: Date };

function uptimeRange(query: URLSearchParams): UptimeRange {
  const range = parseFields(uptimeQuery, {
    start: query.get("start") ?? undefined,
    end: query.get("end") ?? undefined,
  });
  const now = new Date();
  const endDay = range.end ?? new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const startDay = range.start ?? new Date(endDay.getTime() - 89 * DAY);
  const days = Math.round((endDay.getTime() - startDay.getTime()) / DAY) + 1;
  if (days < 1) throw invalidFields({ start: ["start must not be after end."] });
  if (days > 366) throw invalidFields({ start: ["The range can be at most 366 days."] });
  return { startDay, endDay, days, rangeEnd: new Date(Math.min(endDay.getTime() + DAY, now.getTime())), now };
}

async function componentUptime(db: Db, component: ManagedComponent, range: UptimeRange) {
  const changes = await readComponentStatusChanges(db, component.id, range.startDay, range.rangeEnd);
  return computeComponentUptime({
    componentId: component.id,
    changes: changes.map((c) => ({ changedAt: c.changedAt, toStatus: c.toStatus })),
    trackingStart: component.startDate ?? component.createdAt,
    now: new Date(range.rangeEnd.getTime() - 1),
    days: range.days,
  });
}

/** Statuspage's uptime answer for a component or group over `range`; related events are the incidents that touched it. */
async function uptimeAnswer(
  db: Db,
  subject: { id: string; name: string },
  components: ManagedComponent[],
  range: UptimeRange,
) {
  const summaries = [];
  for (const component of components) summaries.push(await componentUptime(db, component, range));
  const summary = components.length === 1 && components[0].id === subject.id ? summaries[0] : combineUptime(summaries);
  const seconds = (minutes: number) => minutes * 60;
  const warnings: string[] = [];
  for (const c of components)
    if (c.startDate && c.startDate > range.startDay)
      warnings.push(`Uptime of ${c.name} is counted from its start date, ${c.startDate.toISOString().slice(0, 10)}.`);
  if (range.endDay.getTime() + DAY > range.now.getTime())
    warnings.push("The range ends today; uptime is counted up to now.");
  const related = new Map<string, { id: string; name: string }>();
  for (const c of components)
    for (const i of await listComponentIncidentIds(db, c.id, range.startDay, range.rangeEnd))
      related.set(i.id, { id: i.id, name: i.name });
  return {
    status: 200,
    body: {
      id: subject.id,
      name: subject.name,
      range_start: range.startDay.toISOString().slice(0, 10),
      range_end: range.endDay.toISOString().slice(0, 10),
      uptime_percentage: summary?.uptimePercent == null ? null : Math.round(summary.uptimePercent * 10_000) / 10_000,
      major_outage: seconds((summary?.days ?? []).reduce((sum, d) => sum + d.majorOutageMinutes, 0)),
      partial_outage: seconds((summary?.days ?? []).reduce((sum, d) => sum + d.partialOutageMinutes, 0)),
      warnings,
      related_events: [...related.values()],
    },
  };
}

/** Uptime over whole UTC days [start, end], by the same rule as the page's bars (major counts fully, partial 30 %). */
async function uptime(args: EndpointArgs) {
  const component = await readComponent(args);
  return uptimeAnswer(args.db, component, [component], uptimeRange(args.query));
}

/** A group's uptime is the average of its components', as on the page's group bars. */
async function groupUptime(args: EndpointArgs) {
  const current = await readGroup(args);
  const members: ManagedComponent[] = [];
  for (const { id } of current.components) members.push((await readManagedComponent(args.db, id))!);
  return uptimeAnswer(args.db, current, members, uptimeRange(args.query));
}

const groupFields = z.object({
  name: text("name", LIMITS.nameMax),
  description: z.preprocess((v) => (v === null ? "" : v), text("description", LIMITS.descriptionMax)),
  components: idList("components"),
});

function readGroupFields(input: Record<string, unknown>) {
  const inner = wrapped(input, "component_group");
  // The spec puts description next to component_group; clients also send it inside. Accept both.
  const description = inner.description ?? input.description;
  return parseFields(groupFields, { ...inner, ...(description !== undefined ? { description } : {}) });
}

/** Puts exactly `componentIds` in the group, in that order; components no longer listed leave it. */
async function setMembers(ctx: ServiceContext & { db: Db }, groupId: string, componentIds: string[]) {
  const tags: string[] = [];
  for (const memberId of await listGroupMemberIds(ctx.db, groupId)) {
    if (componentIds.includes(memberId)) continue;
    tags.push(...(await editComponentFields(ctx, (await readManagedComponent(ctx.db, memberId))!, { group_id: null })));
  }
  for (const componentId of componentIds) {
    const component = await readManagedComponent(ctx.db, componentId);
    if (!component) throw invalidFields({ components: [`There is no component with id ${componentId}.`] });
    if (component.groupId !== groupId) tags.push(...(await editComponentFields(ctx, component, { group_id: groupId })));
  }
  return tags;
}

async function createGroup({ actor, input, db, page }: EndpointArgs) {
  const fields = readGroupFields(input);
  if (!fields.name?.trim()) throw invalidFields({ name: ["name is required."] });
  const ctx = { actor, db };
  const result = await call(
    createComponentGroup({ ctx, input: { name: fields.name, description: fields.description } }),
  );
  const tags = [...result.tags, ...(await setMembers(ctx, result.group.id, fields.components ?? []))];
  return { status: 201, body: group((await readManagedGroup(db, result.group.id))!, page), tags };
}

async function updateGroup(args: EndpointArgs) {
  const { actor, input, db, page } = args;
  const fields = readGroupFields(input);
  const current = await readGroup(args);
  const ctx = { actor, db };
  const tags: string[] = [];
  if (fields.name !== undefined || fields.description !== undefined) {
    const description = fields.description !== undefined ? fields.description : (current.description ?? undefined);
    tags.push(
      ...(
        await call(
          updateComponentGroup({ ctx, input: { groupId: current.id, name: fields.name || current.name, description } }),
        )
      ).tags,
    );
  }
  if (fields.components) tags.push(...(await setMembers(ctx, current.id, fields.components)));
  return { status: 200, body: group(await readGroup(args), page), tags };
}

export const componentRuns = { update: updateOne };

const COMPONENT = "StatuspageComponent";
const GROUP = "StatuspageComponentGroup";
const componentRequest = { wrapper: "component", fields: componentFields };
const groupRequest = { wrapper: "component_group", fields: groupFields };

export const componentEndpoints: Endpoint[] = [
  {
    method: "GET",
    path: "components",
    role: "viewer",
    run: async ({ db, query, page }) => ({
      status: 200,
      body: (await listManagedComponents(db, pagination(query, { sizeParam: "per_page", firstPage: 1 }))).map((c) =>
        component(c, page),
      ),
    }),
    doc: { status: 200, response: [COMPONENT], query: ["page", "per_page"], summary: "Components in page order" },
  },
  {
    method: "POST",
    path: "components",
    role: "responder",
    run: createOne,
    doc: { status: 201, response: COMPONENT, request: componentRequest, summary: "Create a component" },
  },
  {
    method: "GET",
    path: "components/:componentId",
    role: "viewer",
    run: getOne("componentId", "component", readManagedComponent, component),
    doc: { status: 200, response: COMPONENT, summary: "A component" },
  },
  {
    method: ["PATCH", "PUT"],
    path: "components/:componentId",
    role: "responder",
    run: updateOne,
    doc: {
      status: 200,
      response: COMPONENT,
      request: componentRequest,
      summary: "Update a component's fields and/or status",
    },
  },
  {
    method: "DELETE",
    path: "components/:componentId",
    role: "responder",
    run: changeOne({
      param: "componentId",
      what: "component",
      read: readManagedComponent,
      serialize: component,
      renames: FIELD_NAMES,
      answer: "nothing",
      change: ({ actor, db }, current) => deleteComponent({ ctx: { actor, db }, input: { componentId: current.id } }),
    }),
    doc: { status: 204, response: null, summary: "Delete a component" },
  },
  {
    method: "GET",
    path: "components/:componentId/uptime",
    role: "viewer",
    run: uptime,
    doc: {
      status: 200,
      response: "StatuspageUptime",
      query: ["start", "end"],
      summary: "Uptime over whole UTC days, by the page's rule (major outage counts fully, partial 30 %)",
    },
  },
  {
    method: "GET",
    path: "component-groups",
    role: "viewer",
    run: async ({ db, query, page }) => ({
      status: 200,
      body: (await listManagedGroups(db, pagination(query, { sizeParam: "per_page", firstPage: 1 }))).map((g) =>
        group(g, page),
      ),
    }),
    doc: { status: 200, response: [GROUP], query: ["page", "per_page"], summary: "Component groups in page order" },
  },
  {
    method: "GET",
    path: "component-groups/:componentGroupId/uptime",
    role: "viewer",
    run: groupUptime,
    doc: {
      status: 200,
      response: "StatuspageUptime",
      query: ["start", "end"],
      summary: "A group's uptime: the average of its components', as on the page's group bars",
    },
  },
  {
    method: "POST",
    path: "component-groups",
    role: "responder",
    run: createGroup,
    doc: {
      status: 201,
      response: GROUP,
      request: groupRequest,
      summary: "Create a component group with its components",
    },
  },
  {
    method: "GET",
    path: "component-groups/:componentGroupId",
    role: "viewer",
    run: getOne("componentGroupId", "component group", readManagedGroup, group),
    doc: { status: 200, response: GROUP, summary: "A component group" },
  },
  {
    method: ["PATCH", "PUT"],
    path: "component-groups/:componentGroupId",
    role: "responder",
    run: updateGroup,
    doc: {
      status: 200,
      response: GROUP,
      request: groupRequest,
      summary: "Update a group; components replaces its members, in order",
    },
  },
  {
    method: "DELETE",
    path: "component-groups/:componentGroupId",
    role: "responder",
    run: changeOne({
      param: "componentGroupId",
      what: "component group",
      read: readManagedGroup,
      serialize: group,
      renames: FIELD_NAMES,
      answer: "before",
      change: ({ actor, db }, current) => deleteComponentGroup({ ctx: { actor, db }, input: { groupId: current.id } }),
    }),
    doc: { status: 200, response: GROUP, summary: "Delete a group, answering it as it was; its components stay" },
  },
];
