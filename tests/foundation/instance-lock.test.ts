import { describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { mkdtemp, readFile, readdir, writeFile } from "node:fs/promises";
import { existsSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { claimInstance, runningPostmaster } from "../../scripts/lib/instance-lock";
import { startEmbeddedPostgres } from "../../scripts/lib/embedded-postgres";
import { StartupError } from "../../scripts/lib/ports";
import { describeFailure } from "../../scripts/lib/describe-failure";

const tempDir = () => mkdtemp(path.join(os.tmpdir(), "statuspage-lock-"));

/** A process id that certainly ended: a child that has exited. */
function finishedPid(): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["-e", ""]);
    child.on("exit", () => resolve(child.pid!));
  });
}

/** The postmaster of the PostgreSQL server the tests run against (it runs on this machine). */
async function postgresPid(): Promise<number> {
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const comm = await readFile(`/proc/${entry}/comm`, "utf8").catch(() => "");
    if (comm.trim() === "postgres") return Number(entry);
  }
  throw new Error("No PostgreSQL process runs on this machine; the tests need the one on 127.0.0.1:5432.");
}

describe("one npm start per data folder", () => {
  it("a second claim while the first holder lives is refused with its process and address, and the file is kept", async () => {
    const file = path.join(await tempDir(), "runtime.json");
    const running = {
      pid: process.ppid,
      publicUrl: "http://localhost:3000",
      databaseUrl: "postgresql://postgres:postgres@127.0.0.1:54329/statuspage",
      embeddedPort: 54329,
      startedAt: new Date().toISOString(),
    };
    await writeFile(file, JSON.stringify(running));
    const claim = claimInstance(file, { publicUrl: "http://localhost:3101" });
    await expect(claim).rejects.toBeInstanceOf(StartupError);
    await expect(claim).rejects.toThrow(`process ${running.pid} at http://localhost:3000`);
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual(running);
  });

  it("a record left by a process that has ended is replaced", async () => {
    const file = path.join(await tempDir(), "runtime.json");
    await writeFile(file, JSON.stringify({ pid: await finishedPid(), publicUrl: "http://localhost:3000" }));
    const lock = await claimInstance(file, { publicUrl: "http://localhost:3000" });
    expect(JSON.parse(readFileSync(file, "utf8")).pid).toBe(process.pid);
    await lock.record({ databaseUrl: "postgresql://x@127.0.0.1:1/db" });
    expect(JSON.parse(readFileSync(file, "utf8")).databaseUrl).toBe("postgresql://x@127.0.0.1:1/db");
    await lock.release();
    expect(existsSync(file)).toBe(false);
  });

  it("two claims at the same moment: exactly one wins", async () => {
    const file = path.join(await tempDir(), "runtime.json");
    const results = await Promise.allSettled([
      claimInstance(file, { publicUrl: "a" }),
      claimInstance(file, { publicUrl: "b" }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
  });

  it("release leaves a record that another process has written since", async () => {
    const file = path.join(await tempDir(), "runtime.json");
    const lock = await claimInstance(file, { publicUrl: "http://localhost:3000" });
    const other = { pid: process.ppid, publicUrl: "http://localhost:3000" };
    await writeFile(file, JSON.stringify(other));
    await lock.release();
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual(other);
  });

  it("an embedded database folder that a live PostgreSQL holds is refused before anything starts", async () => {
    const dataDir = await tempDir();
    const pid = await postgresPid();
    await writeFile(path.join(dataDir, "postmaster.pid"), `${pid}\n${dataDir}\n`);
    expect(runningPostmaster(dataDir)).toBe(pid);
    const start = startEmbeddedPostgres({ dataDir, port: 1 });
    await expect(start).rejects.toThrow(`already in use by PostgreSQL (process ${pid})`);
  });
});

describe("describeFailure", () => {
  it("never says undefined", () => {
    for (const thrown of [undefined, null, "", {}, new Error(""), Object.assign(new Error(""), { code: "EACCES" })])
      expect(describeFailure(thrown)).not.toMatch(/undefined|\[object Object\]|^$/);
    expect(describeFailure(Object.assign(new Error("listen failed"), { code: "EACCES" }))).toBe(
      "listen failed (EACCES)",
    );
    expect(describeFailure({ message: "from a library" })).toBe("from a library");
  });
});
