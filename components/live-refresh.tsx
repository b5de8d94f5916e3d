"use client";

import { Time } from "@/components/time";
import { MIRROR_POLL_MS, POLL_MS, type LiveLink } from "@/components/live-connection";
import { useLiveVersion } from "@/components/use-live-version";

const LINK_LABELS: Record<LiveLink, string> = {
  connecting: "Connecting…",
  live: "Live",
  reconnecting: "Reconnecting…",
  polling: `Checking every ${POLL_MS / 1000} s`,
  offline: "Offline: will catch up when the connection returns",
  mirror: `Static copy, checked every ${MIRROR_POLL_MS / 1000} s`,
};

/** "Last updated" and how the page keeps current; it re-renders itself when the data changes (see `useLiveVersion`). */
export function LiveRefresh({
  initialVersion,
  renderedAt,
  incidentId,
}: {
  initialVersion: string;
  renderedAt: string;
  incidentId?: string;
}) {
  const { link, stuck } = useLiveVersion({ initialVersion, incidentId });
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
