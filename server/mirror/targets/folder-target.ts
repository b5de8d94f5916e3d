import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { MirrorTarget } from "@/server/mirror/targets/mirror-target";

function resolveInside(root: string, key: string): string {
  const file = path.resolve(root, key);
  if (file !== root && !file.startsWith(root + path.sep))
    throw new Error(`Refusing to write outside the mirror folder: ${key}`);
  return file;
}

/**
 * A folder any web server can serve. Every file is written beside its final name and renamed into place,
 * so a reader gets the old file or the new one, never part of one. Content types and cache headers are the
 * web server's job (docs/deployment.md, "The static mirror").
 */
export function createFolderTarget(directory: string): MirrorTarget {
  const root = path.resolve(directory);
  return {
    name: `folder ${root}`,
    async put(key, body) {
      const file = resolveInside(root, key);
      await mkdir(path.dirname(file), { recursive: true });
      const temporary = path.join(
        path.dirname(file),
        `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`,
      );
      try {
        await writeFile(temporary, body, { mode: 0o644 });
        await rename(temporary, file);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
    },
    async remove(key) {
      await rm(resolveInside(root, key), { force: true });
    },
    async read(key) {
      try {
        return await readFile(resolveInside(root, key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
    },
  };
}
