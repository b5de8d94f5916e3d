// Builds the production app (Next, then the server's processes: compile-server.ts) and records which sources it was
// built from, so `npm start` rebuilds after an upgrade (`git pull`) instead of serving the previous version's build.
import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { projectRoot } from "./project-root";
import { compileServer, runtimeEntry } from "./compile-server";

const SOURCES = [
  "app",
  "components",
  "lib",
  "server",
  "types",
  "public",
  "prisma/schema.prisma",
  "instrumentation.ts",
  "proxy.ts",
  "next.config.js",
  "postcss.config.mjs",
  "tsconfig.json",
  "package-lock.json",
  "scripts/lib/compile-server.ts",
];
const SKIPPED_DIRECTORIES = new Set(["generated", "node_modules"]);
const STAMP = "statuspage-sources.sha256";

/** Whether a file (relative to the project, with forward slashes) is one whose change makes a build stale. */
export function isFingerprinted(relative: string): boolean {
  const parts = relative.split("/");
  if (parts.some((part) => SKIPPED_DIRECTORIES.has(part))) return false;
  return SOURCES.some((source) => relative === source || relative.startsWith(`${source}/`));
}

/** Files under `relative` (a file or a directory), sorted, skipping generated code. */
function listFiles(root: string, relative: string): string[] {
  const absolute = path.join(root, relative);
  if (!existsSync(absolute)) return [];
  if (!statSync(absolute).isDirectory()) return [relative];
  return readdirSync(absolute, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => (SKIPPED_DIRECTORIES.has(entry.name) ? [] : listFiles(root, path.join(relative, entry.name))));
}

/** A hash of every file the build reads, by path and content. */
export function sourceFingerprint(root: string = projectRoot): string {
  const hash = createHash("sha256");
  for (const source of SOURCES) {
    for (const file of listFiles(root, source)) {
      hash
        .update(file)
        .update("\0")
        .update(readFileSync(path.join(root, file)))
        .update("\0");
    }
  }
  return hash.digest("hex");
}

export function distDirectory(env: Record<string, string | undefined> = process.env): string {
  return env.NEXT_DIST_DIR || ".next";
}

export function hasBuild(root: string = projectRoot, distDir: string = distDirectory()): boolean {
  return existsSync(path.join(root, distDir, "BUILD_ID")) && existsSync(runtimeEntry(root, distDir, "primary"));
}

/** True when a build exists and was made from the sources as they are now. */
export function isBuildCurrent(root: string = projectRoot, distDir: string = distDirectory()): boolean {
  if (!hasBuild(root, distDir)) return false;
  try {
    return readFileSync(path.join(root, distDir, STAMP), "utf8").trim() === sourceFingerprint(root);
  } catch {
    return false;
  }
}

export function recordBuildSources(root: string = projectRoot, distDir: string = distDirectory()): void {
  writeFileSync(path.join(root, distDir, STAMP), `${sourceFingerprint(root)}\n`);
}

/**
 * Runs `next build`, compiles the server and records the sources; false when the build failed. Types are
 * `npm run lint`'s to check (tsc over the whole project), so the build skips its own, slower pass.
 */
export function buildApp(env: NodeJS.ProcessEnv = process.env): boolean {
  const result = spawnSync("npx", ["next", "build"], {
    cwd: projectRoot,
    stdio: "inherit",
    env: { ...env, NEXT_TELEMETRY_DISABLED: "1", BUILD_SKIP_TYPE_CHECK: "1" },
  });
  if (result.status !== 0) return false;
  compileServer(projectRoot, distDirectory(env));
  recordBuildSources(projectRoot, distDirectory(env));
  return true;
}
