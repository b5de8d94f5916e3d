import type { IncomingMessage, ServerResponse } from "node:http";
import { ID_PATTERN } from "@/lib/status";

/** What a public page is following: the home page ("") or one incident's page (its id). */
export type StreamKey = string;

export type LiveStreamOptions = {
  /**
   * The live version of what a page following `key` shows, as `/api/live` reports it; null when `key` names no
   * incident, whose streams then follow the home page (one shared key, however many ids are made up).
   */
  computeVersion: (key: StreamKey) => Promise<string | null>;
  clientAddress: (req: IncomingMessage) => string;
  maxConnections?: number;
  /** Distinct pages followed at once: beyond them a new page's streams are told to poll. */
  maxKeys?: number;
  /**
   * New incident pages whose first version may be computing at once: beyond them a new page's stream follows the home
   * page (whose version changes with every incident's status and updates), so made-up ids cannot queue renders.
   */
  maxPendingKeys?: number;
  maxPerAddress?: number;
  heartbeatMs?: number;
  /** How long a browser waits before reconnecting on its own; each connection gets some jitter on top. */
  retryMs?: number;
  now?: () => number;
};

type Client = { res: ServerResponse; key: StreamKey; address: string };

type KeyState = {
  clients: Set<Client>;
  version: string | null;
  sentAt: number;
  first: Promise<string | null> | null;
  /** The recomputation pass whose answer this page last took: an older pass's answer arriving later is dropped. */
  pass: number;
};

const HOME: StreamKey = "";

export type LiveStreamStats = {
  connections: number;
  keys: number;
  addresses: number;
  refused: number;
  broadcasts: number;
};

const STREAM_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  // no-transform keeps compressing proxies from buffering events; X-Accel-Buffering turns nginx's buffering off.
  "cache-control": "no-store, no-transform",
  "x-accel-buffering": "no",
  "access-control-allow-origin": "*",
};
const RETRY_FAILED_MS = 2_000;
// An event rather than a comment: browsers do not surface comments, and the page needs to tell silence from a dead link.
const HEARTBEAT = Buffer.from("event: ping\ndata: {}\n\n");

/** Reads `?incident=<id>` (or nothing, for the home page); null when the id is malformed. */
export function streamKeyOf(url: string): StreamKey | null {
  const incident = new URL(url, "http://localhost").searchParams.get("incident");
  if (!incident) return "";
  return ID_PATTERN.test(incident) ? incident : null;
}

function eventMessage(version: string, producedAt: number): Buffer {
  const data = JSON.stringify({ version, at: new Date(producedAt).toISOString() });
  return Buffer.from(`id: ${version}\nevent: version\ndata: ${data}\n\n`);
}

/**
 * Server-sent events for open public pages. Each change of the data (local or from another instance) recomputes
 * the live version once per page being followed and writes one prepared message to every stream of that page,
 * so a write reaches ten thousand open tabs without ten thousand renders.
 */
