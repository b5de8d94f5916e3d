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

/**
 * Changes whenever any incident, update or postmortem is written or deleted, however old: open history pages
 * follow edits that the home page's 14 days do not show.
 */
export function getIncidentHistoryFingerprint(): Promise<string> {
  return cached("incidents:fingerprint", [TAGS.incidents], async () => {
    const db = getDb();
    const [incidents, updates, postmortems] = await Promise.all([
      db.incident.aggregate({ _count: { _all: true }, _max: { updatedAt: true } }),
      db.incidentUpdate.aggregate({ _count: { _all: true }, _max: { updatedAt: true } }),
      db.postmortem.aggregate({ _count: { _all: true }, _max: { updatedAt: true } }),
    ]);
    return [incidents, updates, postmortems]
      .map((row) => `${row._count._all}@${row._max.updatedAt?.getTime() ?? 0}`)
      .join("/");
  });
}
