// `npm start` / `npm run dev`: checks the configuration, starts an embedded PostgreSQL when no DATABASE_URL is
// given, applies migrations, creates an empty page on first run, builds when the build is stale, then runs the compiled
// production server (server/process/primary.ts) or `next dev`, and stays only to stop the embedded database.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import type { ChildProcess } from "node:child_process";
import path from "node:path";
import pg from "pg";
import exitHook from "async-exit-hook";
import { applyMigrations } from "./lib/schema-engine";
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from "./lib/embedded-postgres";
import { buildApp, distDirectory, hasBuild, isBuildCurrent } from "./lib/build-app";
import { runtimeEntry } from "./lib/compile-server";
import { StartupError, assertPortFree } from "./lib/ports";
import { dataRoot, projectRoot, runtimeFile } from "./lib/database-url";
import { hasConsoleMail, hasConsoleUser, mailSetup, startBanner } from "./lib/start-banner";
import { claimInstance, type InstanceLock } from "./lib/instance-lock";
import { describeFailure } from "./lib/describe-failure";
import { EnvironmentError, readEnvironment } from "../server/environment";

const mode = process.argv[2] === "dev" ? "dev" : "start";
if (existsSync(path.join(projectRoot, ".env")) && typeof process.loadEnvFile === "function")
  process.loadEnvFile(path.join(projectRoot, ".env"));

let embedded: EmbeddedPostgresHandle | null = null;
let child: ChildProcess | null = null;
let shuttingDown = false;
let lock: InstanceLock | null = null;
/** What the launcher is doing, so an error that carries no message still says where it happened. */
let step = "checking the configuration";

function fail(message: string, hint?: string): never {
  console.error(`\n✖ ${message}${hint ? `\n  ${hint}` : ""}\n`);
  process.exit(1);
}

const HINTS: Record<string, string> = {
  AUTH_SECRET: "Generate one with: openssl rand -base64 32",
  DATABASE_URL: "Unset DATABASE_URL to use the embedded database instead.",
};

/** Validates every variable (server/config), so a mistake stops the start before anything runs; returns the port. */
function checkEnvironment(): number {
  try {
    return readEnvironment([]).PORT;
  } catch (error) {
    if (!(error instanceof EnvironmentError)) throw error;
    const hint = Object.entries(HINTS).find(([name]) => error.problems.some((problem) => problem.startsWith(name)));
    throw new StartupError(error.problems.join("\n  "), hint?.[1]);
  }
}

async function readSecret(usingEmbedded: boolean): Promise<string> {
  const secret = process.env.AUTH_SECRET ?? process.env.NEXTAUTH_SECRET;
  if (secret) {
    return secret;
  }
  if (!usingEmbedded) {
    throw new StartupError(
      "AUTH_SECRET is not set. It signs console sessions and is required with an external DATABASE_URL.",
      "Generate one with `openssl rand -base64 32` and set AUTH_SECRET in the environment or in .env.",
    );
  }
  const file = path.join(dataRoot, "auth-secret");
  const existing = await readFile(file, "utf8").catch(() => "");
  if (existing.trim()) return existing.trim();
  const generated = randomBytes(32).toString("base64url");
  await mkdir(dataRoot, { recursive: true });
  await writeFile(file, generated, { mode: 0o600 });
  return generated;
}

function describeDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
  } catch {
    return "(unparseable URL)";
  }
}

async function checkDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  const where = describeDatabaseUrl(url);
  try {
    await client.connect();
    await client.query("select 1");
  } catch (caught) {
    const error = caught as { code?: string; message?: string } | undefined;
    const code = error?.code;
    if (code === "3D000")
      throw new StartupError(
        `The database in DATABASE_URL (${where}) does not exist.`,
        "Create it first, for example: createdb statuspage",
      );
    if (code === "28P01" || code === "28000")
      throw new StartupError(
        `PostgreSQL at ${where} refused the user name or password in DATABASE_URL.`,
        "Check the credentials in DATABASE_URL.",
      );
    throw new StartupError(
      `Cannot reach PostgreSQL at ${where} (${code ?? error?.message ?? "no answer"}).`,
      "Check that the server is running and DATABASE_URL is right, or unset DATABASE_URL to use the embedded database.",
    );
  } finally {
    await client.end().catch(() => {});
  }
}

/** Creates an empty page (or, with SEED_DEMO=1, seeds the demo) when the database has no page yet; true when it did. */
async function ensurePageExists(url: string, { seedDemo }: { seedDemo: boolean }): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ count: number }>("select count(*)::int as count from page_settings");
  await client.end();
  if (rows[0].count > 0) return false;
  const result = spawnSync(process.execPath, ["--import", "tsx", "prisma/seed.ts", ...(seedDemo ? [] : ["--empty"])], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: url },
    stdio: "inherit",
  });
  if (result.status !== 0)
    throw new StartupError(
      seedDemo ? "Seeding the demo data failed (see above)." : "Creating the status page failed (see above).",
    );
  return true;
}

