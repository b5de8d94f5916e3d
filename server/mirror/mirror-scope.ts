import { TAGS } from "@/server/cache/tags";
import { METRIC_RANGES } from "@/lib/metrics";
import { historyMonths } from "@/lib/history-params";
import {
  addUtcMonths,
  formatUptimeMonth,
  startOfUtcMonth,
  UPTIME_HISTORY_SCREENS,
  UPTIME_MONTHS_PER_SCREEN,
} from "@/lib/uptime-months";
import type { MirrorInventory } from "@/server/queries/mirror-inventory";

/** What a change can alter, in groups of addresses. */
export type MirrorSection =
  "home" | "api" | "feeds" | "componentFeeds" | "badges" | "uptime" | "history" | "metrics" | "static";
export type MirrorScope = { full: boolean; sections: Set<MirrorSection>; incidentIds: Set<string> };

const ALL_TAG = "*";

export function emptyScope(): MirrorScope {
  return { full: false, sections: new Set(), incidentIds: new Set() };
}

export function fullScope(): MirrorScope {
  return { full: true, sections: new Set(), incidentIds: new Set() };
}

/** Pages that change with time alone: "today" in the uptime bars, maintenance windows, the history's current month. */
export function timeScope(): MirrorScope {
  return { full: false, sections: new Set(["home", "api", "uptime", "history", "metrics"]), incidentIds: new Set() };
}

/** The sections each invalidated cache tag can change; the page settings (name, colours) appear everywhere. */
export function scopeForTags(tags: readonly string[], into: MirrorScope = emptyScope()): MirrorScope {
  const add = (...sections: MirrorSection[]) => sections.forEach((section) => into.sections.add(section));
  for (const tag of tags) {
    if (tag === ALL_TAG || tag === TAGS.page) into.full = true;
    else if (tag === TAGS.components) add("home", "api", "badges", "uptime", "history", "componentFeeds");
    else if (tag === TAGS.componentHistory) add("home", "uptime");
    else if (tag === TAGS.incidents) add("home", "api", "feeds", "componentFeeds", "history", "uptime", "metrics");
    else if (tag === TAGS.metrics || tag.startsWith(TAGS.metric(""))) add("home", "metrics");
    else if (tag.startsWith(TAGS.incident(""))) into.incidentIds.add(tag.slice(TAGS.incident("").length));
  }
  return into;
}

export function mergeScopes(a: MirrorScope, b: MirrorScope): MirrorScope {
  return {
    full: a.full || b.full,
    sections: new Set([...a.sections, ...b.sections]),
    incidentIds: new Set([...a.incidentIds, ...b.incidentIds]),
  };
}

export function isEmptyScope(scope: MirrorScope): boolean {
  return !scope.full && scope.sections.size === 0 && scope.incidentIds.size === 0;
}

const API_LISTS = [
  "/api/v2/summary.json",
  "/api/v2/status.json",
  "/api/v2/components.json",
  "/api/v2/incidents.json",
  "/api/v2/incidents/unresolved.json",
  "/api/v2/scheduled-maintenances.json",
  "/api/v2/scheduled-maintenances/upcoming.json",
  "/api/v2/scheduled-maintenances/active.json",
];
const FEEDS = ["/history.rss", "/history.atom", "/history.json"];

/** The history views a reader can reach by links: every page back to the first incident, and each month's full list. */
function historyUrls(inventory: MirrorInventory, now: Date): string[] {
  const urls = ["/history"];
  for (let page = 1; inventory.earliestStart && page < 1_000; page++) {
    if (historyMonths(now, page).from <= inventory.earliestStart) break;
    urls.push(`/history?page=${page + 1}`);
  }
  return [...urls, ...inventory.months.map((month) => `/history?month=${month}`)];
}

/** Every screen of a component's uptime history a reader can reach by its links. */
function componentUptimeUrls(componentId: string, now: Date): string[] {
  const current = startOfUtcMonth(now);
  const earlier = Array.from({ length: UPTIME_HISTORY_SCREENS - 1 }, (_, index) =>
    addUtcMonths(current, -(index + 1) * UPTIME_MONTHS_PER_SCREEN),
  );
  const base = `/components/${componentId}/uptime`;
  return [base, ...earlier.map((month) => `${base}/${formatUptimeMonth(month)}`)];
}

function incidentUrls(ids: Iterable<string>): string[] {
  return [...ids].flatMap((id) => [`/incidents/${id}`, `/api/v2/incidents/${id}.json`]);
}

/**
 * The addresses to render for a scope, in two waves: what readers look at first (the uptime image, the home
 * page, summary.json and the changed incidents), then the rest, the other JSON and the feeds leading.
 */
export function urlsForScope(
  scope: MirrorScope,
  inventory: MirrorInventory,
  now: Date,
): { first: string[]; rest: string[] } {
  const has = (section: MirrorSection) => scope.full || scope.sections.has(section);
  const first: string[] = [];
  const rest: string[] = [];
  if (has("uptime")) first.push("/uptime.svg");
  if (has("home")) first.push("/");
  // The home page shows each metric's charts; its JSON and own page follow with the rest.
  if (has("metrics"))
    first.push(...inventory.metricIds.flatMap((id) => METRIC_RANGES.map((r) => `/metrics/${id}/${r}.svg`)));
  if (has("api")) first.push(...API_LISTS.slice(0, 2));
  const incidents = incidentUrls(scope.full ? inventory.incidentIds : scope.incidentIds);
  // The changed incidents go out with the home page; after a full pass's first few, the rest join the long tail.
  first.push(...incidents.slice(0, 16));
  rest.push(...incidents.slice(16));

  if (has("api")) rest.unshift(...API_LISTS.slice(2));
  if (has("feeds")) rest.unshift(...FEEDS);
  if (has("badges")) rest.unshift("/badge.svg");
  if (has("home")) rest.push("/embed");
  if (has("uptime")) {
    rest.push(
      ...inventory.componentIds.map((id) => `/api/uptime/component/${id}`),
      ...inventory.groupIds.map((id) => `/api/uptime/group/${id}`),
    );
  }
  if (has("badges")) rest.push(...inventory.componentIds.map((id) => `/components/${id}/badge.svg`));
  if (has("uptime")) rest.push(...inventory.componentIds.flatMap((id) => componentUptimeUrls(id, now)));
  if (has("componentFeeds")) {
    rest.push(
      ...inventory.componentIds.flatMap((id) =>
        ["rss", "atom", "json"].map((format) => `/components/${id}/history.${format}`),
      ),
    );
  }
  if (has("history")) rest.push(...historyUrls(inventory, now));
  if (has("metrics")) {
    rest.push(
      ...inventory.metricIds.flatMap((id) => [
        `/metrics/${id}`,
        ...METRIC_RANGES.map((r) => `/metrics-display/${id}/${r}.json`),
      ]),
    );
  }
  if (scope.full) rest.push("/api/v2/openapi.json", "/embed/status.js", "/robots.txt");
  return { first: [...new Set(first)], rest: [...new Set(rest)] };
}
