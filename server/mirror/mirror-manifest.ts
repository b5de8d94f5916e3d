import { createHash } from "node:crypto";
import { MANIFEST_KEY } from "@/server/mirror/mirror-paths";
import type { MirrorTarget } from "@/server/mirror/targets/mirror-target";

/** What each published key held when it was last written: a fingerprint of its content. */
export type Manifest = Map<string, string>;

export async function readManifest(target: MirrorTarget): Promise<Manifest> {
  const body = await target.read(MANIFEST_KEY);
  if (!body) return new Map();
  try {
    const parsed = JSON.parse(body.toString("utf8")) as { files?: Record<string, string> };
    return new Map(Object.entries(parsed.files ?? {}));
  } catch {
    return new Map();
  }
}

export async function writeManifest(target: MirrorTarget, manifest: Manifest): Promise<void> {
  const files = Object.fromEntries([...manifest.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
  await target.put(MANIFEST_KEY, Buffer.from(JSON.stringify({ version: 1, files })), {
    contentType: "application/json",
    cacheControl: "no-store",
  });
}

/** Changes whenever any published page changes; what live.json announces, so open mirror pages reload. */
export function manifestVersion(manifest: Manifest): string {
  const hash = createHash("sha256");
  for (const [key, fingerprint] of [...manifest.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!key.endsWith(".html")) continue;
    hash.update(key).update("\0").update(fingerprint).update("\n");
  }
  return hash.digest("base64url").slice(0, 22);
}
