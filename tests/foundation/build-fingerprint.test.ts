import { describe, expect, it } from "vitest";
import {
  existsSync,
  mkdtempSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { isBuildCurrent, isFingerprinted, recordBuildSources, sourceFingerprint } from "../../scripts/lib/build-app";
import { projectRoot } from "../../scripts/lib/project-root";

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["']([^"']+)["']/g;
const EXTENSIONS = ["", ".ts", ".tsx", ".js", ".mjs", ".cjs", "/index.ts", "/index.tsx", "/index.js"];

/** The project file an import names, or null for a package (or a file that does not exist). */
function resolveImport(from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/")
    ? path.join(projectRoot, specifier.slice(2))
    : specifier.startsWith(".")
      ? path.resolve(path.dirname(from), specifier)
      : null;
  if (!base) return null;
  for (const extension of EXTENSIONS) {
    const candidate = `${base}${extension}`;
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  );
}

/** Every project file the Next build can reach from its entry points, following imports. */
function filesTheBuildReads(): string[] {
  const entries = [
    ...filesUnder(path.join(projectRoot, "app")),
    ...["proxy.ts", "instrumentation.ts", "next.config.js"].map((file) => path.join(projectRoot, file)),
  ];
  const seen = new Set<string>();
  const queue = entries.filter((file) => /\.(tsx?|m?js)$/.test(file));
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (file.includes(`${path.sep}generated${path.sep}`)) continue;
    for (const [, specifier] of readFileSync(file, "utf8").matchAll(IMPORT)) {
      const target = resolveImport(file, specifier);
      if (target && !seen.has(target)) queue.push(target);
    }
  }
  return [...seen].map((file) => path.relative(projectRoot, file).split(path.sep).join("/"));
}

function project() {
  const root = mkdtempSync(path.join(os.tmpdir(), "statuspage-fingerprint-"));
  mkdirSync(path.join(root, "app"), { recursive: true });
  mkdirSync(path.join(root, "server/db/generated"), { recursive: true });
  writeFileSync(path.join(root, "app/page.tsx"), "export default function Page() { return null; }");
  writeFileSync(path.join(root, "server/db/generated/client.ts"), "generated");
  writeFileSync(path.join(root, "package-lock.json"), "{}");
  return root;
}

describe("build fingerprint", () => {
  it("covers every project file the Next build reads, so a change to any of them rebuilds", () => {
    // scripts/lib/client-address.ts was bundled but not fingerprinted: a changed header name reached the fronts while
    // a stale build read the old one, and every client address became "unknown".
    const reached = filesTheBuildReads();
    expect(reached).toContain("server/http/client-address.ts");
    expect(reached.length).toBeGreaterThan(100);
    // The generated Prisma client is made from prisma/schema.prisma, which stands for it.
    expect(isFingerprinted("prisma/schema.prisma")).toBe(true);
    const sources = reached.filter((file) => !file.includes("/generated/"));
    expect(sources.filter((file) => !isFingerprinted(file))).toEqual([]);
  });

  it("says a build is current only until a source file changes, appears or disappears", () => {
    const root = project();
    try {
      expect(isBuildCurrent(root, ".next")).toBe(false);
      mkdirSync(path.join(root, ".next"));
      writeFileSync(path.join(root, ".next/BUILD_ID"), "abc");
      expect(isBuildCurrent(root, ".next")).toBe(false);
      recordBuildSources(root, ".next");
      expect(isBuildCurrent(root, ".next")).toBe(true);

      writeFileSync(path.join(root, "app/page.tsx"), "export default function Page() { return 'v2'; }");
      expect(isBuildCurrent(root, ".next")).toBe(false);
      recordBuildSources(root, ".next");
      writeFileSync(path.join(root, "app/new-route.ts"), "export {}");
      expect(isBuildCurrent(root, ".next")).toBe(false);
      rmSync(path.join(root, "app/new-route.ts"));
      expect(isBuildCurrent(root, ".next")).toBe(true);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("ignores generated code and files the build does not read", () => {
    const root = project();
    try {
      const before = sourceFingerprint(root);
      writeFileSync(path.join(root, "server/db/generated/client.ts"), "regenerated");
      writeFileSync(path.join(root, "README.md"), "docs");
      expect(sourceFingerprint(root)).toBe(before);
      writeFileSync(path.join(root, "package-lock.json"), '{"lockfileVersion":3}');
      expect(sourceFingerprint(root)).not.toBe(before);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
