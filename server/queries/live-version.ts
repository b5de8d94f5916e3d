import "server-only";
import { createHash } from "node:crypto";
import { addUtcDays, startOfUtcDay } from "@/lib/format";
import { getComponentTree, getIncidentDetail, getPage, listOpenMaintenances, listUnresolvedIncidents } from "@/server/queries/public-status";
import { listIncidentsWithUpdatesBetween } from "@/server/queries/public-timeline";
import type { IncidentDto } from "@/lib/dto";

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

/**
 * A short string that changes whenever anything a public page shows changes. It is built from the same
 * cached reads the pages use, so polling it costs no database work while nothing changes.
 */
export async function getLiveVersion(incidentId?: string): Promise<string> {
  const { from, to } = pastIncidentsWindow(new Date());
  const [page, tree, unresolved, maintenances, recent, incident] = await Promise.all([
    getPage(),
    getComponentTree(),
    listUnresolvedIncidents(),
    listOpenMaintenances(),
    listIncidentsWithUpdatesBetween(from, to, PAST_INCIDENTS_LIMIT),
    incidentId ? getIncidentDetail(incidentId) : Promise.resolve(null),
  ]);
  const parts = [
    `page:${page.updatedAt.getTime()}`,
    ...tree.groups.map((g) => `group:${g.id}:${g.updatedAt.getTime()}:${g.componentIds.join(",")}`),
    ...tree.components.map((c) => `component:${c.id}:${c.status}:${c.updatedAt.getTime()}`),
    ...[...unresolved, ...maintenances, ...recent].map(incidentFingerprint),
  ];
  if (incident) {
    parts.push(
      `detail:${incidentFingerprint(incident)}`,
      `postmortem:${incident.postmortem?.updatedAt.getTime() ?? "none"}`,
      `related:${incident.related.map((r) => `${r.id}:${r.status}`).join(",")}`,
    );
  }
  return createHash("sha256").update(parts.join("\n")).digest("base64url").slice(0, 22);
}
