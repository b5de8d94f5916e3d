// npm run mirror: renders every public page and file from the database into the static mirror
// (STATIC_MIRROR_DIR and/or STATIC_MIRROR_S3_URL), uploading only what changed; --force uploads everything.
import { readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { dataRoot, readDatabaseUrl } from "./lib/database-url";
import { startRenderServer } from "@/server/mirror/render-server";

async function main() {
  process.env.DATABASE_URL = await readDatabaseUrl();
  process.env.AUTH_SECRET ??=
    (await readFile(path.join(dataRoot, "auth-secret"), "utf8").catch(() => "")).trim() ||
    "static-mirror-renders-public-pages-only";
  process.env.STATUSPAGE_DISABLE_SCHEDULER = "1";
  const { getMirrorConfig } = await import("@/server/mirror/mirror-config");
  const config = getMirrorConfig();
  if (!config)
    throw new Error(
      "Set STATIC_MIRROR_DIR (a folder) and/or STATIC_MIRROR_S3_URL (s3://bucket/prefix) to say where the mirror goes.",
    );
  const { createConfiguredPublisher, loopbackRenderer, mirrorLockName, nextStaticDir } =
    await import("@/server/mirror/start-mirror");
  const { fullScope } = await import("@/server/mirror/mirror-scope");

  // A running publisher holds the lock: wait for it to finish its pass rather than write alongside it.
  const lock = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await lock.connect();
  const lockName = mirrorLockName(config);
  const { rows } = await lock.query<{ locked: boolean }>(
    "SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked",
    [lockName],
  );
  if (!rows[0]?.locked) {
    await lock.end();
    const { publishInvalidation } = await import("@/server/cache/invalidation-bus");
    publishInvalidation(["*"]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    console.log("A running worker or web instance publishes this mirror; it was asked to republish everything.");
    return;
  }
  const renderer = await startRenderServer();
  try {
    const publisher = await createConfiguredPublisher(config, loopbackRenderer(renderer.baseUrl), nextStaticDir());
    const report = await publisher.publish(fullScope(), { force: process.argv.includes("--force") });
    console.log(
      `Static mirror: rendered ${report.rendered} addresses, wrote ${report.uploaded.length} files, removed ${report.removed.length}, in ${(report.durationMs / 1000).toFixed(1)} s (version ${report.version}).`,
    );
    if (report.failed.length > 0) {
      console.error(`Could not render ${report.failed.length}:\n  ${report.failed.join("\n  ")}`);
      process.exitCode = 1;
    }
  } finally {
    await renderer.close();
    await lock.end();
  }
}

main()
  .catch((error: unknown) => {
    console.error(`✖ ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  })
  .finally(() => setTimeout(() => process.exit(process.exitCode ?? 0), 100).unref());
