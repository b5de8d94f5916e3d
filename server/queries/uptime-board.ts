import "server-only";
import { createHash } from "node:crypto";
import { cached } from "@/server/cache/tagged-cache";
import { TAGS } from "@/server/cache/tags";
import { getComponentTree } from "@/server/queries/public-status";
import { getUptimeHistory, listUptimeWindowIncidents } from "@/server/queries/uptime";
import type { ComponentDto, ComponentTreeDto } from "@/lib/dto";
import { formatUtcDate } from "@/lib/format";
import {
  combineUptime,
  computeComponentUptime,
  describeUptimeDayOutage,
  encodeDayStatuses,
  isQuietDay,
  UPTIME_NARROW_DAYS,
  UPTIME_WINDOW_DAYS,
  type UptimeBarKind,
  type UptimeIncident,
  type UptimeSummary,
} from "@/lib/uptime";
import type { UptimeHistory } from "@/server/queries/uptime";

export type BoardBar = {
  kind: UptimeBarKind;
  id: string;
  label: string;
  /** This bar's row in the page's uptime image. */
  row: number;
  uptimePercent: number | null;
  /** The bar's text alternative: its window and a summary of its troubled days. */
  description: string;
  /** The same for the latest UPTIME_NARROW_DAYS days, which is all a narrow screen shows. */
  narrow: { uptimePercent: number | null; description: string };
  summary: UptimeSummary;
};

export type BoardComponent = Pick<ComponentDto, "id" | "name" | "description" | "status" | "showcase"> & {
  bar: BoardBar;
};
export type BoardGroup = { id: string; name: string; bar: BoardBar; components: BoardComponent[] };

export type UptimeBoard = {
  groups: BoardGroup[];
  ungrouped: BoardComponent[];
  /** One string of day codes per row of the uptime image, in row order. */
  rows: string[];
  /** Changes whenever any row does, so the image's address can be cached for good. */
  version: string;
};

function describeBar(label: string, summary: UptimeSummary): string {
  const first = summary.days[0];
  const last = summary.days[summary.days.length - 1];
  const window =
    first && last
      ? `${label}: daily status from ${formatUtcDate(first.date)} to ${formatUtcDate(last.date)}.`
      : `${label}: no data yet.`;
  const troubled = summary.days.filter((day) => !isQuietDay(day));
  if (troubled.length === 0) return `${window} No downtime recorded.`;
  const latest = troubled[troubled.length - 1];
  const days = `${troubled.length} day${troubled.length === 1 ? "" : "s"}`;
  return `${window} ${days} with incidents or downtime; most recently ${formatUtcDate(latest.date)}: ${describeUptimeDayOutage(latest)}.`;
}

/** Groups and components as the home page shows them, each with its 90-day bar and the 30 days a narrow screen shows. */
export function buildUptimeBoard(
  tree: ComponentTreeDto,
  history: UptimeHistory,
  incidents: UptimeIncident[],
  now: Date,
): UptimeBoard {
  const rows: string[] = [];
  const bar = (
    kind: UptimeBarKind,
    id: string,
    label: string,
    summary: UptimeSummary,
    narrowSummary: UptimeSummary,
  ): BoardBar => {
    const row = rows.push(encodeDayStatuses(summary.days)) - 1;
    const narrow = { uptimePercent: narrowSummary.uptimePercent, description: describeBar(label, narrowSummary) };
    return {
      kind,
      id,
      label,
      row,
      uptimePercent: summary.uptimePercent,
      description: describeBar(label, summary),
      narrow,
      summary,
    };
  };
  const uptimeOf = (c: ComponentDto, days: number) =>
    computeComponentUptime({
      componentId: c.id,
      changes: history.changesByComponent[c.id] ?? [],
      trackingStart: c.startDate ?? c.createdAt,
      now,
      incidents,
      days,
    });
  const component = (c: ComponentDto): BoardComponent => {
    const componentBar = bar(
      "component",
      c.id,
      c.name,
      uptimeOf(c, UPTIME_WINDOW_DAYS),
      uptimeOf(c, UPTIME_NARROW_DAYS),
    );
    return {
      id: c.id,
      name: c.name,
      description: c.description,
      status: c.status,
      showcase: c.showcase,
      bar: componentBar,
    };
  };

  const visible = tree.components.filter((c) => !(c.onlyShowIfDegraded && c.status === "operational"));
  const groups: BoardGroup[] = [];
  for (const group of tree.groups) {
    const members = visible.filter((c) => c.groupId === group.id);
    if (members.length === 0) continue;
    const components = members.map(component);
    const summary = combineUptime(components.map((c) => c.bar.summary));
    const narrowSummary = combineUptime(members.map((c) => uptimeOf(c, UPTIME_NARROW_DAYS)));
    groups.push({
      id: group.id,
      name: group.name,
      bar: bar("group", group.id, `${group.name} (all components)`, summary, narrowSummary),
      components,
    });
  }
  const grouped = new Set(tree.groups.map((g) => g.id));
  const ungrouped = visible.filter((c) => !c.groupId || !grouped.has(c.groupId)).map(component);
  const version = createHash("sha256").update(rows.join("\n")).digest("base64url").slice(0, 12);
  return { groups, ungrouped, rows, version };
}

// Today's outage minutes and the uptime percentage keep moving while nothing is posted.
const BOARD_MAX_AGE_MS = 60_000;

/** The board, rebuilt when components, their history or incidents change, and at least every minute. */
export function getUptimeBoard(now: Date = new Date()): Promise<UptimeBoard> {
  return cached(
    "uptime:board",
    [TAGS.components, TAGS.componentHistory, TAGS.incidents],
    async () => {
      const [tree, history, incidents] = await Promise.all([
        getComponentTree(),
        getUptimeHistory(now),
        listUptimeWindowIncidents(now),
      ]);
      return buildUptimeBoard(tree, history, incidents, now);
    },
    { maxAgeMs: BOARD_MAX_AGE_MS },
  );
}

/** One bar of the board, or null when the page shows no such bar. */
export async function findUptimeBar(kind: UptimeBarKind, id: string, now: Date = new Date()): Promise<BoardBar | null> {
  const board = await getUptimeBoard(now);
  for (const group of board.groups) {
    if (kind === "group" && group.id === id) return group.bar;
    const match = kind === "component" && group.components.find((c) => c.id === id);
    if (match) return match.bar;
  }
  return (kind === "component" && board.ungrouped.find((c) => c.id === id)?.bar) || null;
}
