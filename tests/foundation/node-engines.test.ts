import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");
const manifest = (relative: string) =>
  JSON.parse(readFileSync(path.join(root, relative), "utf8")) as { engines?: { node?: string } };

describe("supported Node.js versions", () => {
  it("are the ones the strictest runtime dependency (Prisma) supports, and the README says so", () => {
    const ours = manifest("package.json").engines?.node;
    expect(ours).toBe(manifest("node_modules/prisma/package.json").engines?.node);
    expect(ours).toBe(manifest("node_modules/@prisma/client/package.json").engines?.node);
    const readme = readFileSync(path.join(root, "README.md"), "utf8");
    expect(readme).toContain(`Requires Node.js \`${ours}\``);
    expect(readme).toContain("EBADENGINE @prisma/streams-local");
  });
});
