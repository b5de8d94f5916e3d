import { afterEach, describe, expect, it } from "vitest";
import http from "node:http";
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { createLiveStreamHub, type LiveStreamOptions } from "@/server/live/live-stream-hub";
import { liveVersionOf } from "@/server/front/live-version-body";

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

async function startHub(options: Partial<LiveStreamOptions> & Pick<LiveStreamOptions, "computeVersion">) {
  const hub = createLiveStreamHub({ clientAddress: (req) => String(req.headers["x-test-client"] ?? "a"), ...options });
  const server = http.createServer((req, res) => void hub.handle(req, res));
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  cleanups.push(() => {
    hub.close();
    server.closeAllConnections();
    server.close();
  });
  return { hub, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

type Event = { id?: string; event?: string; data?: string; comment?: string; retry?: string };

/** A minimal EventSource over node:http that hands each parsed event to whoever waits for the next one. */
function connect(url: string, headers: Record<string, string> = {}) {
  const events: Event[] = [];
  const waiters: (() => void)[] = [];
  let buffer = "";
  const request = http.get(url, { headers: { accept: "text/event-stream", ...headers } });
  const response = new Promise<http.IncomingMessage>((resolve, reject) => {
    request.on("response", resolve);
    request.on("error", reject);
  });
  void response.then((res) => {
    res.setEncoding("utf8");
    res.on("data", (chunk: string) => {
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event: Event = {};
        for (const line of block.split("\n")) {
          if (line.startsWith(":")) event.comment = line.slice(1).trim();
          else {
            const [field, ...rest] = line.split(":");
            (event as Record<string, string>)[field] = rest.join(":").trim();
          }
        }
        events.push(event);
        waiters.splice(0).forEach((wake) => wake());
      }
    });
  });
  async function next(predicate: (event: Event) => boolean = (event) => event.event === "version"): Promise<Event> {
    for (;;) {
      const index = events.findIndex(predicate);
      if (index >= 0) return events.splice(0, index + 1)[index];
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  }
  return { response, next, events, close: () => request.destroy() };
}

function counterVersions() {
  const current = new Map<string, number>();
  return {
    computeVersion: async (key: string) => `${key || "home"}-v${current.get(key) ?? 1}`,
    bump: (key: string) => current.set(key, (current.get(key) ?? 1) + 1),
  };
}

describe("live stream hub", () => {
  it("opens with the current version, as an event id a reconnecting browser sends back", async () => {
    const versions = counterVersions();
    const { base } = await startHub(versions);
    const client = connect(`${base}/api/live/stream`);
    const res = await client.response;
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/event-stream/);
    expect(res.headers["cache-control"]).toContain("no-store");
    expect(res.headers["x-accel-buffering"]).toBe("no");
    const first = await client.next();
    expect(first.id).toBe("home-v1");
    expect(JSON.parse(first.data!)).toMatchObject({ version: "home-v1" });
    expect(client.events.length + 1).toBeGreaterThan(0);
    client.close();
  });

  it("pushes a change to every stream of the page it concerns, once, and nothing to the others", async () => {
    const versions = counterVersions();
    const { hub, base } = await startHub(versions);
    const home = [connect(`${base}/api/live/stream`), connect(`${base}/api/live/stream`)];
    const incident = connect(`${base}/api/live/stream?incident=inc_1`);
    for (const client of [...home, incident]) await client.next();

    versions.bump("inc_1");
    await hub.notifyChange();
    expect((await incident.next()).id).toBe("inc_1-v2");
    versions.bump("");
    await hub.notifyChange();
    for (const client of home) expect((await client.next()).id).toBe("home-v2");
    expect(incident.events.filter((event) => event.event === "version")).toHaveLength(0);
    expect(hub.stats()).toMatchObject({ connections: 3, keys: 2, broadcasts: 2 });
    [...home, incident].forEach((client) => client.close());
  });

  it("folds changes that arrive during a recomputation into one more pass", async () => {
    let version = 1;
    let computations = 0;
    const { hub, base } = await startHub({
      computeVersion: async () => {
        computations++;
        await new Promise((resolve) => setImmediate(resolve));
        return `v${version}`;
      },
    });
    const client = connect(`${base}/api/live/stream`);
    await client.next();
    computations = 0;
    version = 2;
    const first = hub.notifyChange();
    version = 3;
    for (let i = 0; i < 5; i++) void hub.notifyChange();
    await first;
    await hub.notifyChange();
    expect(computations).toBeLessThanOrEqual(3);
    const seen = [(await client.next()).id];
    if (seen[0] !== "v3") seen.push((await client.next()).id);
    expect(seen.at(-1)).toBe("v3");
    client.close();
  });

  it("refuses streams over the per-address and total limits with a status that tells the page to poll", async () => {
    const versions = counterVersions();
    const { hub, base } = await startHub({ ...versions, maxPerAddress: 2, maxConnections: 3 });
    const open = [connect(`${base}/api/live/stream`), connect(`${base}/api/live/stream`)];
    for (const client of open) await client.next();
    const overAddress = await fetch(`${base}/api/live/stream`, { headers: { "x-test-client": "a" } });
    expect(overAddress.status).toBe(429);
    expect(overAddress.headers.get("retry-after")).toBe("60");
    expect((await overAddress.json()).fallback).toContain("/api/live");
    const other = connect(`${base}/api/live/stream`, { "x-test-client": "b" });
    await other.next();
    const overTotal = await fetch(`${base}/api/live/stream`, { headers: { "x-test-client": "c" } });
    expect(overTotal.status).toBe(503);
    expect(overTotal.headers.get("retry-after")).toBe("30");
    expect(hub.stats()).toMatchObject({ connections: 3, refused: 2 });

    open[0].close();
    await expect.poll(() => hub.stats().connections).toBe(2);
    const again = connect(`${base}/api/live/stream`);
    expect((await again.response).statusCode).toBe(200);
    [...open, other, again].forEach((client) => client.close());
  });

  it("keeps idle streams alive with pings so proxies do not cut them and pages notice a dead link", async () => {
    const versions = counterVersions();
    const { base } = await startHub({ ...versions, heartbeatMs: 30 });
    const client = connect(`${base}/api/live/stream`);
    await client.next();
    expect((await client.next((event) => event.event === "ping")).data).toBe("{}");
    client.close();
  });

  it("answers a malformed incident id with 400 and never computes a version for it", async () => {
    let computed = 0;
    const { base } = await startHub({ computeVersion: async () => `v${++computed}` });
    const response = await fetch(`${base}/api/live/stream?incident=${encodeURIComponent("../../etc")}`);
    expect(response.status).toBe(400);
    expect(computed).toBe(0);
  });
});

describe("live stream hub when versions cannot be computed", () => {
  it("tries again shortly, so a change is not lost to a failed read", async () => {
    let failing = false;
    let version = 1;
    const { hub, base } = await startHub({
      computeVersion: async () => {
        if (failing) throw new Error("database unavailable");
        return `v${version}`;
      },
    });
    const client = connect(`${base}/api/live/stream`);
    await client.next();
    failing = true;
    version = 2;
    await hub.notifyChange();
    failing = false;
    expect((await client.next()).id).toBe("v2");
    client.close();
  });
});

describe("live stream hub against made-up incident ids", () => {
  it("moves streams for incidents that do not exist onto the home page's key, so they never multiply the keys", async () => {
    const versions = counterVersions();
    let computedJunk = 0;
    const { hub, base } = await startHub({
      computeVersion: async (key) => {
        if (key.startsWith("R")) {
          computedJunk++;
          return null;
        }
        return versions.computeVersion(key);
      },
    });
    const home = connect(`${base}/api/live/stream`);
    await home.next();
    const junk = Array.from({ length: 40 }, (_, i) => connect(`${base}/api/live/stream?incident=R${i}x${i}`));
    for (const client of junk) expect((await client.next()).id).toBe("home-v1");
    expect(hub.stats()).toMatchObject({ connections: 41, keys: 1 });

    computedJunk = 0;
    versions.bump("");
    await hub.notifyChange();
    expect((await home.next()).id).toBe("home-v2");
    for (const client of junk) expect((await client.next()).id).toBe("home-v2");
    expect(computedJunk).toBe(0);
    [home, ...junk].forEach((client) => client.close());
  });

  it("sends the home page's change while an incident page's version is still being computed", async () => {
    const versions = counterVersions();
    let releaseSlow: () => void = () => {};
    let slow = false;
    const { hub, base } = await startHub({
      computeVersion: async (key) => {
        if (key === "inc_slow" && slow) await new Promise<void>((resolve) => (releaseSlow = resolve));
        return versions.computeVersion(key);
      },
    });
    const home = connect(`${base}/api/live/stream`);
    const incident = connect(`${base}/api/live/stream?incident=inc_slow`);
    await home.next();
    await incident.next();
    slow = true;
    versions.bump("");
    versions.bump("inc_slow");
    const pass = hub.notifyChange();
    expect((await home.next()).id).toBe("home-v2");
    releaseSlow();
    await pass;
    expect((await incident.next()).id).toBe("inc_slow-v2");
    [home, incident].forEach((client) => client.close());
  });

  it("keeps sending the home page's changes while an incident page's version is stuck", async () => {
    const versions = counterVersions();
    let stuck = false;
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { hub, base } = await startHub({
      computeVersion: async (key) => {
        if (key === "inc_stuck" && stuck) await gate;
        return versions.computeVersion(key);
      },
    });
    const home = connect(`${base}/api/live/stream`);
    const incident = connect(`${base}/api/live/stream?incident=inc_stuck`);
    await home.next();
    await incident.next();
    stuck = true;
    for (const expected of ["home-v2", "home-v3", "home-v4"]) {
      versions.bump("");
      versions.bump("inc_stuck");
      await hub.notifyChange();
      expect((await home.next()).id).toBe(expected);
    }
    release();
    expect((await incident.next()).id).toBe("inc_stuck-v4");
    [home, incident].forEach((client) => client.close());
  });

  it("moves a made-up id's stream onto the home page even when its first version could not be computed", async () => {
    const versions = counterVersions();
    let busy = true;
    const { hub, base } = await startHub({
      computeVersion: async (key) => {
        if (!key.startsWith("R")) return versions.computeVersion(key);
        if (busy) throw new Error("render queue full");
        return null;
      },
    });
    const home = connect(`${base}/api/live/stream`);
    await home.next();
    const junk = connect(`${base}/api/live/stream?incident=Rjunk1`);
    await junk.response;
    busy = false;
    expect((await junk.next()).id).toBe("home-v1");
    expect(hub.stats()).toMatchObject({ connections: 2, keys: 1 });
    [home, junk].forEach((client) => client.close());
  });

  it("computes only a few new pages' first versions at once: beyond them a stream follows the home page", async () => {
    const versions = counterVersions();
    const asked: string[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { hub, base } = await startHub({
      maxPendingKeys: 2,
      computeVersion: async (key) => {
        if (!key) return versions.computeVersion(key);
        asked.push(key);
        await gate;
        return null;
      },
    });
    const home = connect(`${base}/api/live/stream`);
    await home.next();
    const pending = [connect(`${base}/api/live/stream?incident=R1`), connect(`${base}/api/live/stream?incident=R2`)];
    await Promise.all(pending.map((client) => client.response));
    await expect.poll(() => asked.length).toBe(2);
    const flood = Array.from({ length: 20 }, (_, i) => connect(`${base}/api/live/stream?incident=Rflood${i}`));
    for (const client of flood) expect((await client.next()).id).toBe("home-v1");
    expect(asked).toEqual(["R1", "R2"]);
    release();
    for (const client of pending) expect((await client.next()).id).toBe("home-v1");
    expect(hub.stats()).toMatchObject({ connections: 23, keys: 1 });
    [home, ...pending, ...flood].forEach((client) => client.close());
  });

  it("bounds the pages it follows at once: beyond them a new page's stream is told to poll", async () => {
    const versions = counterVersions();
    const { base } = await startHub({ ...versions, maxKeys: 2 });
    const open = [connect(`${base}/api/live/stream`), connect(`${base}/api/live/stream?incident=inc_1`)];
    for (const client of open) await client.next();
    const refused = await fetch(`${base}/api/live/stream?incident=inc_2`);
    expect(refused.status).toBe(503);
    expect(await refused.json()).toMatchObject({ fallback: "poll /api/live" });
    const sameKey = connect(`${base}/api/live/stream?incident=inc_1`);
    expect((await sameKey.next()).id).toBe("inc_1-v1");
    [...open, sameKey].forEach((client) => client.close());
  });

  it("never takes an answer without a version for one: no stream is sent `id: undefined`", () => {
    expect(() => liveVersionOf(Buffer.from("{}"), "")).toThrow(/no version/);
    expect(() => liveVersionOf(Buffer.from("<html>"), "")).toThrow(/not JSON/);
    expect(liveVersionOf(Buffer.from('{"version":"v1","incident":null}'), "R1")).toBeNull();
    expect(liveVersionOf(Buffer.from('{"version":"v1","incident":"inc_1"}'), "inc_1")).toBe("v1");
    expect(liveVersionOf(Buffer.from('{"version":"v1"}'), "")).toBe("v1");
  });
});
