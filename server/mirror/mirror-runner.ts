import pg from "pg";
import { onTagsInvalidated } from "@/server/cache/tagged-cache";
import {
  emptyScope,
  fullScope,
  isEmptyScope,
  mergeScopes,
  scopeForTags,
  timeScope,
  type MirrorScope,
} from "@/server/mirror/mirror-scope";
import type { MirrorPublisher, PublishReport } from "@/server/mirror/mirror-publisher";

export type MirrorRunnerOptions = {
  publisher: MirrorPublisher;
  databaseUrl: string;
  /** Instances publishing the same mirror share this name; a PostgreSQL advisory lock on it lets one publish at a time. */
  lockName: string;
  debounceMs: number;
  refreshMs: number;
  retryMs?: number;
  isDatabaseDown?: () => boolean;
  log?: (message: string, error?: unknown) => void;
  onPublished?: (report: PublishReport) => void;
};

const MAX_RETRY_MS = 60_000;
const STOP_WAIT_MS = 5_000;

/**
 * Keeps the mirror current from this process while it holds the mirror's advisory lock: a full pass when it
 * takes the lock (catching up on whatever happened meanwhile), then every invalidation this process sees,
 * debounced so a burst publishes once. Another instance takes over within `retryMs` when this one stops.
 */
export function startMirrorRunner(options: MirrorRunnerOptions) {
  const { publisher, debounceMs, refreshMs } = options;
  const retryMs = options.retryMs ?? 2_000;
  const log =
    options.log ?? ((message: string, error?: unknown) => console.error(`[static mirror] ${message}`, error ?? ""));
  let lockClient: pg.Client | null = null;
  let leader = false;
  let stopped = false;
  let pending: MirrorScope = emptyScope();
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let failures = 0;
  let acquireTimer: NodeJS.Timeout | null = null;

  function schedule(delayMs: number) {
    if (stopped || !leader || timer || running || isEmptyScope(pending)) return;
    timer = setTimeout(() => {
      timer = null;
      running = run().finally(() => {
        running = null;
        schedule(debounceMs);
      });
    }, delayMs);
  }

  async function run() {
    if (options.isDatabaseDown?.()) {
      timer = setTimeout(() => {
        timer = null;
        schedule(0);
      }, retryMs);
      return;
    }
    let scope = pending;
    pending = emptyScope();
    /** Changes made during the pass join it; a change to the page's settings waits for a full pass of its own. */
    const takeChanges = () => {
      if (isEmptyScope(pending) || pending.full || options.isDatabaseDown?.()) return null;
      const changes = pending;
      pending = emptyScope();
      scope = mergeScopes(scope, changes);
      return changes;
    };
    try {
      const report = await publisher.publish(scope, { takeChanges });
      options.onPublished?.(report);
      if (report.failed.length > 0)
        throw new Error(
          `could not render ${report.failed.slice(0, 3).join("; ")}${report.failed.length > 3 ? ` and ${report.failed.length - 3} more` : ""}`,
        );
      failures = 0;
    } catch (error) {
      failures++;
      pending = mergeScopes(scope, pending);
      const delay = Math.min(MAX_RETRY_MS, retryMs * 2 ** Math.min(failures - 1, 5));
      log(`Publishing failed; trying again in ${Math.round(delay / 1000)} s`, error);
      await new Promise((resolve) => setTimeout(resolve, delay).unref());
    }
  }

  const unsubscribe = onTagsInvalidated((tags) => {
    if (!leader) return;
    pending = scopeForTags(tags, pending);
    schedule(debounceMs);
  });

  const refresh =
    refreshMs > 0
      ? setInterval(() => {
          if (!leader) return;
          pending = mergeScopes(pending, timeScope());
          schedule(0);
        }, refreshMs)
      : null;
  refresh?.unref();

  function loseLock(client: pg.Client) {
    if (lockClient !== client) return;
    lockClient = null;
    leader = false;
    client.end().catch(() => {});
    if (!stopped) acquireTimer = setTimeout(acquire, retryMs);
  }

  async function acquire() {
    acquireTimer = null;
    if (stopped) return;
    const client = new pg.Client({
      connectionString: options.databaseUrl,
      connectionTimeoutMillis: 3_000,
      keepAlive: true,
    });
    client.on("error", () => loseLock(client));
    client.on("end", () => loseLock(client));
    try {
      await client.connect();
      const { rows } = await client.query<{ locked: boolean }>(
        "SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked",
        [options.lockName],
      );
      if (stopped || !rows[0]?.locked) throw new Error("held elsewhere");
      lockClient = client;
      leader = true;
      pending = mergeScopes(pending, fullScope());
      schedule(0);
    } catch {
      client.removeAllListeners();
      client.on("error", () => {});
      await client.end().catch(() => {});
      if (!stopped) acquireTimer = setTimeout(acquire, retryMs);
    }
  }

  void acquire();

  return {
    isLeader: () => leader,
    /** Resolves once nothing is pending or publishing. */
    async idle() {
      while (running || timer || (leader && !isEmptyScope(pending))) {
        await (running ?? new Promise((resolve) => setTimeout(resolve, 10)));
      }
    },
    async stop() {
      stopped = true;
      unsubscribe();
      if (refresh) clearInterval(refresh);
      if (timer) clearTimeout(timer);
      if (acquireTimer) clearTimeout(acquireTimer);
      timer = null;
      // A full pass can take minutes on a large site; files are written whole, so stopping midway is safe.
      await Promise.race([running, new Promise((resolve) => setTimeout(resolve, STOP_WAIT_MS).unref())]);
      const client = lockClient;
      lockClient = null;
      leader = false;
      if (client) {
        client.removeAllListeners();
        client.on("error", () => {});
        await client.end().catch(() => {});
      }
    },
  };
}

export type MirrorRunner = ReturnType<typeof startMirrorRunner>;
