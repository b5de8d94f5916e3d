export function sourceFingerprint(root?: string): string;
export function distDirectory(env?: Record<string, string | undefined>): string;
export function hasBuild(root?: string, distDir?: string): boolean;
export function isBuildCurrent(root?: string, distDir?: string): boolean;
export function recordBuildSources(root?: string, distDir?: string): void;
export function buildApp(env?: Record<string, string | undefined>): boolean;
