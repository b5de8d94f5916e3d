import "server-only";
import { readEnvironment } from "@/server/environment";

const APP_VARIABLES = [
  "DATABASE_URL",
  "AUTH_SECRET",
  "PUBLIC_URL",
  "DATABASE_POOL_MAX",
  "DATABASE_CONNECT_TIMEOUT_MS",
  "DATABASE_STATEMENT_TIMEOUT_MS",
  "DATABASE_QUERY_TIMEOUT_MS",
  "SESSION_MAX_AGE_HOURS",
  "STATUSPAGE_DISABLE_SCHEDULER",
] as const;

export type Env = ReturnType<typeof readEnvironment<(typeof APP_VARIABLES)[number]>>;

let cached: Env | undefined;

/** Reads and validates the environment once; the message names the variable at fault. */
export function getEnv(): Env {
  cached ??= readEnvironment(APP_VARIABLES);
  return cached;
}
