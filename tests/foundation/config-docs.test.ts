import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderConfigurationDoc, renderEnvExample } from "@/server/config/config-docs";
import { VARIABLES } from "@/server/config";

const root = path.resolve(__dirname, "../..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");

describe("configuration docs", () => {
  it("docs/configuration.md and .env.example are the schema's, as npm run config:docs writes them", () => {
    expect(read("docs/configuration.md"), "run `npm run config:docs`").toBe(renderConfigurationDoc());
    expect(read(".env.example"), "run `npm run config:docs`").toBe(renderEnvExample());
  });

  it("every variable has a table row, and every one an operator sets is in .env.example", () => {
    const doc = read("docs/configuration.md");
    const example = read(".env.example");
    for (const [name, variable] of Object.entries(VARIABLES)) {
      expect(doc).toContain(`| \`${name}\` |`);
      if (variable.group !== "Set by the server for its own processes")
        expect(example).toMatch(new RegExp(`^# ${name}=`, "m"));
    }
  });

  it("the README links to the generated reference instead of keeping a table of its own", () => {
    const readme = read("README.md");
    expect(readme).toContain("(docs/configuration.md)");
    expect(readme).not.toMatch(/^\| `DATA_CACHE_MAX_MB` \|/m);
  });
});
