// A component's uptime month by month, as its uptime history page shows it: three months a screen, each day
// coloured by the same rule as the home page's bars (lib/uptime.ts).
import { computeUptimeBetween, type UptimeDay, type UptimeInput, type UptimeIncident } from "@/lib/uptime";

export const UPTIME_MONTHS_PER_SCREEN = 3;
/** Screens a reader can page back through (the current one included): a year, which the static mirror also keeps. */
export const UPTIME_HISTORY_SCREENS = 4;

const MONTH = /^(\d{4})-(\d{2})$/;

export function startOfUtcMonth(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
}

export function addUtcMonths(month: Date, months: number): Date {
  return new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + months, 1));
}

/** "2026-03" as midnight UTC of its first day; null for anything else. */
export function parseUptimeMonth(value: string): Date | null {
  const match = MONTH.exec(value);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]) - 1;
  if (year < 1970 || month < 0 || month > 11) return null;
  return new Date(Date.UTC(year, month, 1));
}

export function formatUptimeMonth(month: Date): string {
  return month.toISOString().slice(0, 7);
}

/** The months of the screen that ends with `newest`, oldest first. */
export function uptimeScreenMonths(newest: Date): Date[] {
  return Array.from({ length: UPTIME_MONTHS_PER_SCREEN }, (_, index) =>
    addUtcMonths(newest, index - UPTIME_MONTHS_PER_SCREEN + 1),
  );
}

export type UptimeMonthIncident = Pick<UptimeIncident, "id" | "name" | "impact" | "startedAt" | "resolvedAt">;

export type UptimeMonth = {
  month: Date;
  days: UptimeDay[];
  /** 0–100 over the tracked part of the month, or null when none of it was tracked. */
  uptimePercent: number | null;
  /** The component's incidents open at any time in the month, oldest first. */
  incidents: UptimeMonthIncident[];
};

function daysIn(month: Date): number {
  return Math.round((addUtcMonths(month, 1).getTime() - month.getTime()) / 86_400_000);
}

export function computeUptimeMonths(input: UptimeInput & { componentId: string; months: Date[] }): UptimeMonth[] {
  const now = input.now.getTime();
  return input.months.map((month) => {
    const summary = computeUptimeBetween({ ...input, from: month, days: daysIn(month) });
    const end = addUtcMonths(month, 1).getTime();
    const incidents = (input.incidents ?? [])
      .filter((incident) => incident.componentIds.includes(input.componentId))
      .filter(
        (incident) => incident.startedAt.getTime() < end && (incident.resolvedAt?.getTime() ?? now) >= month.getTime(),
      )
      .map(({ id, name, impact, startedAt, resolvedAt }) => ({ id, name, impact, startedAt, resolvedAt }));
    return { month, days: summary.days, uptimePercent: summary.uptimePercent, incidents };
  });
}
