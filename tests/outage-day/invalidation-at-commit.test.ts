import { spawn } from "node:child_process";
import { once } from "node:events";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { TAGS } from "@/server/cache/tags";
import { commitMutation } from "@/server/cache/commit-mutation";
import { onTagsInvalidated } from "@/server/cache/tagged-cache";
import { getDb } from "@/server/db/client";
import { SYSTEM_ACTOR } from "@/server/services/context";
import { createComponent } from "@/server/services/components/create-component";

const CHANNEL = "statuspage_cache_invalidation";
const databaseUrl = inject("databaseUrl");

describe("cross-instance invalidation", () => {
  let listener: pg.Client;
  const received: { from: string; tags: string[] }[] = [];
  let onMessage: () => void = () => {};

  beforeAll(async () => {
    listener = new pg.Client({ connectionString: databaseUrl });
    await listener.connect();
    listener.on("notification", (message) => {
      received.push(JSON.parse(message.payload ?? "{}"));
      onMessage();
    });
    await listener.query(`LISTEN ${CHANNEL}`);
  });
  afterAll(() => listener.end());

  async function receivedUpTo(sentinel: string) {
    while (!received.some((message) => message.from === sentinel)) {
      await new Promise<void>((resolve) => (onMessage = resolve));
    }
    return received.splice(0);
  }

  it("is committed with the change, so a writer that dies right after its commit still tells the other instances", async () => {
    const child = spawn(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "tests/support/mutate-then-exit.ts", "Dies after commit"],
      { env: { ...process.env, DATABASE_URL: databaseUrl, STATUSPAGE_DISABLE_CACHE_BUS: "1" }, stdio: "inherit" },
    );
    const [code] = await once(child, "exit");
    expect(code).toBe(0);
    // NOTIFYs are delivered in commit order: once this one arrives, any the writer committed has arrived too.
    await listener.query("SELECT pg_notify($1, $2)", [CHANNEL, JSON.stringify({ from: "sentinel-1", tags: [] })]);
    const messages = await receivedUpTo("sentinel-1");
    const tags = messages.filter((message) => message.from !== "sentinel-1").flatMap((message) => message.tags);
    expect(tags).toEqual(expect.arrayContaining([TAGS.components, TAGS.componentHistory]));
  });

  it("announces a write made inside an outer transaction with that transaction's commit, and never when it rolls back", async () => {
    const applied: string[][] = [];
    const stopWatching = onTagsInvalidated((tags) => applied.push([...tags]));
    try {
      await expect(
        commitMutation(getDb(), async (tx) => {
          await createComponent({ ctx: { actor: SYSTEM_ACTOR, db: tx }, input: { name: "Rolled back" } });
          expect(applied).toEqual([]);
          throw new Error("the outer request failed after the write");
        }),
      ).rejects.toThrow("the outer request failed");
      await listener.query("SELECT pg_notify($1, $2)", [CHANNEL, JSON.stringify({ from: "sentinel-2", tags: [] })]);
      expect((await receivedUpTo("sentinel-2")).map((message) => message.from)).toEqual(["sentinel-2"]);
      expect(applied).toEqual([]);

      await commitMutation(getDb(), async (tx) => {
        await createComponent({ ctx: { actor: SYSTEM_ACTOR, db: tx }, input: { name: "Committed" } });
        expect(applied).toEqual([]);
        return { status: 201 };
      });
      await listener.query("SELECT pg_notify($1, $2)", [CHANNEL, JSON.stringify({ from: "sentinel-3", tags: [] })]);
      const announced = (await receivedUpTo("sentinel-3")).filter((message) => message.from !== "sentinel-3");
      expect(announced).toHaveLength(1);
      expect(announced[0].tags.sort()).toEqual([TAGS.componentHistory, TAGS.components].sort());
      expect(applied).toHaveLength(1);
    } finally {
      stopWatching();
    }
  });
});
