import "server-only";
import { createHash } from "node:crypto";
import { addUtcDays, startOfUtcDay } from "@/lib/format";
import {
  getComponentTree,
  getIncidentDetail,
  getPage,
  listOpenMaintenances,
  listUnresolvedIncidents,
} from "@/server/queries/public-status";
import { getIncidentHistoryFingerprint, listIncidentsWithUpdatesBetween } from "@/server/queries/public-timeline";
import type { IncidentDto } from "@/lib/dto";
import { isServingStaleData } from "@/server/cache/tagged-cache";
import { listPublicMetrics } from "@/server/queries/public-metrics";

export const PAST_INCIDENT_DAYS = 14;
/** The home page lists at most this many past incidents, however busy the last 14 days were. */
export const PAST_INCIDENTS_LIMIT = 20;

/** The window of the home page's "Past incidents": the last 14 UTC days including today. */
export function pastIncidentsWindow(now: Date): { from: Date; to: Date } {
  const today = startOfUtcDay(now);
  return { from: addUtcDays(today, -(PAST_INCIDENT_DAYS - 1)), to: addUtcDays(today, 1) };
}

function incidentFingerprint(incident: IncidentDto): string {
  const updates = incident.updates.map((u) => `${u.id}@${u.updatedAt.getTime()}`).join(",");
  return `${incident.id}:${incident.status}:${incident.updatedAt.getTime()}:${updates}`;
}

/** What a page following the home page or one incident shows: its live version, and whether that incident exists. */
export type LiveState = { version: string; incidentFound: boolean };

/**
 * A short string that changes whenever anything a public page shows changes. It is built from the same
 * cached reads the pages use, so polling it costs no database work while nothing changes.
 */
export async function getLiveVersion(incidentId?: string): Promise<string> {
  return (await getLiveState(incidentId)).version;
}

/** The live version, and whether `incidentId` names an incident: a made-up id shows what the home page shows. */
export async function getLiveState(incidentId?: string): Promise<LiveState> {
  const { from, to } = pastIncidentsWindow(new Date());
  const [page, tree, unresolved, maintenances, recent, history, incident, metrics] = await Promise.all([
    getPage(),
    getComponentTree(),
    listUnresolvedIncidents(),
    listOpenMaintenances(),
    listIncidentsWithUpdatesBetween(from, to, PAST_INCIDENTS_LIMIT),
    getIncidentHistoryFingerprint(),
    incidentId ? getIncidentDetail(incidentId) : Promise.resolve(null),
    listPublicMetrics(),
  ]);
  const parts = [
    // Tabs learn that the database is unreachable (and again when it is back) and show or drop the note.
    `stale:${isServingStaleData()}`,
    `page:${page.updatedAt.getTime()}`,
    `history:${history}`,
    ...tree.groups.map((g) => `group:${g.id}:${g.updatedAt.getTime()}:${g.componentIds.join(",")}`),
    ...tree.components.map((c) => `component:${c.id}:${c.status}:${c.updatedAt.getTime()}`),
    ...[...unresolved, ...maintenances, ...recent].map(incidentFingerprint),
    ...metrics.map((m) => `metric:${m.id}:${m.fingerprint}`),
  ];
  if (incident) {
    parts.push(
      `detail:${incidentFingerprint(incident)}`,
      `postmortem:${incident.postmortem?.updatedAt.getTime() ?? "none"}`,
      `related:${incident.related.map((r) => `${r.id}:${r.status}`).join(",")}`,
    );
  }
  const version = createHash("sha256").update(parts.join("\n")).digest("base64url").slice(0, 22);
  return { version, incidentFound: incident !== null };
}
