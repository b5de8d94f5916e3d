import "server-only";
import { getDb } from "@/server/db/client";
import { cached } from "@/server/cache/tagged-cache";
import { TAGS } from "@/server/cache/tags";
import type { IncidentDto, PostmortemDto } from "@/lib/dto";
import {
  incidentSelect,
  publishedPostmortemSelect,
  toIncidentDto,
  toPublishedPostmortem,
} from "@/server/queries/select";

export type FeedIncidentDto = IncidentDto & { postmortem: PostmortemDto | null };

function latest(dates: (Date | null | undefined)[]): Date | null {
  let max: Date | null = null;
  for (const date of dates) if (date && (!max || date > max)) max = date;
  return max;
}

/** When anything shown publicly last changed: settings, components, groups, incidents, updates or postmortems. */
export function getLastChangeAt(): Promise<Date | null> {
  return cached("last-change", [TAGS.page, TAGS.components, TAGS.incidents], async () => {
    const db = getDb();
    const [page, components, groups, incidents, updates, postmortems] = await Promise.all([
      db.pageSettings.aggregate({ _max: { updatedAt: true } }),
      db.component.aggregate({ _max: { updatedAt: true } }),
      db.componentGroup.aggregate({ _max: { updatedAt: true } }),
      db.incident.aggregate({ _max: { updatedAt: true } }),
      db.incidentUpdate.aggregate({ _max: { updatedAt: true } }),
      db.postmortem.aggregate({ _max: { publishedAt: true }, where: { publishedAt: { not: null } } }),
    ]);
    return latest([
      page._max.updatedAt,
      components._max.updatedAt,
      groups._max.updatedAt,
      incidents._max.updatedAt,
      updates._max.updatedAt,
      postmortems._max.publishedAt,
    ]);
  });
}

/**
 * The most recent incidents and maintenances (newest first) with their updates and published postmortem,
 * optionally only those that affected one of the given components.
 */
export function listFeedIncidents(limit = 50, componentIds?: string[]): Promise<FeedIncidentDto[]> {
  const key = componentIds ? [...componentIds].sort().join(",") : "all";
  return cached(`incidents:feed:${key}:${limit}`, [TAGS.incidents], async () => {
    const rows = await getDb().incident.findMany({
      where: componentIds ? { components: { some: { componentId: { in: componentIds } } } } : undefined,
      orderBy: [{ startedAt: "desc" }, { id: "asc" }],
      take: limit,
      select: { ...incidentSelect, postmortem: { select: publishedPostmortemSelect } },
    });
    return rows.map(({ postmortem, ...incident }) => ({
      ...toIncidentDto(incident),
      postmortem: toPublishedPostmortem(postmortem),
    }));
  });
}
