import { describe, expect, it } from "vitest";
import net from "node:net";
import { inject } from "vitest";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { findFreePort } from "../../scripts/lib/ports";
import { startApp } from "../support/start-app";

function expectOneClearMessage(output: string) {
  expect(output).not.toMatch(/^\s+at .+\(.+:\d+:\d+\)$/m);
  expect(output).toMatch(/✖ /);
}

describe("start-up errors", () => {
  it("an unreachable DATABASE_URL says which server could not be reached", async () => {
    const port = await findFreePort();
    const { code, output } = await startApp({
      DATABASE_URL: `postgresql://postgres@127.0.0.1:${port}/statuspage`,
      AUTH_SECRET: "x".repeat(32),
      PORT: String(await findFreePort()),
    });
    expect(code).toBe(1);
    expect(output).toContain(`Cannot reach PostgreSQL at 127.0.0.1:${port}/statuspage`);
    expectOneClearMessage(output);
  });

  it("a DATABASE_URL that is not PostgreSQL is refused", async () => {
    const { code, output } = await startApp({
      DATABASE_URL: "mysql://root@localhost/db",
      AUTH_SECRET: "x".repeat(32),
      PORT: String(await findFreePort()),
    });
    expect(code).toBe(1);
    expect(output).toContain("DATABASE_URL must be a PostgreSQL URL");
    expectOneClearMessage(output);
  });

  it("a database that does not exist is named", async () => {
    const url = new URL(inject("serverUrl"));
    url.pathname = "/no_such_database_here";
    const { code, output } = await startApp({
      DATABASE_URL: url.toString(),
      AUTH_SECRET: "x".repeat(32),
      PORT: String(await findFreePort()),
    });
    expect(code).toBe(1);
    expect(output).toContain("does not exist");
    expectOneClearMessage(output);
  });

  it("a missing secret with an external database explains how to make one", async () => {
    const { code, output } = await startApp({
      DATABASE_URL: inject("databaseUrl"),
      PORT: String(await findFreePort()),
    });
    expect(code).toBe(1);
    expect(output).toContain("AUTH_SECRET is not set");
    expect(output).toContain("openssl rand -base64 32");
    expectOneClearMessage(output);
  });

  it("a port already in use is named", async () => {
    const blocker = net.createServer();
    const port = await findFreePort();
    await new Promise<void>((resolve) => blocker.listen(port, "127.0.0.1", () => resolve()));
    try {
      const { code, output } = await startApp({
        DATABASE_URL: inject("databaseUrl"),
        AUTH_SECRET: "x".repeat(32),
        PORT: String(port),
      });
      expect(code).toBe(1);
      expect(output).toContain(`Port ${port} is already in use`);
      expectOneClearMessage(output);
    } finally {
      blocker.close();
    }
  });

  it("a PORT that is not a number is refused", async () => {
    const { code, output } = await startApp({
      DATABASE_URL: inject("databaseUrl"),
      AUTH_SECRET: "x".repeat(32),
      PORT: "eighty",
    });
    expect(code).toBe(1);
    expect(output).toContain("PORT must be a number");
    expectOneClearMessage(output);
  });

  it("a second start from the same folder names the running one and leaves its files alone", async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "statuspage-second-start-"));
    const runtime = JSON.stringify({
      pid: process.pid,
      publicUrl: "http://localhost:3000",
      databaseUrl: "postgresql://postgres:postgres@127.0.0.1:54329/statuspage",
      embeddedPort: 54329,
      startedAt: new Date().toISOString(),
    });
    await writeFile(path.join(dataDir, "runtime.json"), runtime);
    const { code, output } = await startApp({
      STATUSPAGE_DATA_DIR: dataDir,
      PORT: String(await findFreePort()),
      EMBEDDED_PG_PORT: String(await findFreePort()),
    });
    expect(code).toBe(1);
    expect(output).toContain(`Another \`npm start\` is already running from this folder (process ${process.pid}`);
    expect(output).toContain(`kill ${process.pid}`);
    expect(output).not.toContain("undefined");
    expectOneClearMessage(output);
    expect(await readFile(path.join(dataDir, "runtime.json"), "utf8")).toBe(runtime);
  });

  it("the tools say when the start that ran the embedded database is gone, in one line", async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "statuspage-gone-start-"));
    const ended = spawnSync(process.execPath, ["-e", ""]).pid;
    await writeFile(
      path.join(dataDir, "runtime.json"),
      JSON.stringify({ pid: ended, publicUrl: "http://localhost:3000", databaseUrl: "postgresql://x@127.0.0.1:1/db" }),
    );
    for (const script of ["scripts/migrate.ts", "scripts/import-statuspage.ts"]) {
      // Node leaves out variables whose value is undefined.
      const env = { ...process.env, STATUSPAGE_DATA_DIR: dataDir, DATABASE_URL: undefined };
      const result = spawnSync(
        process.execPath,
        ["--conditions=react-server", "--import", "tsx", script, "--page-url", "http://127.0.0.1:9/"],
        {
          cwd: path.resolve(__dirname, "../.."),
          env,
          encoding: "utf8",
        },
      );
      expect(result.status, script).toBe(1);
      expect(result.stderr, script).toContain(`(process ${ended}) is not running any more`);
      expectOneClearMessage(result.stderr);
    }
  });
});
