import "server-only";
import { getDb } from "@/server/db/client";
import { reportDatabaseReachable } from "@/server/cache/tagged-cache";

const INTERVAL_MS = 2_000;
const TIMEOUT_MS = 3_000;
// A busy event loop can delay one probe; only consecutive failures mean the database is gone.
const FAILURES_BEFORE_DOWN = 2;

function probe(): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), TIMEOUT_MS);
    getDb().$queryRaw`SELECT 1`
      .then(
        () => resolve(true),
        () => resolve(false),
      )
      .finally(() => clearTimeout(timer));
  });
}

let started = false;

/** Probes PostgreSQL every two seconds so public pages learn of an outage (and the recovery) without a request failing first. */
export function startDatabaseWatchdog() {
  if (started) return;
  started = true;
  let running = false;
  let failures = 0;
  setInterval(() => {
    if (running) return;
    running = true;
    void probe()
      .then((reachable) => {
        failures = reachable ? 0 : failures + 1;
        if (reachable || failures >= FAILURES_BEFORE_DOWN) reportDatabaseReachable(reachable);
      })
      .finally(() => {
        running = false;
      });
  }, INTERVAL_MS).unref();
}
