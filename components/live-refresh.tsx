"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Time } from "@/components/time";

const POLL_MS = 20_000;

/**
 * Polls the live version of the public data and re-renders the page when it changes; pauses while the tab is hidden.
 * Shows when the page was last confirmed current.
 */
export function LiveRefresh({ initialVersion, renderedAt, incidentId }: { initialVersion: string; renderedAt: string; incidentId?: string }) {
  const router = useRouter();
  const version = useRef(initialVersion);
  const [checkedAt, setCheckedAt] = useState(renderedAt);

  useEffect(() => {
    version.current = initialVersion;
    setCheckedAt(renderedAt);
  }, [initialVersion, renderedAt]);

  useEffect(() => {
    let busy = false;
    const url = `/api/live${incidentId ? `?incident=${encodeURIComponent(incidentId)}` : ""}`;
    async function poll() {
      if (document.hidden || busy) return;
      busy = true;
      try {
        const response = await fetch(url, { cache: "no-store" });
        if (!response.ok) return;
        const body = (await response.json()) as { version?: unknown };
        if (typeof body.version !== "string") return;
        if (body.version !== version.current) {
          version.current = body.version;
          router.refresh();
        } else {
          setCheckedAt(new Date().toISOString());
        }
      } catch {
        // Offline or the server is restarting: the next poll tries again.
      } finally {
        busy = false;
      }
    }
    const interval = window.setInterval(poll, POLL_MS);
    const onVisibility = () => {
      if (!document.hidden) void poll();
    };
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      window.clearInterval(interval);
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [incidentId, router]);

  return (
    <p className="text-sm text-zinc-600 dark:text-zinc-400" aria-live="off">
      Last updated <Time date={new Date(checkedAt)} format="time" />
    </p>
  );
}
