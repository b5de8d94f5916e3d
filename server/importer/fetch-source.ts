import "server-only";
import { ImportSourceError, type SourceClient } from "@/server/importer/source-client";

export type SourceSnapshot = {
  mode: "keyed" | "public";
  page: Record<string, unknown>;
  groups: unknown[];
  components: unknown[];
  incidents: unknown[];
  templates: unknown[];
  subscribers: { subscriber: unknown; confirmed: boolean }[];
  metricsProviders: unknown[];
  /** Metric definitions of the Self providers; Statuspage's API offers no way to read their data points. */
  metrics: unknown[];
  /** Why the source's metrics could not be read, when it could not. */
  metricsUnavailable?: string;
};

export type FetchProgress = (resource: string, count: number) => void;

const isGroup = (item: unknown) => Boolean((item as { group?: unknown })?.group);

function dedupe(lists: unknown[][]): unknown[] {
  const byId = new Map<string, unknown>();
  for (const item of lists.flat()) {
    const id = (item as { id?: unknown })?.id;
    if (typeof id === "string" && !byId.has(id)) byId.set(id, item);
  }
  return [...byId.values()];
}

/** Everything the management API offers about one page, each list followed to its end. */
export async function fetchKeyedSource(
  client: SourceClient,
  pageId: string,
  progress: FetchProgress,
): Promise<SourceSnapshot> {
  const page = (await client.getJson(`pages/${encodeURIComponent(pageId)}`)) as Record<string, unknown> | null;
  if (!page || typeof page !== "object" || page.id !== pageId)
    throw new ImportSourceError(`The source has no page ${pageId}; GET /pages lists the pages your key can read.`);
  const base = `pages/${encodeURIComponent(pageId)}`;
  const groups = await client.getAll(
    `${base}/component-groups`,
    { sizeParam: "per_page", size: 100, firstPage: 1 },
    (n) => progress("component groups", n),
  );
  const components = (
    await client.getAll(`${base}/components`, { sizeParam: "per_page", size: 100, firstPage: 1 }, (n) =>
      progress("components", n),
    )
  ).filter((c) => !isGroup(c));
  const lists: unknown[][] = [
    await client.getAll(`${base}/incidents`, { sizeParam: "limit", size: 100, firstPage: 1 }, (n) =>
      progress("incidents", n),
    ),
  ];
  for (const list of ["scheduled", "upcoming", "active_maintenance"]) {
    lists.push(
      await client.getAll(
        `${base}/incidents/${list}`,
        { sizeParam: "per_page", size: 100, firstPage: 1 },
        undefined,
        true,
      ),
    );
  }
  const incidents = dedupe(lists);
  progress("incidents", incidents.length);
  const templates = await client.getAll(
    `${base}/incident_templates`,
    { sizeParam: "per_page", size: 100, firstPage: 1 },
    (n) => progress("templates", n),
    true,
  );
  const subscribers: SourceSnapshot["subscribers"] = [];
  for (const state of ["active", "unconfirmed", "quarantined"] as const) {
    const list = await client.getAll(
      `${base}/subscribers`,
      { sizeParam: "limit", size: 100, firstPage: 0, extra: { state } },
      (n) => progress("subscribers", subscribers.length + n),
      true,
    );
    for (const subscriber of list) subscribers.push({ subscriber, confirmed: state !== "unconfirmed" });
  }
  return {
    mode: "keyed",
    page,
    groups,
    components,
    incidents,
    templates,
    subscribers,
    ...(await fetchMetrics(client, base, progress)),
  };
}

/**
 * Metrics providers and the metrics of the Self ones. A source without them (an older install answering 501) is
 * imported without metrics, saying why, rather than not at all.
 */
async function fetchMetrics(
  client: SourceClient,
  base: string,
  progress: FetchProgress,
): Promise<Pick<SourceSnapshot, "metricsProviders" | "metrics" | "metricsUnavailable">> {
  const paging = { sizeParam: "per_page", size: 100, firstPage: 1 } as const;
  try {
    const metricsProviders = await client.getAll(
      `${base}/metrics_providers`,
      paging,
      (n) => progress("metrics providers", n),
      true,
    );
    const metrics: unknown[] = [];
    for (const provider of metricsProviders) {
      const { id, type } = (provider ?? {}) as { id?: unknown; type?: unknown };
      if (typeof id !== "string" || String(type).toLowerCase() !== "self") continue;
      const list = await client.getAll(
        `${base}/metrics_providers/${encodeURIComponent(id)}/metrics`,
        paging,
        undefined,
        true,
      );
      metrics.push(...list);
      progress("metrics", metrics.length);
    }
    return { metricsProviders, metrics };
  } catch (error) {
    if (!(error instanceof ImportSourceError)) throw error;
    return { metricsProviders: [], metrics: [], metricsUnavailable: error.message };
  }
}

/** What a public page's v2 API shows: the page, components and groups, recent incidents and maintenances. */
export async function fetchPublicSource(client: SourceClient, progress: FetchProgress): Promise<SourceSnapshot> {
  const summary = (await client.getJson("summary.json")) as {
    page?: Record<string, unknown>;
    components?: unknown[];
  } | null;
  if (!summary?.page) throw new ImportSourceError("The page's /api/v2/summary.json did not describe a page.");
  const all = summary.components ?? [];
  const groups = all.filter(isGroup);
  const components = all.filter((c) => !isGroup(c));
  progress("components", components.length);
  const incidents = ((await client.getJson("incidents.json")) as { incidents?: unknown[] } | null)?.incidents ?? [];
  const maintenances =
    ((await client.getJson("scheduled-maintenances.json", {}, true)) as { scheduled_maintenances?: unknown[] } | null)
      ?.scheduled_maintenances ?? [];
  const merged = dedupe([incidents, maintenances]);
  progress("incidents", merged.length);
  return {
    mode: "public",
    page: summary.page,
    groups,
    components,
    incidents: merged,
    templates: [],
    subscribers: [],
    metricsProviders: [],
    metrics: [],
  };
}

export const KEYED_IMPORT_ADDS =
  "A keyed import (--page-id and --api-key) would also bring every incident beyond the public page's most recent ones, unpublished postmortem dates, " +
  "incident templates, subscribers with their component choices, Self metrics with their ids, maintenance automation flags, impact overrides and metadata.";
