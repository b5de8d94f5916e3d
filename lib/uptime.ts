// Uptime over the last 90 UTC days, computed from a component's status history. The rule is in docs/uptime.md.
import { addUtcDays, formatUtcDate, startOfUtcDay } from "@/lib/format";
import { COMPONENT_STATUS_LABELS, worstComponentStatus, type AnyImpact, type ComponentStatus } from "@/lib/status";

export const UPTIME_WINDOW_DAYS = 90;
/** Narrow screens show only the latest days of the window, so each day stays wide enough to see and tap. */
export const UPTIME_NARROW_DAYS = 30;

/** The home page draws a bar per component and one per group. */
export const UPTIME_BAR_KINDS = ["component", "group"] as const;
export type UptimeBarKind = (typeof UPTIME_BAR_KINDS)[number];
export const PARTIAL_OUTAGE_WEIGHT = 0.3;

const MINUTE = 60_000;
const DAY = 86_400_000;

export type StatusChangePoint = { changedAt: Date; toStatus: ComponentStatus };

export type UptimeIncident = {
  id: string;
  name: string;
  impact: AnyImpact;
  startedAt: Date;
  resolvedAt: Date | null;
  componentIds: string[];
};

export type UptimeDay = {
  /** Midnight UTC of the day. */
  date: Date;
  /** The worst status during the tracked part of the day; null when the day is before tracking started. */
  status: ComponentStatus | null;
  partialOutageMinutes: number;
  majorOutageMinutes: number;
  incidents: { id: string; name: string }[];
};

export type UptimeSummary = {
  days: UptimeDay[];
  /** 0–100, or null when nothing was tracked yet. */
  uptimePercent: number | null;
};

export function uptimeWindowStart(now: Date, days = UPTIME_WINDOW_DAYS): Date {
  return addUtcDays(startOfUtcDay(now), -(days - 1));
}

type Segment = { status: ComponentStatus; start: number; end: number };

/** The statuses in [from, to), given changes sorted oldest first; before the first change a component counts as operational. */
function segmentsBetween(changes: StatusChangePoint[], from: number, to: number): Segment[] {
  let status: ComponentStatus = "operational";
  let index = 0;
  while (index < changes.length && changes[index].changedAt.getTime() <= from) {
    status = changes[index].toStatus;
    index++;
  }
  const segments: Segment[] = [];
  let cursor = from;
  for (; index < changes.length && changes[index].changedAt.getTime() < to; index++) {
    const at = changes[index].changedAt.getTime();
    if (at > cursor) {
      segments.push({ status, start: cursor, end: at });
      cursor = at;
    }
    status = changes[index].toStatus;
  }
  if (to > cursor) segments.push({ status, start: cursor, end: to });
  return segments;
}

function outageWeight(status: ComponentStatus): number {
  if (status === "major_outage") return 1;
  if (status === "partial_outage") return PARTIAL_OUTAGE_WEIGHT;
  return 0;
}

function incidentsOfDay(incidents: UptimeIncident[], dayStart: number, now: number) {
  const dayEnd = dayStart + DAY;
  return incidents
    .filter((incident) => {
      const end = incident.resolvedAt?.getTime() ?? now;
      return incident.startedAt.getTime() < dayEnd && end >= dayStart;
    })
    .map(({ id, name }) => ({ id, name }));
}

export type UptimeInput = {
  componentId?: string;
  changes: StatusChangePoint[];
  /** The component's start_date (or creation time); days before it have no data. */
  trackingStart: Date | null;
  now: Date;
  incidents?: UptimeIncident[];
};

/**
 * Per-day worst status and outage minutes for one component over `days` UTC days from `from` (midnight), and its
 * uptime percentage: 1 − (major minutes + 0.3 × partial minutes) / minutes tracked in those days until now.
 * Days after now, like days before tracking started, have no data.
 */
