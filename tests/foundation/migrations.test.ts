import { afterAll, describe, expect, it } from "vitest";
import type pg from "pg";
import { applyMigrations, diffSchemas, readSchema, readSnapshot } from "../../scripts/lib/schema-engine";
import { createScratchDatabase, withClient } from "../support/scratch-database";

const CATALOG_QUERIES = {
  columns: `select table_name, column_name, data_type, udt_name, is_nullable, column_default
            from information_schema.columns where table_schema = 'public' and table_name <> '_prisma_migrations'
            order by table_name, column_name`,
  indexes: `select tablename, indexname, indexdef from pg_indexes
            where schemaname = 'public' and tablename <> '_prisma_migrations' order by tablename, indexname`,
  constraints: `select conrelid::regclass::text as table_name, conname, contype, pg_get_constraintdef(oid) as definition
                from pg_constraint where connamespace = 'public'::regnamespace and contype <> 't'
                and conrelid::regclass::text <> '_prisma_migrations' order by 1, 2`,
  enums: `select t.typname, array_agg(e.enumlabel order by e.enumsortorder)::text as labels
          from pg_type t join pg_enum e on e.enumtypid = t.oid group by t.typname order by t.typname`,
};

async function describeCatalog(client: pg.Client) {
  const catalog: Record<string, unknown[]> = {};
  for (const [name, sql] of Object.entries(CATALOG_QUERIES)) catalog[name] = (await client.query(sql)).rows;
  return catalog;
}

const scratch: { drop(): Promise<void> }[] = [];
afterAll(async () => {
  await Promise.all(scratch.map((db) => db.drop()));
});

describe("migrations", () => {
  it("apply to an empty database, and a second run applies nothing", async () => {
    const db = await createScratchDatabase("migrate");
    scratch.push(db);
    const first = await applyMigrations(db.url);
    expect(first.length).toBeGreaterThan(0);
    expect(await applyMigrations(db.url)).toEqual([]);
    const recorded = await withClient(db.url, (c) =>
      c.query("select migration_name, finished_at from _prisma_migrations order by migration_name"),
    );
    expect(recorded.rows.map((r) => r.migration_name)).toEqual(first);
    expect(recorded.rows.every((r) => r.finished_at !== null)).toBe(true);
  });

  it("produce exactly the database that schema.prisma describes", async () => {
    const migrated = await createScratchDatabase("migrated");
    const fromSchema = await createScratchDatabase("fromschema");
    scratch.push(migrated, fromSchema);
    await applyMigrations(migrated.url);
    const sql = await diffSchemas(fromSchema.url, null, await readSchema());
    await withClient(fromSchema.url, (c) => c.query(sql));
    const [a, b] = await Promise.all([
      withClient(migrated.url, describeCatalog),
      withClient(fromSchema.url, describeCatalog),
    ]);
    expect(a).toEqual(b);
    // The one object schema.prisma cannot describe (so left out of the comparison above): the commit deadline check.
    const triggers = await withClient(migrated.url, (c) =>
      c.query("select tgname from pg_trigger where not tgisinternal and tgrelid = 'audit_log'::regclass"),
    );
    expect(triggers.rows.map((r) => r.tgname)).toEqual(["audit_log_commit_deadline"]);
  });

  it("leave the snapshot that `npm run db:migration` diffs from describing the same database as schema.prisma", async () => {
    const db = await createScratchDatabase("snapshot");
    scratch.push(db);
    const snapshot = await readSnapshot();
    expect(snapshot, "prisma/migrations/schema-snapshot.prisma is missing").not.toBeNull();
    const sql = await diffSchemas(db.url, snapshot, await readSchema());
    const hint =
      "schema-snapshot.prisma and schema.prisma describe different databases: write the migration with npm run db:migration -- <name>";
    expect(sql.trim(), hint).toMatch(/^(-- This is an empty migration\.)?$/);
  });
});
