const STREAM_PATH = "/api/live/stream";
export const POLL_MS = 20_000;
export const MIRROR_POLL_MS = 30_000;
// A stream that opens but delivers nothing (a buffering proxy) is treated as unavailable.
const FIRST_EVENT_TIMEOUT_MS = 10_000;
// The server sends a ping every 20 s: silence for longer means a dead connection (a laptop that slept).
const SILENCE_LIMIT_MS = 50_000;
const WAKE_CHECK_MS = 5_000;
const MAX_STREAM_RETRY_MS = 5 * 60_000;

export type LiveLink = "connecting" | "live" | "reconnecting" | "polling" | "offline" | "mirror";

type Listeners = {
  onVersion: (version: string) => void;
  onLink: (link: LiveLink) => void;
  onVisibility: (visible: boolean) => void;
};

function withJitter(ms: number): number {
  return Math.round(ms * (0.75 + Math.random() * 0.5));
}

/** Polls the static mirror's own `live.json` and reloads the page when it was republished. */
function followMirror(url: string, onLink: (link: LiveLink) => void): () => void {
  let baseline: string | null = null;
  onLink("mirror");
  async function check() {
    try {
      const response = await fetch(url, { cache: "no-store" });
      const body = (await response.json()) as { version?: unknown };
      if (typeof body.version !== "string") return;
      if (baseline === null) baseline = body.version;
      else if (body.version !== baseline) window.location.reload();
    } catch {
      // The mirror's host is unreachable: the next check tries again.
    }
  }
  void check();
  const timer = window.setInterval(check, MIRROR_POLL_MS);
  return () => window.clearInterval(timer);
}

/**
 * Follows the live version of the page's data: over server-sent events, polling `/api/live` while streams are
 * unavailable, catching up after a hidden tab, a lost network or a sleeping laptop. On a static mirror it follows
 * the mirror instead. Returns the function that disconnects.
 */
export function connectLive(incidentId: string | undefined, { onVersion, onLink, onVisibility }: Listeners) {
  const mirror = document.querySelector('meta[name="statuspage-mirror"]')?.getAttribute("content");
  if (mirror) return followMirror(mirror, onLink);

  const query = incidentId ? `?incident=${encodeURIComponent(incidentId)}` : "";
  let source: EventSource | null = null;
  let lastEventId = "";
  let lastMessageAt = Date.now();
  let failures = 0;
  let pollTimer: number | undefined;
  let retryTimer: number | undefined;
  let firstEventTimer: number | undefined;
  let lastTick = Date.now();

  async function poll() {
    if (document.hidden) return;
    try {
      const response = await fetch(`/api/live${query}`, { cache: "no-store" });
      if (!response.ok) throw new Error(String(response.status));
      const body = (await response.json()) as { version?: unknown };
      if (typeof body.version === "string") onVersion(body.version);
      if (source?.readyState !== EventSource.OPEN) onLink("polling");
    } catch {
      if (!navigator.onLine) onLink("offline");
    }
  }

  function startPolling() {
    pollTimer ??= window.setInterval(poll, POLL_MS);
  }

  function stopPolling() {
    window.clearInterval(pollTimer);
    pollTimer = undefined;
  }

  function closeStream() {
    window.clearTimeout(firstEventTimer);
    source?.close();
    source = null;
  }

  /** The stream is unavailable (refused, blocked, buffered): poll now and try streaming again later, backing off. */
  function fallBack() {
    closeStream();
    failures++;
    onLink(navigator.onLine ? "polling" : "offline");
    startPolling();
    void poll();
    window.clearTimeout(retryTimer);
    retryTimer = window.setTimeout(openStream, withJitter(Math.min(5_000 * 2 ** (failures - 1), MAX_STREAM_RETRY_MS)));
  }

  function openStream() {
    closeStream();
    if (typeof EventSource === "undefined") {
      onLink("polling");
      startPolling();
      return;
    }
    const resume = lastEventId ? `${query ? "&" : "?"}last_event_id=${encodeURIComponent(lastEventId)}` : "";
    const stream = new EventSource(`${STREAM_PATH}${query}${resume}`);
    source = stream;
    let heard = false;
    firstEventTimer = window.setTimeout(() => {
      if (!heard && source === stream) fallBack();
    }, FIRST_EVENT_TIMEOUT_MS);
    const onMessage = (event: MessageEvent<string>) => {
      heard = true;
      lastMessageAt = Date.now();
      onLink("live");
      failures = 0;
      stopPolling();
      if (event.type !== "version") return;
      if (event.lastEventId) lastEventId = event.lastEventId;
      try {
        const body = JSON.parse(event.data) as { version?: unknown };
        if (typeof body.version === "string") onVersion(body.version);
      } catch {
        // A malformed event is ignored; the next one or a poll corrects the page.
      }
    };
    stream.addEventListener("version", onMessage);
    stream.addEventListener("ping", onMessage);
    stream.onerror = () => {
      if (source !== stream) return;
      // Refused (over a limit, not served here) or never reachable: poll, and try streaming again later. A stream
      // that worked and dropped is retried by the browser itself with Last-Event-ID while polling covers the gap.
      if (stream.readyState === EventSource.CLOSED || !heard) fallBack();
      else {
        onLink(navigator.onLine ? "reconnecting" : "offline");
        startPolling();
      }
    };
  }

  /** Back from a hidden tab, a lost network or a sleeping laptop: catch up at once. */
  function catchUp() {
    if (document.hidden) return;
    if (source?.readyState !== EventSource.OPEN || Date.now() - lastMessageAt > SILENCE_LIMIT_MS) {
      window.clearTimeout(retryTimer);
      openStream();
      void poll();
    }
  }

  const wakeCheck = window.setInterval(() => {
    const now = Date.now();
    const slept = now - lastTick > 3 * WAKE_CHECK_MS;
    lastTick = now;
    if (slept || (source?.readyState === EventSource.OPEN && now - lastMessageAt > SILENCE_LIMIT_MS)) catchUp();
  }, WAKE_CHECK_MS);
  const onVisibilityChange = () => {
    onVisibility(!document.hidden);
    catchUp();
  };
  const onOffline = () => onLink("offline");

  onVisibility(!document.hidden);
  openStream();
  document.addEventListener("visibilitychange", onVisibilityChange);
  window.addEventListener("online", catchUp);
  window.addEventListener("offline", onOffline);
  return () => {
    closeStream();
    stopPolling();
    window.clearTimeout(retryTimer);
    window.clearInterval(wakeCheck);
    document.removeEventListener("visibilitychange", onVisibilityChange);
    window.removeEventListener("online", catchUp);
    window.removeEventListener("offline", onOffline);
  };
}
