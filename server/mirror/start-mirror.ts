import "server-only";
import os from "node:os";
import path from "node:path";
import { getEnv } from "@/server/env";
import { configFrom, readConfig, type ConfigSource } from "@/server/config";
import { isServingStaleData } from "@/server/cache/tagged-cache";
import { getMirrorConfig, type MirrorConfig } from "@/server/mirror/mirror-config";
import { createMirrorPublisher, type MirrorRenderer } from "@/server/mirror/mirror-publisher";
import { startMirrorRunner, type MirrorRunner } from "@/server/mirror/mirror-runner";
import { createFolderTarget } from "@/server/mirror/targets/folder-target";
import type { MirrorTarget } from "@/server/mirror/targets/mirror-target";
import { getMirrorInventory } from "@/server/queries/mirror-inventory";

const RENDER_TIMEOUT_MS = 30_000;

/** The folder and/or bucket; the AWS SDK is loaded only when a bucket is configured. */
export async function mirrorTargets(config: MirrorConfig): Promise<MirrorTarget[]> {
  const s3 = config.s3 ? [(await import("@/server/mirror/targets/s3-target")).createS3Target(config.s3)] : [];
  return [...(config.dir ? [createFolderTarget(config.dir)] : []), ...s3];
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
export function ownServerUrl(source?: ConfigSource): string {
  const { HOST, PORT } = configFrom(source);
  const host = HOST === "0.0.0.0" || HOST === "::" ? "127.0.0.1" : HOST;
  return `http://${host.includes(":") ? `[${host}]` : host}:${PORT}`;
}

/** Next's compiled assets, served by the mirror at /_next/static. */
export function nextStaticDir(root = process.cwd()): string {
  return path.join(root, readConfig().NEXT_DIST_DIR, "static");
}

export async function createConfiguredPublisher(
  config: MirrorConfig,
  render: MirrorRenderer,
  staticDir: string | null,
) {
  return createMirrorPublisher({
    targets: await mirrorTargets(config),
    render,
    inventory: getMirrorInventory,
    staticDir,
  });
}

const globalForMirror = globalThis as unknown as { statuspageMirror?: MirrorRunner | null };

/** Starts keeping the static mirror current from this process when STATIC_MIRROR_DIR or STATIC_MIRROR_S3_URL is set. */
export async function startStaticMirror({
  render,
  staticDir,
}: {
  render: MirrorRenderer;
  staticDir: string | null;
}): Promise<MirrorRunner | null> {
  if (globalForMirror.statuspageMirror !== undefined) return globalForMirror.statuspageMirror;
  const config = getMirrorConfig();
  if (!config) return (globalForMirror.statuspageMirror = null);
  globalForMirror.statuspageMirror = null;
  const publisher = await createConfiguredPublisher(config, render, staticDir);
  console.log(
    `Static mirror: publishing to ${[config.dir, config.s3 && `s3://${config.s3.bucket}/${config.s3.prefix}`].filter(Boolean).join(" and ")} when this instance holds the mirror lock.`,
  );
  globalForMirror.statuspageMirror = startMirrorRunner({
    publisher,
    databaseUrl: getEnv().DATABASE_URL,
    lockName: mirrorLockName(config),
    debounceMs: config.debounceMs,
    refreshMs: config.refreshMs,
    isDatabaseDown: isServingStaleData,
    onPublished: (report) => {
      if (report.uploaded.length + report.removed.length === 0) return;
      console.log(
        `[static mirror] rendered ${report.rendered}, wrote ${report.uploaded.length} and removed ${report.removed.length} in ${report.durationMs} ms (first wave ${report.firstWaveMs} ms)`,
      );
    },
  });
  return globalForMirror.statuspageMirror;
}
