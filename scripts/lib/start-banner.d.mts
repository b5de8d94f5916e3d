export function hasConsoleUser(databaseUrl: string): Promise<boolean>;
export function startBanner(input: { publicUrl: string; hasUser: boolean; ownerEmail?: string; database: string }): string;
