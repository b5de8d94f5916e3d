import { describe, expect, it } from "vitest";
import net from "node:net";
import { inject } from "vitest";
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
});
