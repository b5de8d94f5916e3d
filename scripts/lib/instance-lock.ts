// One `npm start` per data folder: its `runtime.json` is both the lock and what `db:*`, `mirror` and
// `import:statuspage` read to find the embedded database. A second start must leave it alone.
import { readFileSync } from "node:fs";
import { link, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { StartupError } from "./ports";

export type InstanceRecord = {
  pid: number;
  publicUrl: string;
  startedAt: string;
  databaseUrl?: string;
  embeddedPort?: number;
};

export type InstanceLock = {
  /** Adds what the tools need once the database is known. */
  record(update: Partial<InstanceRecord>): Promise<void>;
  /** Removes the lock, only if it is still this process's. */
  release(): Promise<void>;
};

/** True when `pid` is a live process (signal 0 checks without sending anything). */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export async function readInstanceRecord(file: string): Promise<InstanceRecord | null> {
  const text = await readFile(file, "utf8").catch(() => null);
  if (text === null) return null;
  try {
    const parsed = JSON.parse(text) as Partial<InstanceRecord>;
    return typeof parsed.pid === "number" ? (parsed as InstanceRecord) : null;
  } catch {
    return null;
  }
}

function describeRunning(running: InstanceRecord, file: string): StartupError {
  const where = running.publicUrl ? ` at ${running.publicUrl}` : "";
  const database = running.embeddedPort ? `, with its embedded PostgreSQL on port ${running.embeddedPort}` : "";
  return new StartupError(
    `Another \`npm start\` is already running from this folder (process ${running.pid}${where}${database}).`,
    [
      `Use that one, or stop it first (Ctrl+C in its terminal, or \`kill ${running.pid}\`).`,
      `Its tools keep working: npm run db:migrate, npm run mirror and npm run import:statuspage find it through ${file}.`,
      "For a second, separate instance, run it from another clone of the project.",
    ].join("\n  "),
  );
}

/**
 * Claims `file` for this process, atomically, so two starts cannot both win. A record left by a
 * process that is gone is replaced; a live one stops this start with a message naming it.
 */
export async function claimInstance(
  file: string,
  record: Omit<InstanceRecord, "pid" | "startedAt">,
): Promise<InstanceLock> {
  await mkdir(path.dirname(file), { recursive: true });
  const mine: InstanceRecord = { ...record, pid: process.pid, startedAt: new Date().toISOString() };
  // Written whole under a private name, then linked into place: link() fails if the file exists, and a reader never
  // sees a half-written record.
  const draft = `${file}.${process.pid}.${Date.now()}`;
  await writeFile(draft, JSON.stringify(mine), { mode: 0o600 });
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await link(draft, file);
        return lockFor(file, mine);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
      const running = await readInstanceRecord(file);
      if (running && isProcessAlive(running.pid)) throw describeRunning(running, file);
      await rm(file, { force: true });
    }
  } finally {
    await rm(draft, { force: true });
  }
  throw new StartupError(`Could not claim ${file}: another start keeps creating it at the same moment.`);
}

function lockFor(file: string, mine: InstanceRecord): InstanceLock {
  let current = mine;
  const stillMine = async () => (await readInstanceRecord(file))?.pid === mine.pid;
  return {
    async record(update) {
      current = { ...current, ...update, pid: mine.pid };
      if (await stillMine()) await writeFile(file, JSON.stringify(current), { mode: 0o600 });
    },
    async release() {
      if (await stillMine()) await rm(file, { force: true });
    },
  };
}

/** The PostgreSQL process running on `dataDir`, when its postmaster.pid names a live postgres; else null. */
export function runningPostmaster(dataDir: string): number | null {
  let pid: number;
  try {
    pid = Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
  } catch {
    return null;
  }
  if (!isProcessAlive(pid)) return null;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("postgres") ? pid : null;
  } catch {
    return pid;
  }
}
