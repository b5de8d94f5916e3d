import "server-only";
import { HAS_HAPPENED } from "@/server/queries/public-timeline";
import { getDb } from "@/server/db/client";
import { cached } from "@/server/cache/tagged-cache";
import { TAGS } from "@/server/cache/tags";
import { AppError } from "@/server/errors";
import type { ComponentTreeDto, IncidentDetailDto, IncidentDto, IncidentSummaryDto, PageDto } from "@/lib/dto";
import {
  componentSelect,
  incidentSelect,
  incidentSummarySelect,
  pageSelect,
  publishedPostmortemSelect,
  toPublishedPostmortem,
  toIncidentDto,
  toIncidentSummaryDto,
} from "@/server/queries/select";
import { isValidId, UNFINISHED_MAINTENANCE_STATUSES, UNRESOLVED_INCIDENT_STATUSES } from "@/lib/status";

export function getPage(): Promise<PageDto> {
  return cached("page", [TAGS.page], async () => {
    const page = await getDb().pageSettings.findFirst({ select: pageSelect });
    if (!page) throw new AppError("NOT_FOUND", "The status page has not been set up yet.");
    return page;
  });
}

/** Components and groups in their configured order. */
export function getComponentTree(): Promise<ComponentTreeDto> {
  return cached("component-tree", [TAGS.components], async () => {
    const db = getDb();
    const [groups, components] = await Promise.all([
      db.componentGroup.findMany({
        orderBy: [{ position: "asc" }, { createdAt: "asc" }],
        select: { id: true, name: true, description: true, position: true, createdAt: true, updatedAt: true },
      }),
      db.component.findMany({ orderBy: [{ position: "asc" }, { createdAt: "asc" }], select: componentSelect }),
    ]);
    return {
      groups: groups.map((group) => ({
        ...group,
        componentIds: components.filter((c) => c.groupId === group.id).map((c) => c.id),
      })),
      components,
    };
  });
}

/** Unresolved incidents, newest first, with every update. */
export function listUnresolvedIncidents(): Promise<IncidentDto[]> {
  return cached("incidents:unresolved", [TAGS.incidents], async () => {
    const rows = await getDb().incident.findMany({
      where: { kind: "incident", status: { in: [...UNRESOLVED_INCIDENT_STATUSES] } },
      orderBy: { startedAt: "desc" },
      select: incidentSelect,
    });
    return rows.map(toIncidentDto);
  });
}

/** Maintenances that are in progress or still to come, soonest first. */
export function listOpenMaintenances(): Promise<IncidentDto[]> {
  return cached("maintenances:open", [TAGS.incidents], async () => {
    const rows = await getDb().incident.findMany({
      where: { kind: "maintenance", status: { in: [...UNFINISHED_MAINTENANCE_STATUSES] } },
      orderBy: { scheduledFor: "asc" },
      select: incidentSelect,
    });
    return rows.map(toIncidentDto);
  });
}

/** The most recent incidents and maintenances (newest first), with their updates. */
export function listRecentIncidents(limit = 50, kind?: "incident" | "maintenance"): Promise<IncidentDto[]> {
  return cached(`incidents:recent:${kind ?? "all"}:${limit}`, [TAGS.incidents], async () => {
    const rows = await getDb().incident.findMany({
      where: kind ? { kind } : undefined,
      orderBy: [{ startedAt: "desc" }, { id: "asc" }],
      take: limit,
      select: incidentSelect,
    });
    return rows.map(toIncidentDto);
  });
}

/** Incidents and maintenances that started in [from, to), newest first, without their updates. */
export function listIncidentsBetween(from: Date, to: Date, componentId?: string): Promise<IncidentSummaryDto[]> {
  const key = `incidents:between:${from.toISOString()}:${to.toISOString()}:${componentId ?? ""}`;
  return cached(key, [TAGS.incidents], async () => {
    const rows = await getDb().incident.findMany({
      where: {
        startedAt: { gte: from, lt: to },
        ...HAS_HAPPENED,
        ...(componentId ? { components: { some: { componentId } } } : {}),
      },
      orderBy: [{ startedAt: "desc" }, { id: "asc" }],
      select: incidentSummarySelect,
    });
    return rows.map(toIncidentSummaryDto);
  });
}

/** One incident or maintenance with its updates, published postmortem and related incidents; null when unknown. */
export function getIncidentDetail(incidentId: string): Promise<IncidentDetailDto | null> {
  if (!isValidId(incidentId)) return Promise.resolve(null);
  return cached(`incident:${incidentId}`, [TAGS.incident(incidentId)], async () => {
    const row = await getDb().incident.findUnique({
      where: { id: incidentId },
      select: {
        ...incidentSelect,
        postmortem: { select: publishedPostmortemSelect },
        relatedTo: { select: { to: { select: { id: true, name: true, status: true, startedAt: true } } } },
        relatedFrom: { select: { from: { select: { id: true, name: true, status: true, startedAt: true } } } },
      },
    });
    if (!row) return null;
    const { postmortem, relatedTo, relatedFrom, ...incident } = row;
    const related = [...relatedTo.map((r) => r.to), ...relatedFrom.map((r) => r.from)].sort(
      (a, b) => a.startedAt.getTime() - b.startedAt.getTime(),
    );
    return {
      ...toIncidentDto(incident),
      postmortem: toPublishedPostmortem(postmortem),
      related,
    };
  });
}
