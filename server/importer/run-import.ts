import "server-only";
import { getDb, type Tx } from "@/server/db/client";
import { commitMutation } from "@/server/cache/commit-mutation";
import { AppError } from "@/server/errors";
import { TAGS } from "@/server/cache/tags";
import { IMPORTER_ACTOR, type ImportOutcome } from "@/server/services/imports/import-shared";
import { importPage } from "@/server/services/imports/import-page";
import {
  importComponent,
  importComponentGroup,
  settleComponentHistory,
} from "@/server/services/imports/import-components";
import { importIncident } from "@/server/services/imports/import-incident";
import { importSubscriber, importTemplate } from "@/server/services/imports/import-template-and-subscriber";
import { importMetric, importMetricsProvider } from "@/server/services/imports/import-metrics";
import { createSourceClient, type SourceClientOptions } from "@/server/importer/source-client";
import {
  fetchKeyedSource,
  fetchPublicSource,
  KEYED_IMPORT_ADDS,
  type SourceSnapshot,
} from "@/server/importer/fetch-source";
import { createProgress, type ProgressReporter } from "@/server/importer/progress";

export type ImportOptions =
  | { mode: "keyed"; apiUrl: string; pageId: string; apiKey: string; dryRun?: boolean }
  | { mode: "public"; pageUrl: string; dryRun?: boolean };

export type ResourceTally = { created: number; updated: number; unchanged: number; skipped: number };
export type ImportSummary = {
  mode: "keyed" | "public";
  dryRun: boolean;
  tallies: Record<string, ResourceTally>;
  /** Every object not imported, with what names it to a person (name, address, endpoint or phone) and why. */
  skipped: { resource: string; id: string; label?: string; reason: string }[];
  notes: string[];
  requests: number;
};

export const RESOURCES = [
  "page",
  "component groups",
  "components",
  "incidents",
  "templates",
  "subscribers",
  "metrics providers",
  "metrics",
] as const;
type Resource = (typeof RESOURCES)[number];

class DryRunRollback extends Error {
  constructor(readonly result: unknown) {
    super("dry run");
  }
}

// An incident with years of updates is written in one transaction; a busy database may need longer than a console write.
const IMPORT_WRITE_TIMEOUT_MS = 60_000;

/**
 * Runs one import service in its own transaction, which publishes the cache tags it touched as it commits; in a dry
 * run the transaction is rolled back after it reports, and tells no one.
 */
async function runOne<R>(dryRun: boolean, work: (tx: Tx) => Promise<R>, tagsOf: (result: R) => string[] = () => []) {
  try {
    const { result } = await commitMutation(
      getDb(),
      async (tx) => {
        const result = await work(tx);
        if (dryRun) throw new DryRunRollback(result);
        return { result, tags: tagsOf(result) };
      },
      { timeoutMs: IMPORT_WRITE_TIMEOUT_MS },
    );
    return result;
  } catch (error) {
    if (error instanceof DryRunRollback) return error.result as R;
    throw error;
  }
}

const idOf = (item: unknown) => String((item as { id?: unknown })?.id ?? "?");

function labelOf(item: unknown): string | undefined {
  const fields = (item ?? {}) as Record<string, unknown>;
  const label = ["name", "endpoint", "email", "display_phone_number", "phone_number"]
    .map((key) => fields[key])
    .find((value) => typeof value === "string" && value.trim());
  return label as string | undefined;
}

/** What readers see change when an object of this resource is created or updated. */
function publicTagsOf(resource: Resource, id: string): string[] {
  if (resource === "page") return [TAGS.page];
  if (resource === "component groups" || resource === "components") return [TAGS.components, TAGS.componentHistory];
  if (resource === "incidents") return [TAGS.incidents, TAGS.incident(id), TAGS.components, TAGS.componentHistory];
  if (resource === "metrics providers") return [TAGS.metrics];
  if (resource === "metrics") return [TAGS.metrics, TAGS.metric(id)];
  return [];
}

/**
 * Imports a Statuspage page: reads everything first (so the bar knows the total), then writes each object in its own
 * transaction through the import services. Objects are keyed by their Statuspage ids and fingerprinted, so running
 * it again updates what changed, skips what did not, and picks up after an interruption.
 */
