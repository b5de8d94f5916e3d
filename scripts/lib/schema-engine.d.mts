export const schemaPath: string;
export const migrationsDir: string;
export const snapshotPath: string;
export function listMigrationDirectories(): Promise<string[]>;
export function applyMigrations(connectionString: string): Promise<string[]>;
export function diffSchemas(connectionString: string, fromText: string | null, toText: string): Promise<string>;
export function readSchema(): Promise<string>;
export function readSnapshot(): Promise<string | null>;
export function createMigration(connectionString: string, name: string): Promise<string | null>;