function ensureBuild() {
  if (isBuildCurrent()) return;
  console.log(
    hasBuild()
      ? "The sources changed since the last build; building again (npm run build)…"
      : "No production build found; building once (npm run build)…",
  );
  if (!buildApp()) throw new StartupError("`next build` failed (see above).");
}

function stopChild(): Promise<void> {
  return new Promise((resolve) => {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return resolve();
    const timer = setTimeout(() => {
      running.kill("SIGKILL");
      resolve();
    }, 8000);
    running.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    running.kill("SIGTERM");
  });
}

// embedded-postgres stops its server from an async-exit-hook on SIGINT/SIGTERM; ours stops Next first.
exitHook((done) => {
  shuttingDown = true;
  void stopChild()
    .then(() => lock?.release())
    .then(() => {
      if (embedded) console.log("Stopping the embedded PostgreSQL…");
    })
    .finally(done);
});

async function shutdown(code: number): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  await stopChild();
  await lock?.release();
  if (embedded) {
    await embedded
      .stop()
      .catch((error: Error) => console.error(`Stopping the embedded PostgreSQL failed: ${error.message}`));
    console.log("Stopped the embedded PostgreSQL.");
  }
  process.exit(code);
}

async function main() {
  const port = checkEnvironment();
  const externalUrl = process.env.DATABASE_URL;
  const publicUrl = process.env.PUBLIC_URL ?? `http://localhost:${port}`;
  step = "claiming this folder for one running instance";
  lock = await claimInstance(runtimeFile, { publicUrl });
  step = "reading the console's secret";
  const secret = await readSecret(!externalUrl);
  await assertPortFree(port, "the app (set PORT to another port)");

  let databaseUrl: string;
  if (externalUrl) {
    step = "checking DATABASE_URL";
    await checkDatabase(externalUrl);
    databaseUrl = externalUrl;
  } else {
    const pgPort = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
    const dataDir = path.join(dataRoot, "postgres");
    console.log(
      `Starting the embedded PostgreSQL (data in ${path.relative(process.cwd(), dataDir) || dataDir}, port ${pgPort})…`,
    );
    step = "starting the embedded PostgreSQL";
    embedded = await startEmbeddedPostgres({ dataDir, port: pgPort });
    databaseUrl = embedded.url;
    await lock.record({ databaseUrl, embeddedPort: pgPort });
  }

  step = "applying database migrations";
  const applied = await applyMigrations(databaseUrl);
  if (applied.length) console.log(`Applied ${applied.length} migration(s).`);
  step = "creating the status page";
  // An empty page unless SEED_DEMO=1: the owner picks the demo or an empty page at first-run set-up.
  const seedDemo = process.env.SEED_DEMO === "1";
  await ensurePageExists(databaseUrl, { seedDemo });

  step = "building the app";
  if (mode === "start") ensureBuild();

  step = "starting the server";
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: secret,
    NEXTAUTH_SECRET: secret,
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? publicUrl,
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(port),
  };
  const command =
    mode === "start"
      ? [runtimeEntry(projectRoot, distDirectory(), "primary")]
      : [
          path.join(projectRoot, "node_modules/next/dist/bin/next"),
          "dev",
          "-p",
          String(port),
          "-H",
          process.env.HOST ?? "0.0.0.0",
        ];
  const server = spawn(process.execPath, command, {
    cwd: projectRoot,
    env: { ...env, NODE_ENV: mode === "start" ? "production" : "development" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  child = server;
  let announced = false;
  server.stdout.on("data", (chunk: Buffer) => {
    process.stdout.write(chunk);
    if (!announced && /Ready|started server|Local:/i.test(String(chunk))) {
      announced = true;
      const database = embedded
        ? "embedded PostgreSQL, stopped with the app (Ctrl+C)"
        : describeDatabaseUrl(databaseUrl);
      const ownerEmail = process.env.OWNER_EMAIL && process.env.OWNER_PASSWORD ? process.env.OWNER_EMAIL : undefined;
      void Promise.all([hasConsoleUser(databaseUrl), hasConsoleMail(databaseUrl)]).then(([hasUser, consoleMail]) =>
        console.log(
          startBanner({ publicUrl, hasUser, ownerEmail, database, mail: mailSetup(process.env.SMTP_URL, consoleMail) }),
        ),
      );
    }
  });
  server.on("exit", (code) => void shutdown(code ?? 0));
}

main().catch(async (error: unknown) => {
  if (embedded) await embedded.stop().catch(() => {});
  await lock?.release().catch(() => {});
  if (error instanceof StartupError) fail(error.message, error.hint);
  fail(`Could not start: ${step} failed: ${describeFailure(error)}`);
});
