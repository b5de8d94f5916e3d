import { afterAll, describe, expect, it } from "vitest";
import { applyMigrations } from "../../scripts/lib/schema-engine";
import { hasConsoleUser, startBanner } from "../../scripts/lib/start-banner";
import { createScratchDatabase, withClient } from "../support/scratch-database";

describe("start banner", () => {
  const drops: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const drop of drops) await drop();
  });

  it("offers the owner set-up only while no user exists", async () => {
    const scratch = await createScratchDatabase("banner");
    drops.push(scratch.drop);
    await applyMigrations(scratch.url);
    const banner = async () =>
      startBanner({ publicUrl: "http://localhost:4123", hasUser: await hasConsoleUser(scratch.url), database: "test" });

    expect(await banner()).toContain("first run: create the owner account at http://localhost:4123/admin/setup");
    await withClient(scratch.url, (client) =>
      client.query(
        "insert into users (id, email, name, role, password_hash, updated_at) values ('u1', 'o@example.test', 'O', 'owner', 'x', now())",
      ),
    );
    const withOwner = await banner();
    expect(withOwner).toContain("Console:      http://localhost:4123/admin");
    expect(withOwner).not.toContain("first run");
    expect(withOwner).not.toContain("/admin/setup");
  });

  it("names the owner an unattended install creates", () => {
    expect(
      startBanner({ publicUrl: "http://x.test", hasUser: false, ownerEmail: "ops@example.test", database: "test" }),
    ).toContain("sign in as ops@example.test");
  });
});
