export class StartupError extends Error {
  hint?: string;
  constructor(message: string, hint?: string);
}
export function assertPortFree(port: number, what: string): Promise<void>;
export function findFreePort(): Promise<number>;
