import "server-only";
import { getDb } from "@/server/db/client";

export type MirrorInventory = {
  incidentIds: string[];
  componentIds: string[];
  groupIds: string[];
  /** Metrics readers see: the home page shows their charts. */
  metricIds: string[];
  /** UTC months ("2026-03") in which at least one incident or maintenance started, newest first. */
  months: string[];
  earliestStart: Date | null;
};

/** Everything the static mirror publishes a page or file for, read fresh from the database. */
export async function getMirrorInventory(): Promise<MirrorInventory> {
  const db = getDb();
  const [incidents, components, groups, metrics, months] = await Promise.all([
    db.incident.findMany({ select: { id: true }, orderBy: { startedAt: "desc" } }),
    db.component.findMany({ select: { id: true } }),
    db.componentGroup.findMany({ select: { id: true } }),
    db.metric.findMany({ where: { display: true }, select: { id: true } }),
    db.$queryRaw<{ month: string; earliest: Date }[]>`
      SELECT to_char(date_trunc('month', started_at AT TIME ZONE 'UTC'), 'YYYY-MM') AS month, min(started_at) AS earliest
      FROM incidents GROUP BY 1 ORDER BY 1 DESC`,
  ]);
  const earliest = months.length ? months[months.length - 1].earliest : null;
  return {
    incidentIds: incidents.map((i) => i.id),
    componentIds: components.map((c) => c.id),
    groupIds: groups.map((g) => g.id),
    metricIds: metrics.map((m) => m.id),
    months: months.map((m) => m.month),
    earliestStart: earliest,
  };
}
