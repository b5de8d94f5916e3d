export const MONTHS_PER_PAGE = 3;
import { isValidId } from "@/lib/status";
export const MAX_HISTORY_PAGE = 1_000;

type SearchParams = Record<string, string | string[] | undefined>;

/** A month lists this many incidents on a history page; the rest are one link away, so no page grows unbounded. */
export const MONTH_PREVIEW_LIMIT = 25;

export type HistoryQuery = { page: number; componentId: string | null; month: Date | null; problems: string[] };

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Reads `?page=N&component=<id>`; anything malformed falls back to a default and is explained, never thrown. */
export function parseHistoryQuery(searchParams: SearchParams): HistoryQuery {
  const problems: string[] = [];
  let page = 1;
  const rawPage = first(searchParams.page)?.trim();
  if (rawPage) {
    const parsed = /^\d{1,7}$/.test(rawPage) ? Number(rawPage) : NaN;
    if (Number.isInteger(parsed) && parsed >= 1 && parsed <= MAX_HISTORY_PAGE) page = parsed;
    else problems.push(`page must be a whole number from 1 to ${MAX_HISTORY_PAGE}; showing page 1.`);
  }
  let componentId: string | null = null;
  const rawComponent = first(searchParams.component)?.trim();
  if (rawComponent) {
    if (isValidId(rawComponent)) componentId = rawComponent;
    else problems.push("component is not a valid component id; showing every component.");
  }
  let month: Date | null = null;
  const rawMonth = first(searchParams.month)?.trim();
  if (rawMonth) {
    const match = /^(\d{4})-(\d{2})$/.exec(rawMonth);
    const monthIndex = match ? Number(match[2]) - 1 : -1;
    if (match && monthIndex >= 0 && monthIndex < 12 && Number(match[1]) >= 1970 && Number(match[1]) <= 9999)
      month = new Date(Date.UTC(Number(match[1]), monthIndex, 1));
    else problems.push("month must look like 2026-03; showing the latest months.");
  }
  return { page, componentId, month, problems };
}

/** The range of one whole month, for `?month=YYYY-MM`. */
export function monthRange(month: Date): { months: Date[]; from: Date; to: Date } {
  return { months: [month], from: month, to: new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 1)) };
}

export function monthHref(month: Date, componentId: string | null): string {
  const params = new URLSearchParams({ month: month.toISOString().slice(0, 7) });
  if (componentId) params.set("component", componentId);
  return `/history?${params.toString()}`;
}

/** The months of one page, newest first, and the [from, to) range they cover, in UTC. */
export function historyMonths(now: Date, page: number): { months: Date[]; from: Date; to: Date } {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth() - (page - 1) * MONTHS_PER_PAGE;
  const months = Array.from({ length: MONTHS_PER_PAGE }, (_, i) => new Date(Date.UTC(year, month - i, 1)));
  return { months, from: months[months.length - 1], to: new Date(Date.UTC(year, month + 1, 1)) };
}

export function historyHref(page: number, componentId: string | null): string {
  const params = new URLSearchParams();
  if (page > 1) params.set("page", String(page));
  if (componentId) params.set("component", componentId);
  const query = params.toString();
  return query ? `/history?${query}` : "/history";
}
