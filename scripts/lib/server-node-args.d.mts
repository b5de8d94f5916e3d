export const DEFAULT_MAX_HEAP_MB: number;
export function serverNodeArgs(env?: Record<string, string | undefined>): string[];
