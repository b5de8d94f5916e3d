"use client";

import { PeriodicRefresh } from "@/app/(admin)/admin/_components/periodic-refresh";
import { mutedClass } from "@/app/(admin)/admin/_components/overview/overview-styles";
import { POLL_MS, type LiveLink } from "@/components/live-connection";
import { useLiveVersion } from "@/components/use-live-version";

const LINK_LABELS: Record<LiveLink, string> = {
  connecting: "connecting…",
  live: "updates live",
  reconnecting: "reconnecting…",
  polling: `checks every ${POLL_MS / 1000} s`,
  offline: "offline: will catch up when the connection returns",
  mirror: "updates live",
};

// The push carries what the public page shows; this catches what it does not (delivery counts, "needs an update").
const CLOCK_REFRESH_MS = 60_000;

/**
 * "As of …" and how the overview keeps current: it re-renders as soon as the public page's live version changes
 * (an incident declared or updated, a component changed), through the same push the public page follows.
 */
export function OverviewLive({ version, at, atLabel }: { version: string; at: string; atLabel: string }) {
  const { link, stuck } = useLiveVersion({ initialVersion: version });
  return (
    <p className={mutedClass} data-live-state={link} data-live-version={version}>
      <PeriodicRefresh everyMs={CLOCK_REFRESH_MS} />
      As of <time dateTime={at}>{atLabel}</time>; {LINK_LABELS[link]}.
      {stuck ? (
        <>
          {" "}
          <button type="button" className="underline" onClick={() => window.location.reload()}>
            Newer information is available: reload
          </button>
        </>
      ) : null}
    </p>
  );
}
