import "server-only";
import { getDb } from "@/server/db/client";
import { cached } from "@/server/cache/tagged-cache";
import { TAGS } from "@/server/cache/tags";
import { isComponentStatus, UNRESOLVED_INCIDENT_STATUSES } from "@/lib/status";
import { uptimeWindowStart, type StatusChangePoint, type UptimeIncident } from "@/lib/uptime";

export type UptimeHistory = {
  windowStart: Date;
  /** Per component, oldest first: the last change before the window, then every change inside it. */
  changesByComponent: Record<string, StatusChangePoint[]>;
};

const MAX_WINDOW_INCIDENTS = 2_000;

function dayKey(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Status changes overlapping the 90-day window ending today (UTC); never the whole history. */
export function getUptimeHistory(now: Date = new Date()): Promise<UptimeHistory> {
  const windowStart = uptimeWindowStart(now);
  return cached(`uptime:history:${dayKey(windowStart)}`, [TAGS.componentHistory, TAGS.components], async () => {
    const db = getDb();
    const [before, inside] = await Promise.all([
      db.$queryRaw<{ componentId: string; toStatus: string; changedAt: Date }[]>`
        SELECT c.id AS "componentId", s.to_status::text AS "toStatus", s.changed_at AS "changedAt"
        FROM components c
        CROSS JOIN LATERAL (
          SELECT to_status, changed_at FROM component_status_changes
          WHERE component_id = c.id AND changed_at < ${windowStart}
          ORDER BY changed_at DESC, created_at DESC
          LIMIT 1
        ) s`,
      db.componentStatusChange.findMany({
        where: { changedAt: { gte: windowStart } },
        orderBy: [{ changedAt: "asc" }, { createdAt: "asc" }],
        select: { componentId: true, toStatus: true, changedAt: true },
      }),
    ]);
    const changesByComponent: Record<string, StatusChangePoint[]> = {};
    for (const row of [...before, ...inside]) {
      if (!isComponentStatus(row.toStatus)) continue;
      (changesByComponent[row.componentId] ??= []).push({ changedAt: new Date(row.changedAt), toStatus: row.toStatus });
    }
    return { windowStart, changesByComponent };
  });
}

/** Incidents (not maintenances) that overlap the 90-day window, for the days' tooltips. */
export function listUptimeWindowIncidents(now: Date = new Date()): Promise<UptimeIncident[]> {
  const windowStart = uptimeWindowStart(now);
  return cached(`uptime:incidents:${dayKey(windowStart)}`, [TAGS.incidents], async () => {
    const rows = await getDb().incident.findMany({
      where: {
        kind: "incident",
        OR: [
          { resolvedAt: { gte: windowStart } },
          { resolvedAt: null, status: { in: [...UNRESOLVED_INCIDENT_STATUSES] } },
        ],
      },
      orderBy: [{ startedAt: "asc" }, { id: "asc" }],
      take: MAX_WINDOW_INCIDENTS,
      select: {
        id: true,
        name: true,
        impact: true,
        startedAt: true,
        resolvedAt: true,
        components: { select: { componentId: true } },
      },
    });
    return rows.map(({ components, ...row }) => ({ ...row, componentIds: components.map((c) => c.componentId) }));
  });
}
