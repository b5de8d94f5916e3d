import "server-only";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { getEnv } from "@/server/env";
import { readConfig } from "@/server/config";
import { getDb, type Tx } from "@/server/db/client";
import { errorSummary } from "@/server/error-summary";

// Several app instances share one database; NOTIFY tells the others which tags changed.
const CHANNEL = "statuspage_cache_invalidation";
const instanceId = randomUUID();
const RECONNECT_MS = 1_000;

type Listener = (tags: string[]) => void;
const listeners = new Set<Listener>();
let client: pg.Client | null = null;
let connecting = false;

function connectionString(): string {
  return getEnv().DATABASE_URL;
}

function connect() {
  if (connecting || client || readConfig().STATUSPAGE_DISABLE_CACHE_BUS) return;
  connecting = true;
  const next = new pg.Client({ connectionString: connectionString(), connectionTimeoutMillis: 3_000 });
  const retry = () => {
    if (client === next) client = null;
    next.removeAllListeners();
    next.end().catch(() => {});
    setTimeout(connect, RECONNECT_MS).unref();
  };
  next.on("error", retry);
  next.on("end", () => {
    if (client === next) retry();
  });
  next.on("notification", (message) => {
    if (!message.payload) return;
    const { from, tags } = JSON.parse(message.payload) as { from: string; tags: string[] };
    if (from === instanceId) return;
    for (const listener of listeners) listener(tags);
  });
  next
    .connect()
    .then(() => next.query(`LISTEN ${CHANNEL}`))
    .then(() => {
      client = next;
      // Whatever changed while we were disconnected is unknown: treat everything as changed.
      for (const listener of listeners) listener(["*"]);
    })
    .catch(retry)
    .finally(() => {
      connecting = false;
    });
}

export function subscribeToInvalidations(listener: Listener) {
  listeners.add(listener);
  connect();
}

// PostgreSQL refuses NOTIFY payloads of 8000 bytes or more; a change that touches that many tags touches everything.
const MAX_PAYLOAD_BYTES = 7_500;

function payloadOf(tags: readonly string[]): string {
  const payload = JSON.stringify({ from: instanceId, tags });
  return Buffer.byteLength(payload) < MAX_PAYLOAD_BYTES ? payload : JSON.stringify({ from: instanceId, tags: ["*"] });
}

/**
 * Tells the other instances inside the writer's transaction: PostgreSQL delivers the notice exactly when the change
 * commits, and never when it rolls back, so no crash between the two can leave another instance stale.
 */
export async function notifyInvalidationAtCommit(tx: Tx, tags: readonly string[]) {
  if (tags.length === 0) return;
  await tx.$executeRaw`SELECT pg_notify(${CHANNEL}, ${payloadOf(tags)})`;
}

/** For changes made outside the app's own writers (a rebuild from the command line): tells the other instances now. */
export function publishInvalidation(tags: readonly string[]) {
  getDb().$executeRaw`SELECT pg_notify(${CHANNEL}, ${payloadOf(tags)})`.catch((error: unknown) =>
    console.error(`Could not publish a cache invalidation: ${errorSummary(error)}`),
  );
}
