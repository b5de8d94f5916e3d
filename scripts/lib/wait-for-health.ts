import type { ChildProcess } from "node:child_process";

/**
 * Polls `<base>/api/health` (or `<base><path>`) until it answers 200. Fails at once when `server` exits first, and after `timeoutMs`
 * with the reason, so a harness never waits on a server that is gone.
 */
export async function waitForHealth(
  base: string,
  {
    server,
    path = "/api/health",
    timeoutMs = 120_000,
    everyMs = 250,
  }: { server?: ChildProcess; path?: string; timeoutMs?: number; everyMs?: number } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server && server.exitCode !== null)
      throw new Error(`The app exited with code ${server.exitCode} before it was ready.`);
    try {
      if ((await fetch(`${base}${path}`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  throw new Error(`The app did not become healthy at ${base} within ${timeoutMs / 1000} s.`);
}
