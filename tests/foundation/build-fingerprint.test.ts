import { describe, expect, it } from "vitest";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { isBuildCurrent, recordBuildSources, sourceFingerprint } from "../../scripts/lib/build-app";

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
