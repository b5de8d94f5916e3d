import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { mapLimit, precompress } from "@/server/mirror/compress";
import { bytesFingerprint, htmlFingerprint, prepareMirrorHtml } from "@/server/mirror/mirror-html";
import { manifestVersion, readManifest, writeManifest, type Manifest } from "@/server/mirror/mirror-manifest";
import {
  LIVE_KEY,
  NOT_FOUND_KEY,
  cacheControlFor,
  contentTypeFor,
  isHtmlKey,
  mirrorKey,
} from "@/server/mirror/mirror-paths";
import { CONTENT_TYPES, isCompleteAnswerType } from "@/lib/public-routes";
import { urlsForScope, type MirrorScope } from "@/server/mirror/mirror-scope";
import type { MirrorTarget } from "@/server/mirror/targets/mirror-target";
import type { MirrorInventory } from "@/server/queries/mirror-inventory";

/** Renders one public address with the app's own code (in production: a request to a Next server on loopback). */
export type MirrorRenderer = (url: string) => Promise<Response>;

export type PublishReport = {
  rendered: number;
  /** Keys written (each with its .br and .gz copies), in order, on any target. */
  uploaded: string[];
  removed: string[];
  /** Addresses that could not be rendered; they keep their last published copy. */
  failed: string[];
  version: string;
  /** How long until the first wave (home page, changed incidents, JSON API, feeds) was written. */
  firstWaveMs: number;
  durationMs: number;
};

export type PublishOptions = {
  /** Write every file, whatever the manifest says. */
  force?: boolean;
  /**
   * Called between slices of a pass: the changes made meanwhile, which join it (their first wave next, the rest
   * with what remains), so a change never waits for the long tail of another.
   */
  takeChanges?: () => MirrorScope | null;
};

type Rendered =
  { key: string; body: Buffer; fingerprint: string } | { key: string; missing: true } | { key: string; failed: string };

// Rendered with a 404 status and kept: the page a static host shows for unknown addresses.
const NOT_FOUND_URL = "/.statuspage-mirror/not-found";
const RENDER_CONCURRENCY = 4;
const UPLOAD_CONCURRENCY = 8;
// The long tail is published in slices, so a change made during a full pass need not wait for all of it.
const REST_CHUNK = 32;

