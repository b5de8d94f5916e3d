import "server-only";
import os from "node:os";
import path from "node:path";
import { getEnv } from "@/server/env";
import { isServingStaleData } from "@/server/cache/tagged-cache";
import { getMirrorConfig, type MirrorConfig } from "@/server/mirror/mirror-config";
import { createMirrorPublisher, type MirrorRenderer } from "@/server/mirror/mirror-publisher";
import { startMirrorRunner, type MirrorRunner } from "@/server/mirror/mirror-runner";
import { createFolderTarget } from "@/server/mirror/targets/folder-target";
import { createS3Target } from "@/server/mirror/targets/s3-target";
import type { MirrorTarget } from "@/server/mirror/targets/mirror-target";
import { getMirrorInventory } from "@/server/queries/mirror-inventory";

const RENDER_TIMEOUT_MS = 30_000;

export function mirrorTargets(config: MirrorConfig): MirrorTarget[] {
  return [...(config.dir ? [createFolderTarget(config.dir)] : []), ...(config.s3 ? [createS3Target(config.s3)] : [])];
}

/** One publisher per mirror: a folder is local to its machine, a bucket is shared by every instance. */
export function mirrorLockName(config: MirrorConfig): string {
  const parts = [
    config.dir ? `folder:${os.hostname()}:${path.resolve(config.dir)}` : "",
    config.s3 ? `s3:${config.s3.endpoint ?? "aws"}:${config.s3.bucket}/${config.s3.prefix}` : "",
  ];
  return `statuspage-mirror|${parts.join("|")}`;
}

/** Renders addresses by asking a Next server of this app on loopback. */
export function loopbackRenderer(baseUrl: string): MirrorRenderer {
  const base = baseUrl.replace(/\/$/, "");
  return (url) => fetch(`${base}${url}`, { redirect: "manual", signal: AbortSignal.timeout(RENDER_TIMEOUT_MS) });
}

/** This web instance's own address on loopback, where the in-process publisher renders pages (through the response cache). */
export function ownServerUrl(env: Record<string, string | undefined> = process.env): string {
  const host = !env.HOST || env.HOST === "0.0.0.0" || env.HOST === "::" ? "127.0.0.1" : env.HOST;
  return `http://${host.includes(":") ? `[${host}]` : host}:${env.PORT ?? 3000}`;
}

/** Next's compiled assets, served by the mirror at /_next/static. */
export function nextStaticDir(root = process.cwd()): string {
  return path.join(root, process.env.NEXT_DIST_DIR || ".next", "static");
}

export function createConfiguredPublisher(config: MirrorConfig, render: MirrorRenderer, staticDir: string | null) {
  return createMirrorPublisher({ targets: mirrorTargets(config), render, inventory: getMirrorInventory, staticDir });
}

const globalForMirror = globalThis as unknown as { statuspageMirror?: MirrorRunner | null };

/** Starts keeping the static mirror current from this process when STATIC_MIRROR_DIR or STATIC_MIRROR_S3_URL is set. */
export function startStaticMirror({ render, staticDir }: { render: MirrorRenderer; staticDir: string | null }): MirrorRunner | null {
  if (globalForMirror.statuspageMirror !== undefined) return globalForMirror.statuspageMirror;
  const config = getMirrorConfig();
  if (!config) return (globalForMirror.statuspageMirror = null);
  const targets = mirrorTargets(config);
  console.log(`Static mirror: publishing to ${targets.map((t) => t.name).join(" and ")} when this instance holds the mirror lock.`);
  globalForMirror.statuspageMirror = startMirrorRunner({
    publisher: createConfiguredPublisher(config, render, staticDir),
    databaseUrl: getEnv().DATABASE_URL,
    lockName: mirrorLockName(config),
    debounceMs: config.debounceMs,
    refreshMs: config.refreshMs,
    isDatabaseDown: isServingStaleData,
    onPublished: (report) => {
      if (report.uploaded.length + report.removed.length === 0) return;
      console.log(`[static mirror] rendered ${report.rendered}, wrote ${report.uploaded.length} and removed ${report.removed.length} in ${report.durationMs} ms (first wave ${report.firstWaveMs} ms)`);
    },
  });
  return globalForMirror.statuspageMirror;
}
