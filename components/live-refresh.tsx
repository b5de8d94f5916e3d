"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { Time } from "@/components/time";

const STREAM_PATH = "/api/live/stream";
const POLL_MS = 20_000;
const MIRROR_POLL_MS = 30_000;
// A stream that opens but delivers nothing (a buffering proxy) is treated as unavailable.
const FIRST_EVENT_TIMEOUT_MS = 10_000;
// The server sends a ping every 20 s: silence for longer means a dead connection (a laptop that slept).
const SILENCE_LIMIT_MS = 50_000;
const WAKE_CHECK_MS = 5_000;
const MAX_STREAM_RETRY_MS = 5 * 60_000;
const MAX_REFRESH_ATTEMPTS = 8;

type Link = "connecting" | "live" | "reconnecting" | "polling" | "offline" | "mirror";

const LINK_LABELS: Record<Link, string> = {
  connecting: "Connecting…",
  live: "Live",
  reconnecting: "Reconnecting…",
  polling: `Checking every ${POLL_MS / 1000} s`,
  offline: "Offline: will catch up when the connection returns",
  mirror: `Static copy, checked every ${MIRROR_POLL_MS / 1000} s`,
};

function withJitter(ms: number): number {
  return Math.round(ms * (0.75 + Math.random() * 0.5));
}

/** Polls the static mirror's own `live.json` and reloads the page when it was republished. */
function followMirror(url: string, setLink: (link: Link) => void): () => void {
  let baseline: string | null = null;
  setLink("mirror");
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
 * Keeps an open public page current. The server pushes the live version of the data over server-sent events
 * (polling `/api/live` when streams are unavailable); when it differs from the version this render was produced
 * with, the page re-renders. The version a tab believes it shows always comes from the render itself, so a
 * refresh that came back older (a cache, an instance not yet told) is retried rather than believed.
 */
export function LiveRefresh({
  initialVersion,
  renderedAt,
  incidentId,
}: {
  initialVersion: string;
  renderedAt: string;
  incidentId?: string;
}) {
  const router = useRouter();
  const [refreshing, startTransition] = useTransition();
  const [latest, setLatest] = useState(initialVersion);
  const [attempts, setAttempts] = useState(0);
  const [visible, setVisible] = useState(true);
  const [link, setLink] = useState<Link>("connecting");

  const behind = latest !== initialVersion;

  useEffect(() => {
    if (!behind) setAttempts(0);
  }, [behind]);

  useEffect(() => {
    if (!behind || refreshing || !visible || attempts >= MAX_REFRESH_ATTEMPTS) return;
    const delay = attempts === 0 ? 0 : Math.min(500 * 2 ** attempts, 15_000);
    const timer = window.setTimeout(() => {
      setAttempts((count) => count + 1);
      startTransition(() => router.refresh());
    }, delay);
    return () => window.clearTimeout(timer);
  }, [behind, refreshing, visible, attempts, router]);

  useEffect(() => {
    const mirror = document.querySelector('meta[name="statuspage-mirror"]')?.getAttribute("content");
    if (mirror) return followMirror(mirror, setLink);

    const query = incidentId ? `?incident=${encodeURIComponent(incidentId)}` : "";
    let source: EventSource | null = null;
    let lastEventId = "";
    let lastMessageAt = Date.now();
    let failures = 0;
    let pollTimer: number | undefined;
    let retryTimer: number | undefined;
    let firstEventTimer: number | undefined;
    let lastTick = Date.now();

    const learn = (version: string) => {
      setLatest(version);
      setAttempts(0);
    };

    async function poll() {
      if (document.hidden) return;
      try {
        const response = await fetch(`/api/live${query}`, { cache: "no-store" });
        if (!response.ok) throw new Error(String(response.status));
        const body = (await response.json()) as { version?: unknown };
        if (typeof body.version === "string") learn(body.version);
        if (source?.readyState !== EventSource.OPEN) setLink("polling");
      } catch {
        if (!navigator.onLine) setLink("offline");
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
      setLink(navigator.onLine ? "polling" : "offline");
      startPolling();
      void poll();
      window.clearTimeout(retryTimer);
      retryTimer = window.setTimeout(
        openStream,
        withJitter(Math.min(5_000 * 2 ** (failures - 1), MAX_STREAM_RETRY_MS)),
      );
    }

    function openStream() {
      closeStream();
      if (typeof EventSource === "undefined") {
        setLink("polling");
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
        setLink("live");
        failures = 0;
        stopPolling();
        if (event.type !== "version") return;
        if (event.lastEventId) lastEventId = event.lastEventId;
        try {
          const body = JSON.parse(event.data) as { version?: unknown };
          if (typeof body.version === "string") learn(body.version);
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
          setLink(navigator.onLine ? "reconnecting" : "offline");
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
    const onVisibility = () => {
      setVisible(!document.hidden);
      catchUp();
    };
    const onOffline = () => setLink("offline");

    setVisible(!document.hidden);
    openStream();
    document.addEventListener("visibilitychange", onVisibility);
    window.addEventListener("online", catchUp);
    window.addEventListener("offline", onOffline);
    return () => {
      closeStream();
      stopPolling();
      window.clearTimeout(retryTimer);
      window.clearInterval(wakeCheck);
      document.removeEventListener("visibilitychange", onVisibility);
      window.removeEventListener("online", catchUp);
      window.removeEventListener("offline", onOffline);
    };
    // The connection follows the page being shown, not each render of it.
  }, [incidentId]);

  const stuck = behind && !refreshing && attempts >= MAX_REFRESH_ATTEMPTS;

  return (
    <p
      className="flex flex-wrap items-center gap-x-2 text-sm text-zinc-600 dark:text-zinc-400"
      aria-live="off"
      data-live-state={link}
      data-live-version={initialVersion}
    >
      <span>
        Last updated <Time date={new Date(renderedAt)} format="time" />
      </span>
      <span aria-hidden="true">·</span>
      <span className="inline-flex items-center gap-1" data-testid="live-state">
        {link === "live" && (
          <span className="inline-block h-2 w-2 rounded-full bg-emerald-600 dark:bg-emerald-400" aria-hidden="true" />
        )}
        {LINK_LABELS[link]}
      </span>
      {stuck && (
        <button type="button" className="underline" onClick={() => window.location.reload()}>
          Newer information is available: reload
        </button>
      )}
    </p>
  );
}
