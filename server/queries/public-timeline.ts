import "server-only";
import { getDb } from "@/server/db/client";
import { cached } from "@/server/cache/tagged-cache";
import { TAGS } from "@/server/cache/tags";
import type { IncidentDto } from "@/lib/dto";
import { incidentSelect, toIncidentDto } from "@/server/queries/select";

/** What has happened: a maintenance still only scheduled belongs to "upcoming", not to history. */
export const HAS_HAPPENED = { NOT: { kind: "maintenance", status: "scheduled" } } as const;

/** Incidents and maintenances that started in [from, to), newest first, with their updates; capped so a page stays small. */
export function listIncidentsWithUpdatesBetween(from: Date, to: Date, limit = 100): Promise<IncidentDto[]> {
  return cached(`incidents:timeline:${from.toISOString()}:${to.toISOString()}:${limit}`, [TAGS.incidents], async () => {
    const rows = await getDb().incident.findMany({
      where: { startedAt: { gte: from, lt: to }, ...HAS_HAPPENED },
      orderBy: [{ startedAt: "desc" }, { id: "asc" }],
      take: limit,
      select: incidentSelect,
    });
    return rows.map(toIncidentDto);
  });
}

/** Whether any incident or maintenance started before `before`, optionally affecting one component. */
export function hasIncidentsBefore(before: Date, componentId?: string): Promise<boolean> {
  return cached(`incidents:any-before:${before.toISOString()}:${componentId ?? ""}`, [TAGS.incidents], async () => {
    const row = await getDb().incident.findFirst({
      where: { startedAt: { lt: before }, ...(componentId ? { components: { some: { componentId } } } : {}) },
      select: { id: true },
    });
    return row !== null;
  });
}
