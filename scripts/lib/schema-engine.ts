// Prisma's migrations run through its WebAssembly schema engine, because the CLI's native engine
// cannot be downloaded on offline machines. The folder format stays Prisma's own.
import { readFile, readdir, mkdir, writeFile, access } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type { DiffTarget, SchemaEngine } from "@prisma/schema-engine-wasm";
import { projectRoot } from "./project-root";

type EngineModule = { SchemaEngine: typeof SchemaEngine; __wbg_set_wasm(exports: WebAssembly.Exports): void };
type ScriptRunner = { executeScript(script: string): Promise<void>; underlyingDriver(): pg.Pool };

const root = projectRoot;
export const schemaPath = path.join(root, "prisma/schema.prisma");
export const migrationsDir = path.join(root, "prisma/migrations");
export const snapshotPath = path.join(migrationsDir, "schema-snapshot.prisma");
const filters = { externalTables: [], externalEnums: [] };

async function loadEngineModule(): Promise<EngineModule> {
  const dir = path.join(root, "node_modules/@prisma/schema-engine-wasm");
  const bg = (await import(pathToFileURL(path.join(dir, "schema_engine_bg.js")).href)) as EngineModule;
  const bytes = await readFile(path.join(dir, "schema_engine_bg.wasm"));
  const { instance } = await WebAssembly.instantiate(bytes, {
    "./schema_engine_bg.js": bg as unknown as WebAssembly.ModuleImports,
  });
  bg.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return bg;
}

let enginePromise: Promise<EngineModule> | undefined;
function engineModule(): Promise<EngineModule> {
  enginePromise ??= loadEngineModule();
  return enginePromise;
}

/**
 * @prisma/adapter-pg runs a migration script by splitting it on every ";", which breaks any function body
 * (PL/pgSQL). PostgreSQL's simple query protocol runs a whole multi-statement script as Prisma's native engine does.
 */
/** The adapter's own error mapping (protected in its type), so a failed script reads as Prisma's engine reports it. */
function throwAdapterError(adapter: ScriptRunner, error: unknown): never {
  return (adapter as unknown as { onError(error: unknown): never }).onError(error);
}

function runScriptsWhole(factory: PrismaPg): SqlMigrationAwareDriverAdapterFactory {
  const patch = <A extends ScriptRunner>(adapter: A): A => {
    adapter.executeScript = async (script) => {
      try {
        await adapter.underlyingDriver().query(script);
      } catch (error) {
        throwAdapterError(adapter, error);
      }
    };
    return adapter;
  };
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => patch(await factory.connect()),
    connectToShadowDb: async () => patch(await factory.connectToShadowDb()),
  };
}

/** The engine and the pool it uses; close() frees both, so no connection outlives a migration. */
async function openEngine(connectionString: string, schemaText: string) {
  const { SchemaEngine } = await engineModule();
  const pool = new pg.Pool({ connectionString, max: 2 });
  const adapter = bindMigrationAwareSqlAdapterFactory(runScriptsWhole(new PrismaPg(pool)));
  const engine = await SchemaEngine.new({ datamodels: [[schemaPath, schemaText]] }, () => {}, adapter).catch(
    async (error: unknown) => {
      await pool.end();
      throw error;
    },
  );
  return {
    engine,
    close: async () => {
      engine.free();
      await pool.end();
    },
  };
}

export async function listMigrationDirectories(): Promise<string[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

async function readMigrationsList() {
  const names = await listMigrationDirectories();
  const migrationDirectories: {
    path: string;
    migrationFile: { path: string; content: { tag: "ok"; value: string } };
  }[] = [];
  for (const name of names) {
    const sql = await readFile(path.join(migrationsDir, name, "migration.sql"), "utf8");
    migrationDirectories.push({
      path: name,
      migrationFile: { path: "migration.sql", content: { tag: "ok", value: sql } },
    });
  }
  const lockPath = path.join(migrationsDir, "migration_lock.toml");
  const lockContent = await readFile(lockPath, "utf8").catch(() => null);
  return {
    baseDir: migrationsDir,
    lockfile: { path: "migration_lock.toml", content: lockContent },
    shadowDbInitScript: "",
    migrationDirectories,
  };
}

/** Applies pending migrations, like `prisma migrate deploy`. Returns the names just applied. */
export async function applyMigrations(connectionString: string): Promise<string[]> {
  const schemaText = await readFile(schemaPath, "utf8");
  const { engine, close } = await openEngine(connectionString, schemaText);
  try {
    const migrationsList = await readMigrationsList();
    const result = await engine.applyMigrations({ migrationsList, filters });
    return result.appliedMigrationNames;
  } finally {
    await close();
  }
}

/** Renders the SQL that turns one schema text into another (null: an empty database). */
export async function diffSchemas(connectionString: string, fromText: string | null, toText: string): Promise<string> {
  const { engine, close } = await openEngine(connectionString, toText);
  try {
    const from: DiffTarget =
      fromText === null
        ? { tag: "empty" }
        : { tag: "schemaDatamodel", files: [{ path: schemaPath, content: fromText }] };
    const result = await engine.diff({
      from,
      to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content: toText }] },
      script: true,
      exitCode: null,
      filters,
    });
    return result.stdout ?? "";
  } finally {
    await close();
  }
}

export async function readSchema(): Promise<string> {
  return readFile(schemaPath, "utf8");
}

export async function readSnapshot(): Promise<string | null> {
  return readFile(snapshotPath, "utf8").catch(() => null);
}

/** Writes the next migration folder from the change between the last migrated schema and the current one. */
export async function createMigration(connectionString: string, name: string): Promise<string | null> {
  const current = await readSchema();
  const previous = await readSnapshot();
  const sql = await diffSchemas(connectionString, previous, current);
  if (!sql.trim() || /^-- This is an empty migration\.\s*$/.test(sql.trim())) return null;
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const slug =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_|_$/g, "") || "migration";
  const dir = path.join(migrationsDir, `${stamp}_${slug}`);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, "migration.sql"), sql);
  const lockPath = path.join(migrationsDir, "migration_lock.toml");
  await access(lockPath).catch(() =>
    writeFile(
      lockPath,
      '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
    ),
  );
  await writeFile(snapshotPath, current);
  return dir;
}
