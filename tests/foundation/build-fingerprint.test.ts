import { describe, expect, it } from "vitest";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { isBuildCurrent, isFingerprinted, recordBuildSources, sourceFingerprint } from "../../scripts/lib/build-app";
import { projectRoot } from "../../scripts/lib/project-root";
import { SERVER_ENTRIES, runtimeEntry } from "../../scripts/lib/compile-server";
import { filesUnder, reachableFiles } from "../support/import-graph";

/** Every project file the build (Next's, then the compiled server's) can reach from its entry points. */
function filesTheBuildReads(): string[] {
  return reachableFiles([
    ...filesUnder(path.join(projectRoot, "app")),
    ...["proxy.ts", "instrumentation.ts", "next.config.js", ...Object.values(SERVER_ENTRIES)],
  ]);
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
    expect(reached).toContain("server/front/resolve-client-address.ts");
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
      recordBuildSources(root, ".next");
      // A Next build without the compiled server is not a build `npm start` can run.
      expect(isBuildCurrent(root, ".next")).toBe(false);
      mkdirSync(path.dirname(runtimeEntry(root, ".next", "primary")));
      writeFileSync(runtimeEntry(root, ".next", "primary"), "");
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
