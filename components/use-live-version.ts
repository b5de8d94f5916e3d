import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { connectLive, type LiveLink } from "@/components/live-connection";

const MAX_REFRESH_ATTEMPTS = 8;

/**
 * Keeps an open page current: when the live version differs from the one this render was produced with, the page
 * re-renders. The version a tab believes it shows always comes from the render itself, so a refresh that came back
 * older (a cache, an instance not yet told) is retried, backing off, rather than believed; `stuck` says when the
 * retries ran out.
 */
export function useLiveVersion({ initialVersion, incidentId }: { initialVersion: string; incidentId?: string }) {
  const router = useRouter();
  const [refreshing, startTransition] = useTransition();
  const [latest, setLatest] = useState(initialVersion);
  const [attempts, setAttempts] = useState(0);
  const [visible, setVisible] = useState(true);
  const [link, setLink] = useState<LiveLink>("connecting");

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

  // The connection follows the page being shown, not each render of it.
  useEffect(
    () =>
      connectLive(incidentId, {
        onVersion: (version) => {
          setLatest(version);
          setAttempts(0);
        },
        onLink: setLink,
        onVisibility: setVisible,
      }),
    [incidentId],
  );

  return { link, stuck: behind && !refreshing && attempts >= MAX_REFRESH_ATTEMPTS };
}