export async function runImport(
  options: ImportOptions & { client?: Partial<SourceClientOptions>; progress?: ProgressReporter },
): Promise<ImportSummary> {
  const progress = options.progress ?? createProgress();
  const dryRun = Boolean(options.dryRun);
  const client = createSourceClient({
    baseUrl: options.mode === "keyed" ? options.apiUrl : `${options.pageUrl.replace(/\/+$/, "")}/api/v2`,
    apiKey: options.mode === "keyed" ? options.apiKey : undefined,
    onWait: (reason, ms) => progress.note(`Source ${reason}; waiting ${Math.ceil(ms / 1000)} s before retrying.`),
    ...options.client,
  });
  const snapshot: SourceSnapshot =
    options.mode === "keyed"
      ? await fetchKeyedSource(client, options.pageId, progress.fetched)
      : await fetchPublicSource(client, progress.fetched);

  const summary: ImportSummary = { mode: snapshot.mode, dryRun, tallies: {}, skipped: [], notes: [], requests: 0 };
  for (const resource of RESOURCES) summary.tallies[resource] = { created: 0, updated: 0, unchanged: 0, skipped: 0 };
  const count = (resource: Resource, item: unknown, outcome: ImportOutcome & { notes?: string[] }) => {
    summary.tallies[resource][outcome.outcome]++;
    if (outcome.outcome === "skipped") {
      const label = labelOf(item);
      summary.skipped.push({ resource, id: idOf(item), ...(label ? { label } : {}), reason: outcome.reason });
    }
    if (outcome.notes) summary.notes.push(...outcome.notes);
    progress.advance(resource);
  };
  const attempt = async (
    resource: Resource,
    item: unknown,
    work: (tx: Tx) => Promise<ImportOutcome & { notes?: string[] }>,
  ) => {
    try {
      const outcome = await runOne(dryRun, work, (done) =>
        done.outcome === "created" || done.outcome === "updated" ? publicTagsOf(resource, idOf(item)) : [],
      );
      count(resource, item, outcome);
      return outcome.outcome !== "skipped";
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      count(resource, item, { outcome: "skipped", reason: error.message });
      return false;
    }
  };

  const total =
    1 +
    snapshot.groups.length +
    snapshot.components.length +
    snapshot.incidents.length +
    snapshot.templates.length +
    snapshot.subscribers.length +
    snapshot.metricsProviders.length +
    snapshot.metrics.length;
  progress.begin(total);
  const actor = IMPORTER_ACTOR;
  await attempt("page", snapshot.page, (tx) => importPage({ ctx: { actor, db: tx }, input: snapshot.page }));
  for (const group of snapshot.groups)
    await attempt("component groups", group, (tx) => importComponentGroup({ ctx: { actor, db: tx }, input: group }));
  const importedComponentIds: string[] = [];
  for (const component of snapshot.components) {
    if (await attempt("components", component, (tx) => importComponent({ ctx: { actor, db: tx }, input: component })))
      importedComponentIds.push(idOf(component));
  }
  // Oldest first, so that each component's history is rebuilt in order.
  const incidents = [...snapshot.incidents].sort((a, b) =>
    String((a as { created_at?: string }).created_at).localeCompare(String((b as { created_at?: string }).created_at)),
  );
  for (const incident of incidents)
    await attempt("incidents", incident, (tx) => importIncident({ ctx: { actor, db: tx }, input: incident }));
  for (const template of snapshot.templates)
    await attempt("templates", template, (tx) => importTemplate({ ctx: { actor, db: tx }, input: template }));
  for (const entry of snapshot.subscribers)
    await attempt("subscribers", entry.subscriber, (tx) =>
      importSubscriber({ ctx: { actor, db: tx }, input: { ...entry, importedComponentIds } }),
    );
  const importedProviderIds: string[] = [];
  for (const provider of snapshot.metricsProviders) {
    if (
      await attempt("metrics providers", provider, (tx) =>
        importMetricsProvider({ ctx: { actor, db: tx }, input: provider }),
      )
    )
      importedProviderIds.push(idOf(provider));
  }
  for (const metric of snapshot.metrics)
    await attempt("metrics", metric, (tx) =>
      importMetric({ ctx: { actor, db: tx }, input: { metric, importedProviderIds } }),
    );
  if (snapshot.metrics.length > 0) {
    const note = `Statuspage's API offers no way to read a metric's data points, so ${snapshot.metrics.length} metric(s) came without their history; point your scripts here and they push to the same metric ids.`;
    progress.note(note);
    summary.notes.push(note);
  }
  if (snapshot.metricsUnavailable)
    summary.notes.push(`The source's metrics could not be read, so none were imported: ${snapshot.metricsUnavailable}`);
  const componentIds = snapshot.components.map(idOf);
  const settled = await runOne(
    dryRun,
    (tx) => settleComponentHistory({ ctx: { actor, db: tx }, input: { componentIds } }),
    (done) => (done.settled ? [TAGS.components, TAGS.componentHistory] : []),
  );
  if (settled.settled)
    summary.notes.push(
      `${settled.settled} component(s) now show a different status than their last imported update; that change is recorded as of now.`,
    );
  progress.end();

  if (snapshot.mode === "public") summary.notes.push(KEYED_IMPORT_ADDS);
  summary.requests = client.requestCount();
  return summary;
}

export function formatSummary(summary: ImportSummary): string {
  const lines = [
    summary.dryRun ? "Dry run: nothing was written. This is what an import would do:" : "Import finished.",
  ];
  lines.push("", "resource          created  updated  unchanged  skipped");
  for (const [resource, t] of Object.entries(summary.tallies)) {
    lines.push(
      `${resource.padEnd(16)} ${String(t.created).padStart(8)} ${String(t.updated).padStart(8)} ${String(t.unchanged).padStart(10)} ${String(t.skipped).padStart(8)}`,
    );
  }
  if (summary.skipped.length) {
    lines.push("", "Skipped (each one, by reason):");
    const byReason = new Map<string, string[]>();
    for (const s of summary.skipped) {
      const reason = `${s.resource}: ${s.reason}`;
      byReason.set(reason, [...(byReason.get(reason) ?? []), s.label ? `${s.id} (${s.label})` : s.id]);
    }
    for (const [reason, names] of byReason)
      lines.push(`  ${reason} (${names.length})`, ...names.map((n) => `    ${n}`));
  }
  if (summary.notes.length) lines.push("", ...summary.notes);
  lines.push("", `${summary.requests} request(s) to the source. Nothing was sent to subscribers or chat channels.`);
  return lines.join("\n");
}
