import path from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../../scripts/lib/project-root";
import { SERVER_ENTRIES } from "../../scripts/lib/compile-server";
import { filesUnder, importsOf, reachableFiles, relativePath } from "../support/import-graph";

const PRODUCT = ["app", "components", "lib", "server"];

describe("the tree shows the design", () => {
  it("the production server is built only from server/ and lib/, never from scripts/", () => {
    const reached = reachableFiles(Object.values(SERVER_ENTRIES));
    expect(reached).toContain("server/front/response-cache.ts");
    expect(reached.filter((file) => !/^(server|lib)\//.test(file))).toEqual([]);
  });

  it("no product module imports a command-line tool", () => {
    const arrows = PRODUCT.flatMap((dir) => filesUnder(path.join(projectRoot, dir)))
      .filter((file) => /\.(tsx?|m?js)$/.test(file) && !file.includes(`${path.sep}generated${path.sep}`))
      .flatMap((file) => importsOf(file).map((target) => [relativePath(file), relativePath(target)]))
      .filter(([, target]) => target.startsWith("scripts/"));
    expect(arrows).toEqual([]);
  });
});
