import { describe, expect, it } from "vitest";
import { createBoundedStore, createFlights } from "@/lib/cache-core";

describe("the bounded store both caches keep their entries in", () => {
  const store = () =>
    createBoundedStore<{ id: string; bytes: number; version: number }>({
      maxEntries: 3,
      maxBytes: 100,
      sizeOf: (v) => v.bytes,
    });

  it("drops the least recently used entries beyond the entry budget", () => {
    const s = store();
    for (const id of ["a", "b", "c", "d"]) s.set(id, { id, bytes: 1, version: 1 });
    expect(s.get("a")).toBeUndefined();
    expect(s.size()).toBe(3);
    s.set("b", { id: "b", bytes: 1, version: 2 });
    s.set("e", { id: "e", bytes: 1, version: 1 });
    expect(s.get("c")).toBeUndefined();
    expect(s.get("b")?.version).toBe(2);
  });

  it("keeps an entry that is read while new keys flood in: eviction is least recently used, not first stored", () => {
    const s = store();
    s.set("home", { id: "home", bytes: 1, version: 1 });
    for (let i = 0; i < 50; i++) {
      expect(s.get("home")?.id).toBe("home");
      s.set(`junk-${i}`, { id: `junk-${i}`, bytes: 1, version: 1 });
    }
    expect(s.get("home")?.id).toBe("home");
    expect(s.size()).toBe(3);
  });

  it("keeps within the byte budget, counting replacements and in-place resizes, and keeps one entry even if it alone is too big", () => {
    const s = store();
    s.set("a", { id: "a", bytes: 60, version: 1 });
    s.set("b", { id: "b", bytes: 60, version: 1 });
    expect(s.get("a")).toBeUndefined();
    expect(s.bytes()).toBe(60);
    const b = s.get("b")!;
    b.bytes = 20;
    s.resized("b", b);
    expect(s.bytes()).toBe(20);
    expect(s.set("huge", { id: "huge", bytes: 500, version: 1 })).toBe(true);
    expect(s.size()).toBe(1);
    expect(s.bytes()).toBe(500);
    s.clear();
    expect(s.bytes()).toBe(0);
  });

  it("never lets an older value replace a newer one", () => {
    const s = store();
    s.set("a", { id: "a", bytes: 1, version: 5 });
    const older = { id: "a", bytes: 1, version: 4 };
    expect(s.set("a", older, (current) => current.version > older.version)).toBe(false);
    expect(s.get("a")?.version).toBe(5);
  });
});

describe("flights", () => {
  it("share one load per key among everyone who asks while it runs, and start a new one after it ends", async () => {
    const flights = createFlights<number>();
    let loads = 0;
    let finish: (value: number) => void = () => {};
    const start = () => {
      loads++;
      return new Promise<number>((resolve) => (finish = resolve));
    };
    const first = flights.run("v1:/", start);
    const second = flights.run("v1:/", start);
    const otherVersion = flights.run("v2:/", () => Promise.resolve(2));
    finish(1);
    expect(await Promise.all([first, second, otherVersion])).toEqual([1, 1, 2]);
    expect(loads).toBe(1);
    await flights.idle();
    expect(flights.size()).toBe(0);
    void flights.run("v1:/", start);
    expect(loads).toBe(2);
    finish(3);
    await flights.idle();
  });
});
