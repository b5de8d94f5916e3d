import "server-only";
import { readEnvironment, type ConfigWith } from "@/server/config";

export type Env = ConfigWith<"DATABASE_URL" | "AUTH_SECRET">;

/** The app's configuration, with the database and the session secret it cannot run without; names any variable at fault. */
export function getEnv(): Env {
  return readEnvironment(["DATABASE_URL", "AUTH_SECRET"]);
}
