export type EmbeddedPostgresHandle = { url: string; fresh: boolean; stop(): Promise<void> };
export function startEmbeddedPostgres(options: { dataDir: string; port: number; database?: string; log?: (message: string) => void }): Promise<EmbeddedPostgresHandle>;
export function temporaryDataDir(prefix: string): string;
export function databaseProcessIds(dataDir: string): number[];
export function signalDatabase(dataDir: string, signal: "SIGSTOP" | "SIGCONT"): void;