export function createLiveStreamHub(options: LiveStreamOptions) {
  const maxConnections = options.maxConnections ?? 20_000;
  const maxPerAddress = options.maxPerAddress ?? 100;
  const maxKeys = options.maxKeys ?? 1_000;
  const maxPendingKeys = options.maxPendingKeys ?? 32;
  let pendingKeys = 0;
  const retryMs = options.retryMs ?? 2_000;
  const now = options.now ?? Date.now;
  const keys = new Map<StreamKey, KeyState>();
  const perAddress = new Map<string, number>();
  let connections = 0;
  let refused = 0;
  let broadcasts = 0;
  let computing: Promise<void> | null = null;
  let retryTimer: NodeJS.Timeout | null = null;
  let changedWhileComputing = false;
  let passes = 0;

  const heartbeat = setInterval(() => {
    for (const state of keys.values()) for (const client of state.clients) client.res.write(HEARTBEAT);
  }, options.heartbeatMs ?? 20_000);
  heartbeat.unref();

  function refuse(res: ServerResponse, status: number, message: string, retryAfterS?: number) {
    refused++;
    const headers: Record<string, string> = {
      "content-type": "application/json; charset=utf-8",
      "cache-control": "no-store",
    };
    if (retryAfterS) headers["retry-after"] = String(retryAfterS);
    res.writeHead(status, headers);
    res.end(JSON.stringify({ error: message, fallback: "poll /api/live" }));
  }

  function detach(client: Client) {
    const state = keys.get(client.key);
    if (!state?.clients.delete(client)) return;
    connections--;
    const left = (perAddress.get(client.address) ?? 1) - 1;
    if (left > 0) perAddress.set(client.address, left);
    else perAddress.delete(client.address);
    if (state.clients.size === 0) keys.delete(client.key);
  }

  function stateOf(key: StreamKey): KeyState {
    let state = keys.get(key);
    if (!state) keys.set(key, (state = { clients: new Set(), version: null, sentAt: 0, first: null, pass: 0 }));
    return state;
  }

  /**
   * The version of a page nobody followed until now, computed once however many tabs open at the same moment; null
   * when the key names no incident.
   */
  function versionFor(key: StreamKey, state: KeyState): Promise<string | null> {
    if (state.version !== null) return Promise.resolve(state.version);
    if (state.first) return state.first;
    if (key !== HOME) pendingKeys++;
    state.first = options
      .computeVersion(key)
      .then(
        (version) => {
          if (version === null) return null;
          state.version ??= version;
          state.sentAt ||= now();
          return state.version;
        },
        (error: unknown) => {
          state.first = null;
          throw error;
        },
      )
      .finally(() => {
        if (key !== HOME) pendingKeys--;
      });
    return state.first;
  }

  function attach(state: KeyState, client: Client, key: StreamKey) {
    client.key = key;
    state.clients.add(client);
    connections++;
    perAddress.set(client.address, (perAddress.get(client.address) ?? 0) + 1);
  }

  /** Opens a stream; the first event carries the current version, so a tab that reconnects catches up at once. */
  async function handle(req: IncomingMessage, res: ServerResponse) {
    let key = streamKeyOf(req.url ?? "/");
    if (key === null) return refuse(res, 400, "incident must be an incident id.");
    if (key !== HOME && !keys.has(key) && pendingKeys >= maxPendingKeys) key = HOME;
    if (req.method !== "GET") return refuse(res, 405, "Use GET.");
    const address = options.clientAddress(req);
    if (connections >= maxConnections)
      return refuse(res, 503, "Too many live connections on this server; poll instead.", 30);
    if ((perAddress.get(address) ?? 0) >= maxPerAddress)
      return refuse(res, 429, "Too many live connections from your address; poll instead.", 60);
    if (!keys.has(key) && keys.size >= maxKeys)
      return refuse(res, 503, "Too many pages followed on this server; poll instead.", 30);

    const client: Client = { res, key, address };
    let state = stateOf(key);
    attach(state, client, key);
    req.socket.setTimeout(0);
    req.socket.setNoDelay(true);
    res.on("close", () => detach(client));

    res.writeHead(200, STREAM_HEADERS);
    res.write(`retry: ${retryMs + Math.floor(Math.random() * retryMs)}\n\n`);
    try {
      let version = await versionFor(key, state);
      if (version === null) {
        // A made-up id: the stream moves to the home page's key, so such ids never multiply the keys to recompute.
        if (!state.clients.has(client)) return;
        state = moveToHome(client);
        version = await versionFor(HOME, state);
      }
      if (version !== null && !res.writableEnded && state.clients.has(client))
        res.write(eventMessage(version, state.sentAt));
    } catch {
      // The version could not be computed (the app busy or unreachable): the stream stays open, and its page is
      // tried again shortly, so it gets its version (or, for a made-up id, joins the home page) without a change.
      retrySoon();
    }
  }

  function retrySoon() {
    if (retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void notifyChange();
    }, RETRY_FAILED_MS);
    retryTimer.unref();
  }

  function broadcast(state: KeyState, version: string) {
    if (version === state.version) return;
    state.version = version;
    state.sentAt = now();
    const message = eventMessage(version, state.sentAt);
    broadcasts++;
    for (const client of state.clients) client.res.write(message);
  }

  function moveToHome(client: Client): KeyState {
    detach(client);
    const home = stateOf(HOME);
    attach(home, client, HOME);
    return home;
  }

  /** Moves every stream of a page that turned out not to exist onto the home page's key, with its version if known. */
  function foldIntoHome(state: KeyState) {
    let home: KeyState | null = null;
    for (const client of [...state.clients]) {
      home = moveToHome(client);
      if (home.version !== null && !client.res.writableEnded) client.res.write(eventMessage(home.version, home.sentAt));
    }
    if (home?.version === null) retrySoon();
  }

  /** Recomputes one page's version and sends it as soon as it is ready, whatever the other pages are waiting on. */
  async function recomputeKey(key: StreamKey, state: KeyState, pass: number) {
    try {
      const version = await options.computeVersion(key);
      if (pass < state.pass) return;
      state.pass = pass;
      if (version !== null) broadcast(state, version);
      else if (key !== HOME) foldIntoHome(state);
    } catch {
      // A version that could not be computed (the database and the cache both failed) is tried again shortly.
      retrySoon();
    }
  }

  /**
   * The home page first: most tabs follow it. Incident pages follow without holding up the pass, so the next change
   * reaches the home page however slowly an incident page's version (or a made-up id's) is computed.
   */
  async function recompute() {
    const pass = ++passes;
    const home = keys.get(HOME);
    if (home) await recomputeKey(HOME, home, pass);
    for (const [key, state] of [...keys.entries()]) if (key !== HOME) void recomputeKey(key, state, pass);
  }

  /** Called on every data change; changes that arrive while versions are being computed are folded into one more pass. */
  function notifyChange() {
    if (computing) {
      changedWhileComputing = true;
      return computing;
    }
    computing = (async () => {
      do {
        changedWhileComputing = false;
        await recompute();
      } while (changedWhileComputing);
    })().finally(() => {
      computing = null;
    });
    return computing;
  }

  function stats(): LiveStreamStats {
    return { connections, keys: keys.size, addresses: perAddress.size, refused, broadcasts };
  }

  function close() {
    clearInterval(heartbeat);
    if (retryTimer) clearTimeout(retryTimer);
    for (const state of keys.values()) for (const client of state.clients) client.res.end();
    keys.clear();
    perAddress.clear();
    connections = 0;
  }

  return { handle, notifyChange, stats, close };
}

export type LiveStreamHub = ReturnType<typeof createLiveStreamHub>;
