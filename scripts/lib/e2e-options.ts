// Choices `npm run test:e2e` makes before it starts anything: whether to build, and on which ports.
import { isBuildCurrent } from "./build-app";
import { findFreePort } from "./ports";

/** Builds only when no build matches the sources (E2E_SKIP_BUILD=1 never builds). */
export function needsBuild(
  env: Record<string, string | undefined> = process.env,
  buildIsCurrent: () => boolean = isBuildCurrent,
): boolean {
  return env.E2E_SKIP_BUILD !== "1" && !buildIsCurrent();
}

export function pinnedPort(env: Record<string, string | undefined>, name: string): number | undefined {
  const value = env[name];
  if (value === undefined || value === "") return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`${name} must be a port number between 1 and 65535 (got "${value}").`);
  return port;
}

/** The app's and the embedded PostgreSQL's ports: E2E_PORT / E2E_PG_PORT when set, else free ones. */
export async function e2ePorts(
  env: Record<string, string | undefined> = process.env,
  freePort: () => Promise<number> = findFreePort,
): Promise<{ appPort: number; pgPort: number }> {
  const appPort = pinnedPort(env, "E2E_PORT") ?? (await freePort());
  const pgPort = pinnedPort(env, "E2E_PG_PORT") ?? (await freePort());
  return { appPort, pgPort };
}
