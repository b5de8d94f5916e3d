import "server-only";
import { getDb } from "@/server/db/client";
import { cached } from "@/server/cache/tagged-cache";
import { TAGS } from "@/server/cache/tags";
import { getComponentTree } from "@/server/queries/public-status";
import type { ComponentDto } from "@/lib/dto";
import { isComponentStatus, isValidId, UNRESOLVED_INCIDENT_STATUSES } from "@/lib/status";
import type { StatusChangePoint, UptimeIncident } from "@/lib/uptime";
import {
  addUtcMonths,
  computeUptimeMonths,
  formatUptimeMonth,
  startOfUtcMonth,
  uptimeScreenMonths,
  UPTIME_HISTORY_SCREENS,
  UPTIME_MONTHS_PER_SCREEN,
  type UptimeMonth,
} from "@/lib/uptime-months";

export type ComponentUptimeMonths = {
  component: Pick<ComponentDto, "id" | "name" | "description" | "status">;
  months: UptimeMonth[];
  /** The newest month of the screen before this one; null when tracking had not started by then or it is too old. */
  older: Date | null;
  /** The newest month of the screen after this one, or null when this one ends with the current month. */
  newer: Date | null;
};

type Rows = { changes: StatusChangePoint[]; incidents: UptimeIncident[] };

const MAX_SCREEN_INCIDENTS = 500;

/** One component's status changes and incidents over [from, to), plus the change in force at `from`; never more. */
function loadScreenRows(componentId: string, from: Date, to: Date): Promise<Rows> {
  const key = `uptime:months:${componentId}:${formatUptimeMonth(from)}`;
  return cached(key, [TAGS.componentHistory, TAGS.incidents], async () => {
    const db = getDb();
    const [before, inside, incidents] = await Promise.all([
      db.componentStatusChange.findFirst({
        where: { componentId, changedAt: { lt: from } },
        orderBy: [{ changedAt: "desc" }, { createdAt: "desc" }],
        select: { toStatus: true, changedAt: true },
      }),
      db.componentStatusChange.findMany({
        where: { componentId, changedAt: { gte: from, lt: to } },
        orderBy: [{ changedAt: "asc" }, { createdAt: "asc" }],
        select: { toStatus: true, changedAt: true },
      }),
      db.incident.findMany({
        where: {
          kind: "incident",
          components: { some: { componentId } },
          startedAt: { lt: to },
          OR: [{ resolvedAt: { gte: from } }, { resolvedAt: null, status: { in: [...UNRESOLVED_INCIDENT_STATUSES] } }],
        },
        orderBy: [{ startedAt: "asc" }, { id: "asc" }],
        take: MAX_SCREEN_INCIDENTS,
        select: { id: true, name: true, impact: true, startedAt: true, resolvedAt: true },
      }),
    ]);
    const changes = [...(before ? [before] : []), ...inside].flatMap((row) =>
      isComponentStatus(row.toStatus) ? [{ changedAt: row.changedAt, toStatus: row.toStatus }] : [],
    );
    return { changes, incidents: incidents.map((incident) => ({ ...incident, componentIds: [componentId] })) };
  });
}

/**
 * A component's uptime for the screen of months ending with `newest` (the current month when null), each day
 * coloured by the home page's rule; null when there is no such component or the month has not begun.
 */
export async function getComponentUptimeMonths(
  componentId: string,
  newest: Date | null,
  now: Date = new Date(),
): Promise<ComponentUptimeMonths | null> {
  if (!isValidId(componentId)) return null;
  const current = startOfUtcMonth(now);
  const last = newest ?? current;
  if (last > current) return null;
  const tree = await getComponentTree();
  const component = tree.components.find((c) => c.id === componentId);
  if (!component) return null;
  const months = uptimeScreenMonths(last);
  const from = months[0];
  const rows = await loadScreenRows(componentId, from, addUtcMonths(last, 1));
  const trackingStart = component.startDate ?? component.createdAt;
  const previous = addUtcMonths(from, -1);
  const following = addUtcMonths(last, UPTIME_MONTHS_PER_SCREEN);
  const oldest = addUtcMonths(current, -(UPTIME_HISTORY_SCREENS - 1) * UPTIME_MONTHS_PER_SCREEN);
  return {
    component: { id: component.id, name: component.name, description: component.description, status: component.status },
    months: computeUptimeMonths({ componentId, ...rows, trackingStart, now, months }),
    older: previous >= startOfUtcMonth(trackingStart) && previous >= oldest ? previous : null,
    newer: last < current ? (following < current ? following : current) : null,
  };
}
