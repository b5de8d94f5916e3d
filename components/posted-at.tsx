"use client";

import { useEffect, useState } from "react";
import { Time } from "@/components/time";
import { formatRelative } from "@/lib/format";

const RECENT_MS = 24 * 3_600_000;
const TICK_MS = 30_000;

/**
 * "Posted 21 minutes ago. Nov 26, 2026 - 12:25 UTC" for an update of the last day, "Posted <date>" for older ones.
 * The relative part follows the clock in an open tab; the server's text is only the first guess.
 */
export function PostedAt({ date, now }: { date: Date; now: Date }) {
  const [current, setCurrent] = useState(now);
  useEffect(() => {
    setCurrent(new Date());
    const timer = setInterval(() => setCurrent(new Date()), TICK_MS);
    return () => clearInterval(timer);
  }, []);
  const age = current.getTime() - date.getTime();
  const recent = age >= -60_000 && age < RECENT_MS;
  return (
    <>
      Posted{" "}
      {recent ? (
        <>
          <span data-relative-time suppressHydrationWarning>
            {formatRelative(date, current)}
          </span>
          .{" "}
        </>
      ) : null}
      <Time date={date} now={current} />
    </>
  );
}
