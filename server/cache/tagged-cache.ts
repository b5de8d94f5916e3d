import "server-only";
import { isDatabaseUnavailable } from "@/server/errors";
import { publishInvalidation, subscribeToInvalidations } from "@/server/cache/invalidation-bus";
import { createBoundedStore, createFlights, type BoundedStore } from "@/lib/cache-core";
import { readConfig } from "@/server/config";

type Entry = {
  value: unknown;
  tags: readonly string[];
  tagVersions: number[];
  storedAt: number;
  maxAgeMs: number;
  /** Roughly what the value holds, measured as JSON; the heap copy is a small multiple of it. */
  bytes: number;
};

const MAX_ENTRIES = 5_000;
const config = readConfig();
// Well inside the server's heap limit (server/process/server-node-args.ts), whatever crawlers ask for.
const MAX_BYTES = config.DATA_CACHE_MAX_MB * 2 ** 20;
const MAX_AGE_MS = 10 * 60_000;
const RETRY_WHILE_DOWN_MS = 2_000;
// A frozen PostgreSQL accepts connections and never answers, and cannot enforce its own statement_timeout: after
// this long a read falls back to the value it had, and one with nothing to fall back to fails a little after the
// client-side query timeout (server/db/client.ts) should have.
const READ_FALLBACK_MS = config.DATABASE_READ_FALLBACK_MS;
const READ_TIMEOUT_MS = config.DATABASE_QUERY_TIMEOUT_MS + 1_000;
const ALL = "*";

type CacheState = {
  entries: BoundedStore<Entry>;
  inFlight: ReturnType<typeof createFlights<unknown>>;
  tagVersions: Map<string, number>;
  databaseDownSince: number | null;
  lastAttemptWhileDown: number;
  subscribed: boolean;
};

// Next bundles instrumentation, pages and route handlers separately; one state per process keeps them in agreement.
const globalForCache = globalThis as unknown as { __statuspageCacheState?: CacheState };
const state: CacheState = (globalForCache.__statuspageCacheState ??= {
  entries: createBoundedStore<Entry>({ maxEntries: MAX_ENTRIES, maxBytes: MAX_BYTES, sizeOf: (entry) => entry.bytes }),
  inFlight: createFlights<unknown>(),
  tagVersions: new Map(),
  databaseDownSince: null,
  lastAttemptWhileDown: 0,
  subscribed: false,
});
const { entries, inFlight, tagVersions } = state;

function versionOf(tag: string): number {
  return tagVersions.get(tag) ?? 0;
}

function isFresh(entry: Entry, now: number): boolean {
  if (now - entry.storedAt > entry.maxAgeMs) return false;
  return entry.tags.every((tag, index) => versionOf(tag) === entry.tagVersions[index]);
}

function measure(value: unknown): number {
  try {
    return JSON.stringify(value)?.length ?? 0;
  } catch {
    return 0;
  }
}

function ensureSubscribed() {
  if (state.subscribed) return;
  state.subscribed = true;
  subscribeToInvalidations((tags) => bumpTags(tags));
}

// Counted from the clock, so the versions of a restarted app are newer than any its front processes hold.
const versionHolder = globalThis as unknown as { __statuspageDataVersion?: number };
versionHolder.__statuspageDataVersion ??= Date.now();

/** The version of all public data in this process: it grows with every change, local or another instance's. */
export function currentDataVersion(): number {
  return versionHolder.__statuspageDataVersion ?? 0;
}

type TagListener = (tags: readonly string[]) => void;
const globalForListeners = globalThis as unknown as { __statuspageTagListeners?: Set<TagListener> };
const tagListeners = (globalForListeners.__statuspageTagListeners ??= new Set());

// The front processes keep whole responses until this number changes, so every invalidation bumps it.
function bumpTags(tags: readonly string[]) {
  for (const tag of tags) tagVersions.set(tag, versionOf(tag) + 1);
  bumpResponseVersion();
  for (const listener of tagListeners) listener(tags);
}

/** Calls `listener` after every invalidation this process applies, its own or another instance's; returns the unsubscribe. */
export function onTagsInvalidated(listener: TagListener): () => void {
  tagListeners.add(listener);
  return () => tagListeners.delete(listener);
}

/** Starts listening for other instances' invalidations; called once at server start. */
export function startCacheInvalidationListener() {
  ensureSubscribed();
}

