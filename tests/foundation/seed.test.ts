import { spawnSync } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/server/db/generated/client";
import { applyMigrations } from "../../scripts/lib/schema-engine";
import { seedDemo } from "../../prisma/seed-demo";
import { createScratchDatabase, withClient } from "../support/scratch-database";

describe("demo seed", () => {
  let drop: () => Promise<void> = async () => {};
  let db: PrismaClient | undefined;
  afterAll(async () => {
    await db?.$disconnect();
    await drop();
  });

  it("creates a lived-in status page once, and never twice, recording it in the audit log", async () => {
    const scratch = await createScratchDatabase("seed");
    drop = scratch.drop;
    await applyMigrations(scratch.url);
    db = new PrismaClient({ adapter: new PrismaPg({ connectionString: scratch.url }) });
    const now = new Date("2026-11-25T12:00:00Z");

    expect(await seedDemo(db, now)).toEqual({ seeded: true });
    expect(await db.pageSettings.count()).toBe(1);
    // No stored address: the page's address follows PUBLIC_URL / PORT until an owner sets one.
    expect((await db.pageSettings.findFirstOrThrow()).url).toBe("");
    // Chosen at start (SEED_DEMO=1), so the page counts as set up, and every row is the demo's, to remove in one go.
    expect(await db.pageSettings.findFirstOrThrow()).toMatchObject({ demo: true, setupCompletedAt: now });
    expect(await db.component.count({ where: { demo: false } })).toBe(0);
    expect(await db.componentGroup.count({ where: { demo: false } })).toBe(0);
    expect(await db.incident.count({ where: { demo: false } })).toBe(0);
    expect(await db.messageTemplate.count({ where: { demo: false } })).toBe(0);
    expect(await db.componentGroup.count()).toBe(3);
    expect(await db.component.count()).toBe(12);
    expect(
      await db.incident.count({
        where: { kind: "incident", status: { in: ["investigating", "identified", "monitoring"] } },
      }),
    ).toBe(1);
    expect(
      await db.incident.count({ where: { kind: "maintenance", status: "scheduled", scheduledFor: { gt: now } } }),
    ).toBe(1);
    expect(await db.postmortem.count({ where: { publishedAt: { not: null } } })).toBe(1);
    expect(await db.incidentRelation.count()).toBe(1);
    const past = await db.incident.findMany({
      where: { kind: "incident", startedAt: { gte: new Date(now.getTime() - 90 * 86_400_000) } },
    });
    expect(past.length).toBeGreaterThanOrEqual(10);
    const longest = await db.incident.findFirstOrThrow({ where: { status: "postmortem" }, include: { updates: true } });
    expect(longest.updates.length).toBeGreaterThanOrEqual(6);

    // The history is consistent: each component's changes chain old -> new, and end at its current status.
    const components = await db.component.findMany({ include: { statusChanges: { orderBy: { changedAt: "asc" } } } });
    for (const component of components) {
      const changes = component.statusChanges;
      expect(changes[0].fromStatus).toBeNull();
      for (let i = 1; i < changes.length; i++) expect(changes[i].fromStatus).toBe(changes[i - 1].toStatus);
      expect(changes[changes.length - 1].toStatus).toBe(component.status);
    }
    expect(components.find((c) => c.name === "macOS Jobs")?.status).toBe("degraded_performance");

    const [audit] = await db.auditLog.findMany({ where: { action: "page.seed_demo" } });
    expect(audit).toMatchObject({ actorLabel: "demo seed", entityType: "page", after: { components: 12 }, demo: true });

    expect(await seedDemo(db, now)).toEqual({ seeded: false });
    expect(await db.component.count()).toBe(12);
    expect(await db.auditLog.count({ where: { action: "page.seed_demo" } })).toBe(1);
  });

  it("npm start's empty page has no name, unless PAGE_NAME gives one", async () => {
    const scratch = await createScratchDatabase("seed_empty");
    try {
      await applyMigrations(scratch.url);
      const runSeed = (env: Record<string, string>) =>
        spawnSync(process.execPath, ["--import", "tsx", "prisma/seed.ts", "--empty"], {
          env: { ...process.env, PAGE_NAME: "", ...env, DATABASE_URL: scratch.url },
          encoding: "utf8",
        });
      expect(runSeed({}).status).toBe(0);
      const names = () =>
        withClient(scratch.url, async (client) => (await client.query("select name from page_settings")).rows);
      expect(await names()).toEqual([{ name: "" }]);
      await withClient(scratch.url, (client) => client.query("delete from page_settings"));
      expect(runSeed({ PAGE_NAME: "Acme" }).status).toBe(0);
      expect(await names()).toEqual([{ name: "Acme" }]);
    } finally {
      await scratch.drop();
    }
  });

  it("leaves nothing behind when it fails halfway, so the next start seeds the page whole", async () => {
    const scratch = await createScratchDatabase("seed_fail");
    await applyMigrations(scratch.url);
    const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: scratch.url }) });
    try {
      // The postmortem is written after the page, the components and most incidents.
      await withClient(scratch.url, (pgClient) =>
        pgClient.query(`
          CREATE FUNCTION refuse_postmortem() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN RAISE EXCEPTION 'no postmortems today'; END $$;
          CREATE TRIGGER refuse_postmortem BEFORE INSERT ON postmortems
            FOR EACH ROW EXECUTE FUNCTION refuse_postmortem();`),
      );
      await expect(seedDemo(client)).rejects.toThrow(/no postmortems today/);
      expect(await client.pageSettings.count()).toBe(0);
      expect(await client.component.count()).toBe(0);
      expect(await client.incident.count()).toBe(0);

      await withClient(scratch.url, (pgClient) => pgClient.query("DROP TRIGGER refuse_postmortem ON postmortems"));
      expect(await seedDemo(client)).toEqual({ seeded: true });
      expect(await client.component.count()).toBe(12);
    } finally {
      await client.$disconnect();
      await scratch.drop();
    }
  });
});
