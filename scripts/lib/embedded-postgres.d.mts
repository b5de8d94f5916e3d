export type EmbeddedPostgresHandle = { url: string; fresh: boolean; stop(): Promise<void> };
export function startEmbeddedPostgres(options: { dataDir: string; port: number; database?: string; log?: (message: string) => void }): Promise<EmbeddedPostgresHandle>;
export function temporaryDataDir(prefix: string): string;
