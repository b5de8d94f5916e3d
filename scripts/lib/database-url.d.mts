export const projectRoot: string;
export const dataRoot: string;
export const runtimeFile: string;
export function readDatabaseUrl(): Promise<string>;
