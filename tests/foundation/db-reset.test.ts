import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { createScratchDatabase, withClient } from "../support/scratch-database";

function reset(url: string, ...args: string[]) {
  const env = { ...process.env, DATABASE_URL: url };
  return spawnSync(process.execPath, ["--import", "tsx", "scripts/migrate.ts", "reset", ...args], {
    cwd: path.resolve(__dirname, "../.."),
    env,
    encoding: "utf8",
  });
}

describe("npm run db:reset", () => {
  it("refuses while another connection (the running app) uses the database, and keeps the data", async () => {
    const scratch = await createScratchDatabase("db_reset");
    const app = new pg.Client({ connectionString: scratch.url });
    await app.connect();
    try {
      await app.query("create table kept (id int); insert into kept values (1)");
      const refused = reset(scratch.url);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain("1 other connection(s) use this database");
      expect(refused.stderr).toContain("--force");
      expect((await app.query("select count(*)::int as n from kept")).rows[0].n).toBe(1);
    } finally {
      await app.end();
    }
    const done = reset(scratch.url);
    expect(done.status, done.stderr).toBe(0);
    const tables = await withClient(scratch.url, (client) =>
      client.query("select 1 from information_schema.tables where table_name in ('kept', 'page_settings')"),
    );
    expect(tables.rowCount).toBe(1);
    await scratch.drop();
  });
});