async function listFiles(directory: string, prefix = ""): Promise<string[]> {
  const entries = await readdir(path.join(directory, prefix), { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(
    entries.map((entry) => {
      const relative = path.posix.join(prefix, entry.name);
      return entry.isDirectory() ? listFiles(directory, relative) : Promise.resolve([relative]);
    }),
  );
  return nested.flat();
}

export type MirrorPublisherOptions = {
  targets: MirrorTarget[];
  render: MirrorRenderer;
  inventory: () => Promise<MirrorInventory>;
  /** Next's build output (`.next/static`), uploaded as /_next/static before any page that refers to it. */
  staticDir: string | null;
  now?: () => Date;
};

export function createMirrorPublisher({
  targets,
  render,
  inventory,
  staticDir,
  now = () => new Date(),
}: MirrorPublisherOptions) {
  const manifests = new Map<MirrorTarget, Manifest>();

  async function manifestOf(target: MirrorTarget): Promise<Manifest> {
    let manifest = manifests.get(target);
    if (!manifest) {
      manifest = await readManifest(target);
      manifests.set(target, manifest);
    }
    return manifest;
  }

  async function renderOne(url: string): Promise<Rendered> {
    const key = url === NOT_FOUND_URL ? NOT_FOUND_KEY : mirrorKey(url);
    let response: Response;
    try {
      response = await render(url);
    } catch (error) {
      return { key, failed: `${url}: ${error instanceof Error ? error.message : String(error)}` };
    }
    const expectedStatus = url === NOT_FOUND_URL ? 404 : 200;
    if (response.status === 404 && url !== NOT_FOUND_URL) {
      await response.body?.cancel();
      return { key, missing: true };
    }
    if (response.status !== expectedStatus) {
      await response.body?.cancel();
      return { key, failed: `${url}: HTTP ${response.status}` };
    }
    const contentType = response.headers.get("content-type");
    // Anything else (the empty `{}` Next sends for a prefetch, an error page) must never replace a published file.
    const complete =
      url === NOT_FOUND_URL ? CONTENT_TYPES.html.test(contentType ?? "") : isCompleteAnswerType(url, contentType);
    if (!complete) {
      await response.body?.cancel();
      return { key, failed: `${url}: answered ${contentType ?? "no content type"}, not what ${key} is published as` };
    }
    const raw = Buffer.from(await response.arrayBuffer());
    if (!isHtmlKey(key)) return { key, body: raw, fingerprint: bytesFingerprint(raw) };
    const html = prepareMirrorHtml(raw.toString("utf8"));
    return { key, body: Buffer.from(html), fingerprint: htmlFingerprint(html) };
  }

  async function putWithCopies(target: MirrorTarget, key: string, body: Buffer) {
    const contentType = contentTypeFor(key);
    const cacheControl = cacheControlFor(key);
    const copies = await precompress(body, contentType);
    if (copies) {
      await target.put(`${key}.br`, copies.br, { contentType, cacheControl, contentEncoding: "br" });
      await target.put(`${key}.gz`, copies.gzip, { contentType, cacheControl, contentEncoding: "gzip" });
    }
    await target.put(key, body, { contentType, cacheControl });
  }

  async function removeWithCopies(target: MirrorTarget, key: string) {
    await target.remove(key);
    await target.remove(`${key}.br`);
    await target.remove(`${key}.gz`);
  }

  /** Writes what changed on one target: other files before pages, so no page refers to something not yet there. */
  async function upload(
    target: MirrorTarget,
    files: Extract<Rendered, { body: Buffer }>[],
    force: boolean,
    uploaded: Set<string>,
  ) {
    const manifest = await manifestOf(target);
    const changed = files.filter((file) => force || manifest.get(file.key) !== file.fingerprint);
    for (const pages of [false, true]) {
      await mapLimit(
        changed.filter((file) => isHtmlKey(file.key) === pages),
        UPLOAD_CONCURRENCY,
        async (file) => {
          await putWithCopies(target, file.key, file.body);
          manifest.set(file.key, file.fingerprint);
          uploaded.add(file.key);
        },
      );
    }
    return changed.length;
  }

  async function uploadStaticAssets(target: MirrorTarget, force: boolean, uploaded: Set<string>) {
    if (!staticDir) return;
    const manifest = await manifestOf(target);
    const files = await listFiles(staticDir);
    await mapLimit(files, UPLOAD_CONCURRENCY, async (relative) => {
      const key = `_next/static/${relative}`;
      const body = await readFile(path.join(staticDir, relative));
      const fingerprint = bytesFingerprint(body);
      if (!force && manifest.get(key) === fingerprint) return;
      await putWithCopies(target, key, body);
      manifest.set(key, fingerprint);
      uploaded.add(key);
    });
  }

  async function writeLive(target: MirrorTarget, generatedAt: Date, uploaded: Set<string>): Promise<string> {
    const manifest = await manifestOf(target);
    const version = manifestVersion(manifest);
    const body = Buffer.from(JSON.stringify({ version, generated_at: generatedAt.toISOString() }));
    await target.put(LIVE_KEY, body, {
      contentType: contentTypeFor(LIVE_KEY),
      cacheControl: cacheControlFor(LIVE_KEY),
    });
    manifest.set(LIVE_KEY, version);
    uploaded.add(LIVE_KEY);
    return version;
  }

  /** Renders the scope's addresses and writes what changed to every target: assets, then files, then pages, then live.json. */
  async function publish(
    scope: MirrorScope,
    { force = false, takeChanges }: PublishOptions = {},
  ): Promise<PublishReport> {
    const started = performance.now();
    const stock = await inventory();
    const { first, rest } = urlsForScope(scope, stock, now());
    if (scope.full) rest.push(NOT_FOUND_URL);
    const uploaded = new Set<string>();
    const missing = new Set<string>();
    const removed = new Set<string>();
    const failed: string[] = [];
    let rendered = 0;
    let version = "";
    let firstWaveMs = 0;

    if (scope.full) await Promise.all(targets.map((target) => uploadStaticAssets(target, force, uploaded)));
    const urgent: string[][] = [first];
    let remaining = rest;
    const addresses = new Set([...first, ...rest]);
    for (let index = 0; urgent.length > 0 || remaining.length > 0; index++) {
      const changes = index > 0 ? takeChanges?.() : null;
      if (changes) {
        const more = urlsForScope(changes, stock, now());
        urgent.push(more.first);
        // Addresses already published in this pass are published again: the change came after them.
        const waiting = new Set(remaining);
        remaining = [...remaining, ...more.rest.filter((url) => !waiting.has(url))];
        for (const url of [...more.first, ...more.rest]) addresses.add(url);
      }
      const wave = urgent.shift() ?? remaining.splice(0, REST_CHUNK);
      if (wave.length === 0) continue;
      const results = await mapLimit(wave, RENDER_CONCURRENCY, renderOne);
      rendered += results.length;
      const files = results.filter((r): r is Extract<Rendered, { body: Buffer }> => "body" in r);
      failed.push(...results.flatMap((r) => ("failed" in r ? [r.failed] : [])));
      const versions = await Promise.all(
        targets.map(async (target) => {
          const changed = await upload(target, files, force, uploaded);
          const manifest = await manifestOf(target);
          if (changed > 0 || force || !manifest.has(LIVE_KEY)) return writeLive(target, now(), uploaded);
          return manifest.get(LIVE_KEY) ?? "";
        }),
      );
      version = versions[0] ?? "";
      for (const result of results) if ("missing" in result) missing.add(result.key);
      if (index === 0) firstWaveMs = Math.round(performance.now() - started);
    }

    const produced = new Set([...addresses].map((url) => (url === NOT_FOUND_URL ? NOT_FOUND_KEY : mirrorKey(url))));
    await Promise.all(
      targets.map(async (target) => {
        const manifest = await manifestOf(target);
        // After a full pass, anything no longer published (a deleted incident or component) goes too; assets stay for cached pages.
        const gone = [
          ...missing,
          ...(scope.full
            ? [...manifest.keys()].filter((key) => !produced.has(key) && key !== LIVE_KEY && !key.startsWith("_next/"))
            : []),
        ];
        const present = gone.filter((key) => manifest.has(key));
        for (const key of present) {
          await removeWithCopies(target, key);
          manifest.delete(key);
          removed.add(key);
        }
        if (present.length > 0) version = await writeLive(target, now(), uploaded);
        if (uploaded.size > 0 || present.length > 0) await writeManifest(target, manifest);
      }),
    );
    return {
      rendered,
      uploaded: [...uploaded],
      removed: [...removed],
      failed,
      version,
      firstWaveMs,
      durationMs: Math.round(performance.now() - started),
    };
  }

  return { publish };
}

export type MirrorPublisher = ReturnType<typeof createMirrorPublisher>;
