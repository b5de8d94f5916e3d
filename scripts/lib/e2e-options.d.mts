export function needsBuild(env?: Record<string, string | undefined>, buildIsCurrent?: () => boolean): boolean;
export function e2ePorts(env?: Record<string, string | undefined>, freePort?: () => Promise<number>): Promise<{ appPort: number; pgPort: number }>;