export function computeUptimeBetween(input: UptimeInput & { from: Date; days: number }): UptimeSummary {
  const { days } = input;
  const now = input.now.getTime();
  const windowStart = input.from.getTime();
  const until = Math.min(now, windowStart + days * DAY);
  const trackedFrom = Math.max(windowStart, input.trackingStart?.getTime() ?? windowStart);
  const changes = [...input.changes].sort((a, b) => a.changedAt.getTime() - b.changedAt.getTime());
  const segments = trackedFrom < until ? segmentsBetween(changes, trackedFrom, until) : [];
  const componentId = input.componentId;
  const incidents = (input.incidents ?? []).filter(
    (incident) => !componentId || incident.componentIds.includes(componentId),
  );

  const result: UptimeDay[] = [];
  let outageMs = 0;
  let segmentIndex = 0;
  for (let day = 0; day < days; day++) {
    const dayStart = windowStart + day * DAY;
    const dayEnd = dayStart + DAY;
    const statuses: ComponentStatus[] = [];
    let partialMs = 0;
    let majorMs = 0;
    while (segmentIndex < segments.length && segments[segmentIndex].end <= dayStart) segmentIndex++;
    for (let i = segmentIndex; i < segments.length && segments[i].start < dayEnd; i++) {
      const segment = segments[i];
      const overlap = Math.min(segment.end, dayEnd) - Math.max(segment.start, dayStart);
      if (overlap <= 0) continue;
      statuses.push(segment.status);
      if (segment.status === "partial_outage") partialMs += overlap;
      if (segment.status === "major_outage") majorMs += overlap;
      outageMs += overlap * outageWeight(segment.status);
    }
    result.push({
      date: new Date(dayStart),
      status: statuses.length ? worstComponentStatus(statuses) : null,
      partialOutageMinutes: Math.round(partialMs / MINUTE),
      majorOutageMinutes: Math.round(majorMs / MINUTE),
      incidents: dayStart <= now ? incidentsOfDay(incidents, dayStart, now) : [],
    });
  }

  const trackedMs = until - trackedFrom;
  return {
    days: result,
    uptimePercent: trackedMs > 0 ? 100 * (1 - outageMs / trackedMs) : null,
  };
}

/** The last `days` UTC days (today included), as the home page's bars show them. */
export function computeComponentUptime(input: UptimeInput & { days?: number }): UptimeSummary {
  const days = input.days ?? UPTIME_WINDOW_DAYS;
  return computeUptimeBetween({ ...input, from: uptimeWindowStart(input.now, days), days });
}

/**
 * A group's bar: each day shows the worst status of its components and the longest outage of any of them;
 * the group's uptime is the average of its components' uptimes.
 */
export function combineUptime(summaries: UptimeSummary[]): UptimeSummary {
  if (summaries.length === 0) return { days: [], uptimePercent: null };
  const days = summaries[0].days.map((first, index) => {
    const dayOfEach = summaries.map((summary) => summary.days[index]);
    const statuses = dayOfEach.map((d) => d.status).filter((s): s is ComponentStatus => s !== null);
    const incidents = new Map<string, { id: string; name: string }>();
    for (const d of dayOfEach) for (const incident of d.incidents) incidents.set(incident.id, incident);
    return {
      date: first.date,
      status: statuses.length ? worstComponentStatus(statuses) : null,
      partialOutageMinutes: Math.max(...dayOfEach.map((d) => d.partialOutageMinutes)),
      majorOutageMinutes: Math.max(...dayOfEach.map((d) => d.majorOutageMinutes)),
      incidents: [...incidents.values()],
    };
  });
  const percents = summaries.map((s) => s.uptimePercent).filter((p): p is number => p !== null);
  return {
    days,
    uptimePercent: percents.length ? percents.reduce((sum, p) => sum + p, 0) / percents.length : null,
  };
}

/** "99.95" — rounded down so that any outage never reads as 100.00. */
export function formatUptimePercent(percent: number): string {
  return (Math.floor(percent * 100 + 1e-9) / 100).toFixed(2);
}

const STATUS_CODES: Record<ComponentStatus, string> = {
  operational: "o",
  degraded_performance: "d",
  partial_outage: "p",
  major_outage: "m",
  under_maintenance: "u",
};
const NO_DATA_CODE = "n";
const CODE_STATUSES = Object.fromEntries(
  Object.entries(STATUS_CODES).map(([status, code]) => [code, status]),
) as Record<string, ComponentStatus>;

/** A compact form of a 90-day bar for a client component's props: one letter per day, details only where needed. */
export type EncodedUptime = {
  windowStart: string;
  statuses: string;
  /** [day index, partial outage minutes, major outage minutes, indexes into `incidents`, incidents left out] */
  details: [number, number, number, number[], number][];
  incidents: [string, string][];
};

/** A day's tooltip names at most this many incidents; the history page has the rest. */
export const MAX_DAY_INCIDENTS = 5;

const isOutage = (status: ComponentStatus | null) => status === "partial_outage" || status === "major_outage";

