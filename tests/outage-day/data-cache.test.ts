import { describe, expect, it } from "vitest";
import {
  cached,
  clearCacheForTests,
  describeDataCache,
  invalidateTags,
  isServingStaleData,
  onDataChange,
} from "@/server/cache/tagged-cache";

const MB = 2 ** 20;

describe("tagged data cache", () => {
  it("keeps what it holds within its byte budget, dropping the least recently used values", async () => {
    clearCacheForTests();
    const loads: string[] = [];
    const load = (key: string) =>
      cached(key, ["budget-test"], async () => {
        loads.push(key);
        return { key, text: "x".repeat(12 * MB) };
      });
    for (const key of ["a", "b", "c", "d"]) await load(key);
    expect(describeDataCache().bytes).toBeLessThanOrEqual(32 * MB);
    expect(describeDataCache().entries).toBe(2);

    await load("d");
    await load("c");
    expect(loads).toEqual(["a", "b", "c", "d"]);
    await load("a");
    expect(loads).toEqual(["a", "b", "c", "d", "a"]);
    clearCacheForTests();
    expect(describeDataCache()).toEqual({ entries: 0, bytes: 0 });
  });

  it("reloads a value once one of its tags is invalidated, and honours a shorter maximum age", async () => {
    clearCacheForTests();
    let loads = 0;
    const load = () => cached("age-test", ["age-tag"], async () => ++loads, { maxAgeMs: 50 });
    expect(await load()).toBe(1);
    expect(await load()).toBe(1);
    invalidateTags(["age-tag"]);
    expect(await load()).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(await load()).toBe(3);
  });

  it("starts a fresh load for a caller who arrives after an invalidation, even while an older load is running", async () => {
    clearCacheForTests();
    let row = "old";
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let loads = 0;
    const load = () =>
      cached("race-test", ["race-tag"], async () => {
        loads++;
        const seen = row;
        if (loads === 1) await gate;
        return seen;
      });
    const early = load();
    row = "new";
    invalidateTags(["race-tag"]);
    expect(await load()).toBe("new");
    release();
    expect(await early).toBe("old");
    expect(await load()).toBe("new");
    expect(loads).toBe(2);
  });

  it("answers with the last value within about a second when the database stops answering, and takes the late answer when it comes", async () => {
    clearCacheForTests();
    let release: (value: string) => void = () => {};
    let hang = false;
    let current = "before";
    const load = () =>
      cached("freeze-test", ["freeze-tag"], () =>
        hang ? new Promise<string>((resolve) => (release = resolve)) : Promise.resolve(current),
      );
    expect(await load()).toBe("before");
    let changes = 0;
    const stop = onDataChange(() => changes++);
    hang = true;
    invalidateTags(["freeze-tag"]);
    const changesBefore = changes;
    const started = performance.now();
    expect(await load()).toBe("before");
    const waited = performance.now() - started;
    expect(waited).toBeGreaterThanOrEqual(900);
    expect(waited).toBeLessThan(3_000);
    expect(isServingStaleData()).toBe(true);
    expect(changes).toBeGreaterThan(changesBefore);
    // While it is known to be unresponsive, readers get the last value at once instead of waiting again.
    const again = performance.now();
    expect(await load()).toBe("before");
    expect(performance.now() - again).toBeLessThan(200);

    hang = false;
    current = "after";
    release("after");
    await expect.poll(() => isServingStaleData()).toBe(false);
    expect(await load()).toBe("after");
    stop();
  });
});
