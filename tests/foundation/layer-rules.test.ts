import { readdirSync } from "node:fs";
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");
const SOURCE = /\.(tsx?|mts|m?js)$/;
/** Tests and e2e specs sit on top and may import any layer; nothing else is exempt. */
const LAYERED = ["app", "components", "lib", "server", "scripts", "prisma"];

function sourcesUnder(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return relative === "server/db/generated" ? [] : sourcesUnder(relative);
    return SOURCE.test(entry.name) && !entry.name.endsWith(".d.ts") ? [relative] : [];
  });
}

describe("the layer rules", () => {
  it("cover every source file outside tests and e2e, so a new folder cannot skip them", async () => {
    const eslint = new ESLint({ cwd: root });
    const files = [...LAYERED.flatMap(sourcesUnder), "proxy.ts", "instrumentation.ts"];
    const uncovered: string[] = [];
    for (const file of files) {
      const config = (await eslint.calculateConfigForFile(file)) as { rules?: Record<string, unknown[]> };
      if (config.rules?.["no-restricted-imports"]?.[0] !== 2) uncovered.push(file);
    }
    expect(files.length).toBeGreaterThan(300);
    expect(uncovered).toEqual([]);
  });
});
