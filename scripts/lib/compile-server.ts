// Compiles the production server's processes (server/process, server/front) to plain JavaScript beside the Next
// build, so the server runs on Node alone: no TypeScript loader at run time. Packages stay imports of node_modules;
// only the project's own modules ("@/…") are bundled in.
import path from "node:path";
import { buildSync } from "esbuild";

/** The compiled entry points, by the name of the file each becomes in `<distDir>/runtime/`. */
export const SERVER_ENTRIES = {
  primary: "server/process/primary.ts",
  "app-process": "server/process/app-process.ts",
  "front-process": "server/front/front-process.ts",
  "worker-process": "server/process/worker-process.ts",
} as const;

export type ServerEntry = keyof typeof SERVER_ENTRIES;

export function runtimeDirectory(root: string, distDir: string): string {
  return path.join(root, distDir, "runtime");
}

/** The compiled file of one process, for `node <file>`. */
export function runtimeEntry(root: string, distDir: string, entry: ServerEntry): string {
  return path.join(runtimeDirectory(root, distDir), `${entry}.mjs`);
}

export function compileServer(root: string, distDir: string): void {
  buildSync({
    absWorkingDir: root,
    entryPoints: Object.fromEntries(
      Object.entries(SERVER_ENTRIES).map(([name, file]) => [name, path.join(root, file)]),
    ),
    outdir: runtimeDirectory(root, distDir),
    outExtension: { ".js": ".mjs" },
    bundle: true,
    packages: "external",
    platform: "node",
    format: "esm",
    target: "node20",
    sourcemap: "linked",
    tsconfig: path.join(root, "tsconfig.json"),
    logLevel: "warning",
  });
}