function load<T>(key: string, tags: readonly string[], loader: () => Promise<T>, maxAgeMs: number): Promise<T> {
  const allTags = [...tags, ALL];
  const versionsAtStart = allTags.map(versionOf);
  // A load that began before an invalidation may return the old data: later callers start their own.
  const flightKey = `${key}\u0000${versionsAtStart.join(",")}`;
  return inFlight.run(flightKey, () =>
    loader()
      .then((value) => {
        if (state.databaseDownSince !== null) reportDatabaseReachable(true);
        // A load begun before an invalidation may finish after the one begun since: it must not replace it.
        const stored: Entry = {
          value,
          tags: allTags,
          tagVersions: versionsAtStart,
          storedAt: Date.now(),
          maxAgeMs,
          bytes: measure(value),
        };
        entries.set(key, stored, (current) =>
          current.tagVersions.some((version, index) => version > versionsAtStart[index]),
        );
        return value;
      })
      .catch((error: unknown) => {
        if (isDatabaseUnavailable(error)) {
          state.databaseDownSince ??= Date.now();
          state.lastAttemptWhileDown = Date.now();
        }
        throw error;
      }),
  ) as Promise<T>;
}

/**
 * Returns the cached value for `key`, loading it when a tag was invalidated since it was stored.
 * While PostgreSQL is unreachable, the last value is served instead of an error.
 */
export async function cached<T>(
  key: string,
  tags: readonly string[],
  loader: () => Promise<T>,
  { maxAgeMs = MAX_AGE_MS }: { maxAgeMs?: number } = {},
): Promise<T> {
  ensureSubscribed();
  const now = Date.now();
  const entry = entries.get(key);
  if (entry && isFresh(entry, now)) return entry.value as T;
  if (entry && state.databaseDownSince !== null && now - state.lastAttemptWhileDown < RETRY_WHILE_DOWN_MS) {
    return entry.value as T;
  }
  try {
    return await withinReadTime(load(key, tags, loader, maxAgeMs), entry);
  } catch (error) {
    if (entry && isDatabaseUnavailable(error)) return entry.value as T;
    throw error;
  }
}

class DatabaseNotAnswering extends Error {
  readonly code = "ETIMEDOUT";
  constructor() {
    super(`The database did not answer within ${READ_TIMEOUT_MS} ms.`);
  }
}

/** The load, or the last value when the database is too slow to answer; the load carries on and stores what it gets. */
function withinReadTime<T>(loading: Promise<T>, entry: Entry | undefined): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve, reject) => {
    timer = setTimeout(
      () => {
        if (!entry) return reject(new DatabaseNotAnswering());
        markDatabaseUnresponsive();
        resolve(entry.value as T);
      },
      entry ? READ_FALLBACK_MS : READ_TIMEOUT_MS,
    );
    timer.unref();
  });
  loading.catch(() => {});
  return Promise.race([loading, late]).finally(() => clearTimeout(timer));
}

function markDatabaseUnresponsive() {
  state.lastAttemptWhileDown = Date.now();
  if (state.databaseDownSince !== null) return;
  state.databaseDownSince = Date.now();
  bumpResponseVersion();
}

/** Marks entries stale in this process after a write committed; the write's transaction told the other instances. */
export function applyCommittedInvalidation(tags: readonly string[]) {
  if (tags.length > 0) bumpTags(tags);
}

/** Marks every entry carrying one of these tags as stale, here and on every other app instance (tests, scripts). */
export function invalidateTags(tags: readonly string[]) {
  if (tags.length === 0) return;
  bumpTags(tags);
  publishInvalidation(tags);
}

function bumpResponseVersion() {
  versionHolder.__statuspageDataVersion = (versionHolder.__statuspageDataVersion ?? 0) + 1;
  for (const listener of changeListeners) listener();
}

const globalForChangeListeners = globalThis as unknown as { __statuspageDataChangeListeners?: Set<() => void> };
const changeListeners = (globalForChangeListeners.__statuspageDataChangeListeners ??= new Set());

/** Calls `listener` after every change of public data, local or from another instance; returns the unsubscribe. */
export function onDataChange(listener: () => void): () => void {
  ensureSubscribed();
  changeListeners.add(listener);
  return () => changeListeners.delete(listener);
}

/**
 * Records what the database watchdog saw. A change of state re-renders whole responses (so pages
 * gain or lose their "may be out of date" note) while the data entries stay as they are.
 */
export function reportDatabaseReachable(reachable: boolean) {
  const wasDown = state.databaseDownSince !== null;
  if (reachable === !wasDown) return;
  state.databaseDownSince = reachable ? null : Date.now();
  state.lastAttemptWhileDown = Date.now();
  if (reachable) bumpTags([ALL]);
  else bumpResponseVersion();
}

/** True while the last attempt to reach PostgreSQL failed: pages then say they may be out of date. */
export function isServingStaleData(): boolean {
  return state.databaseDownSince !== null;
}

/** What the data cache holds, for tests and diagnostics. */
export function describeDataCache(): { entries: number; bytes: number } {
  return { entries: entries.size(), bytes: entries.bytes() };
}

export function clearCacheForTests() {
  entries.clear();
  inFlight.clear();
  tagVersions.clear();
  state.databaseDownSince = null;
}