/** A day with no outage (not even one shorter than a minute) and no incident: it needs no details. */
export function isQuietDay(day: UptimeDay): boolean {
  return !isOutage(day.status) && !day.partialOutageMinutes && !day.majorOutageMinutes && day.incidents.length === 0;
}

/** One letter per day, as in `EncodedUptime.statuses`. */
export function encodeDayStatuses(days: UptimeDay[]): string {
  return days.map((day) => presentUptimeDay(day).code).join("");
}

export function encodeUptime(summary: UptimeSummary): EncodedUptime {
  const incidentIndex = new Map<string, number>();
  const incidents: [string, string][] = [];
  const details: EncodedUptime["details"] = [];
  summary.days.forEach((day, index) => {
    if (isQuietDay(day)) return;
    const refs = day.incidents.slice(0, MAX_DAY_INCIDENTS).map((incident) => {
      let ref = incidentIndex.get(incident.id);
      if (ref === undefined) {
        ref = incidents.push([incident.id, incident.name]) - 1;
        incidentIndex.set(incident.id, ref);
      }
      return ref;
    });
    details.push([index, day.partialOutageMinutes, day.majorOutageMinutes, refs, day.incidents.length - refs.length]);
  });
  return {
    windowStart: (summary.days[0]?.date ?? new Date(0)).toISOString(),
    statuses: encodeDayStatuses(summary.days),
    details,
    incidents,
  };
}

export type DecodedUptimeDay = UptimeDay & { moreIncidents: number };

export function decodeUptime(encoded: EncodedUptime): DecodedUptimeDay[] {
  const start = new Date(encoded.windowStart).getTime();
  const details = new Map(encoded.details.map((detail) => [detail[0], detail]));
  return [...encoded.statuses].map((code, index) => {
    const detail = details.get(index);
    return {
      date: new Date(start + index * DAY),
      status: CODE_STATUSES[code] ?? null,
      partialOutageMinutes: detail?.[1] ?? 0,
      majorOutageMinutes: detail?.[2] ?? 0,
      incidents: (detail?.[3] ?? []).map((ref) => ({ id: encoded.incidents[ref][0], name: encoded.incidents[ref][1] })),
      moreIncidents: detail?.[4] ?? 0,
    };
  });
}

function formatMinutes(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (!hours) return `${rest} min`;
  return rest ? `${hours} hr ${rest} min` : `${hours} hr`;
}

const outageLength = (minutes: number, worst: boolean) =>
  minutes ? formatMinutes(minutes) : worst ? "less than 1 min" : null;

function describeOutage(day: UptimeDay): string {
  const parts: string[] = [];
  const major = outageLength(day.majorOutageMinutes, day.status === "major_outage");
  const partial = outageLength(day.partialOutageMinutes, day.status === "partial_outage");
  if (major) parts.push(`major outage ${major}`);
  if (partial) parts.push(`partial outage ${partial}`);
  if (parts.length === 0) return "No downtime recorded";
  const text = parts.join(", ");
  return text[0].toUpperCase() + text.slice(1);
}

export type UptimeDayView = {
  status: ComponentStatus | null;
  /** The day's colour, as a letter of `EncodedUptime.statuses`. */
  code: string;
  label: string;
  /** "Major outage 1 hr 5 min, partial outage 20 min", "Major outage less than 1 min", or "No downtime recorded". */
  text: string;
};

/**
 * A day's colour, label and text, from one rule: the day shows the worst status it had, however briefly, and an
 * outage shorter than the minute the text counts in reads "less than 1 min" rather than "No downtime recorded".
 */
export function presentUptimeDay(day: UptimeDay): UptimeDayView {
  if (day.status === null) return { status: null, code: NO_DATA_CODE, label: "No data", text: "No data" };
  return {
    status: day.status,
    code: STATUS_CODES[day.status],
    label: COMPONENT_STATUS_LABELS[day.status],
    text: describeOutage(day),
  };
}

/** "Nov 25, 2026: Major Outage, Major outage less than 1 min": a day for a screen reader or a tooltip. */
export function describeUptimeDay(day: UptimeDay): string {
  const { label, text } = presentUptimeDay(day);
  return `${formatUtcDate(day.date)}: ${text === label ? label : `${label}, ${text}`}`;
}

/** The outage part of a day's tooltip, as `presentUptimeDay` words it. */
export function describeUptimeDayOutage(day: UptimeDay): string {
  return presentUptimeDay(day).text;
}
