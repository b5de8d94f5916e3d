import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { projectRoot } from "../../scripts/lib/project-root";

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["']([^"']+)["']/g;
const EXTENSIONS = ["", ".ts", ".tsx", ".js", ".mjs", ".cjs", "/index.ts", "/index.tsx", "/index.js"];

/** The project file an import names, or null for a package (or a file that does not exist). */
export function resolveImport(from: string, specifier: string): string | null {
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

/** Every file under `dir` (absolute paths). */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  );
}

/** Project-relative path with forward slashes. */
export function relativePath(file: string): string {
  return path.relative(projectRoot, file).split(path.sep).join("/");
}

/** The project files a source file imports. */
export function importsOf(file: string): string[] {
  return [...readFileSync(file, "utf8").matchAll(IMPORT)]
    .map(([, specifier]) => resolveImport(file, specifier))
    .filter((target): target is string => target !== null);
}

/** Every project file reachable from `entries` (project-relative), following imports; generated code is a leaf. */
export function reachableFiles(entries: string[]): string[] {
  const seen = new Set<string>();
  const queue = entries.map((file) => path.resolve(projectRoot, file)).filter((file) => /\.(tsx?|m?js)$/.test(file));
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (file.includes(`${path.sep}generated${path.sep}`)) continue;
    for (const target of importsOf(file)) if (!seen.has(target)) queue.push(target);
  }
  return [...seen].map(relativePath);
}
