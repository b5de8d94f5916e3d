// What both caches are made of: the data cache of query results (server/cache/tagged-cache.ts, in the app process)
// and the whole-response cache (server/front/response-cache.ts, in each front process). Neither imports the other's
// world, so this module imports nothing.

export type BoundedStoreOptions<V> = {
  maxEntries: number;
  maxBytes: number;
  /** The bytes a value holds, counted against maxBytes. */
  sizeOf: (value: V) => number;
};

/**
 * A map bounded by entry count and by bytes, which drops the least recently used entries first: a flood of new keys
 * pushes out what nobody reads, never the pages everyone does.
 */
export function createBoundedStore<V>({ maxEntries, maxBytes, sizeOf }: BoundedStoreOptions<V>) {
  const entries = new Map<string, { value: V; bytes: number }>();
  let totalBytes = 0;

  function remove(key: string) {
    const entry = entries.get(key);
    if (!entry) return;
    totalBytes -= entry.bytes;
    entries.delete(key);
  }

  /**
   * Stores `value` under `key`, unless `isNewer(current)` says the stored value is newer: a load begun before a
   * change may finish after the one begun since, and must not replace it. Returns whether it stored.
   */
  function set(key: string, value: V, isNewer: (current: V) => boolean = () => false): boolean {
    const current = entries.get(key);
    if (current && isNewer(current.value)) return false;
    remove(key);
    const bytes = sizeOf(value);
    entries.set(key, { value, bytes });
    totalBytes += bytes;
    while (entries.size > maxEntries || (totalBytes > maxBytes && entries.size > 1))
      remove(entries.keys().next().value as string);
    return entries.get(key)?.value === value;
  }

  /** Records that the value stored under `key` changed size in place (a body recompressed smaller, say). */
  function resized(key: string, value: V) {
    const entry = entries.get(key);
    if (!entry || entry.value !== value) return;
    const bytes = sizeOf(value);
    totalBytes += bytes - entry.bytes;
    entry.bytes = bytes;
  }

  function clear() {
    entries.clear();
    totalBytes = 0;
  }

  // A Map iterates in insertion order: moving an entry to the end on every read keeps the least recently used first.
  function get(key: string): V | undefined {
    const entry = entries.get(key);
    if (!entry) return undefined;
    entries.delete(key);
    entries.set(key, entry);
    return entry.value;
  }

  return {
    get,
    set,
    resized,
    delete: remove,
    clear,
    size: () => entries.size,
    bytes: () => totalBytes,
  };
}

export type BoundedStore<V> = ReturnType<typeof createBoundedStore<V>>;

/**
 * One load per flight key at a time; whoever asks meanwhile shares it. Callers put the data version in the key, so a
 * load begun before a change is never handed to someone who asked after it.
 */
export function createFlights<T>() {
  const running = new Map<string, Promise<T>>();

  function run(flightKey: string, start: () => Promise<T>): Promise<T> {
    const pending = running.get(flightKey);
    if (pending) return pending;
    const flight = start().finally(() => running.delete(flightKey));
    running.set(flightKey, flight);
    return flight;
  }

  /** Resolves once nothing is in flight. */
  async function idle(): Promise<void> {
    while (running.size > 0) await Promise.allSettled([...running.values()]);
  }

  return {
    run,
    idle,
    has: (flightKey: string) => running.has(flightKey),
    size: () => running.size,
    clear: () => running.clear(),
  };
}
