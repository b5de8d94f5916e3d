"use client";

import Link from "next/link";
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { COMPONENT_TONE, TONE_FILL } from "@/components/status-tone";
import { formatUtcDate } from "@/lib/format";
import { COMPONENT_STATUS_LABELS } from "@/lib/status";
import { decodeUptime, describeUptimeDayOutage, MAX_DAY_INCIDENTS, type DecodedUptimeDay, type EncodedUptime, type UptimeDay } from "@/lib/uptime";

function toneOf(day: UptimeDay) {
  return day.status ? COMPONENT_TONE[day.status] : "neutral";
}

function describeIncidents(day: DecodedUptimeDay, max: number): string {
  if (day.incidents.length === 0) return "";
  const names = day.incidents.slice(0, max).map((i) => i.name);
  const more = day.incidents.length - names.length + day.moreIncidents;
  return ` Incidents: ${names.join("; ")}${more ? ` and ${more} more` : ""}.`;
}

function describeDay(day: DecodedUptimeDay, maxIncidents = MAX_DAY_INCIDENTS): string {
  return `${formatUtcDate(day.date)}: ${describeUptimeDayOutage(day)}.${describeIncidents(day, maxIncidents)}`;
}

const TONE_COLOUR_VAR: Record<ReturnType<typeof toneOf>, string> = {
  ok: "var(--sp-ok)",
  degraded: "var(--sp-degraded)",
  partial: "var(--sp-partial)",
  major: "var(--sp-major)",
  maintenance: "var(--sp-maintenance)",
  neutral: "var(--sp-neutral)",
};

/** One gradient stop per run of same-coloured days: a page of a hundred bars stays a few kilobytes. */
function stripBackground(days: DecodedUptimeDay[]): string {
  const stops: string[] = [];
  const width = 100 / days.length;
  let runStart = 0;
  days.forEach((day, index) => {
    const next = days[index + 1];
    if (next && toneOf(next) === toneOf(day)) return;
    stops.push(`${TONE_COLOUR_VAR[toneOf(day)]} ${(runStart * width).toFixed(2)}% ${((index + 1) * width).toFixed(2)}%`);
    runStart = index + 1;
  });
  return `linear-gradient(to right, ${stops.join(", ")})`;
}

function summarise(days: DecodedUptimeDay[]): string {
  const troubled = days.filter((day) => !isQuiet(day));
  if (troubled.length === 0) return "No downtime recorded.";
  const latest = troubled[troubled.length - 1];
  return `${troubled.length} day${troubled.length === 1 ? "" : "s"} with incidents or downtime; most recently ${describeDay(latest, 2)}`;
}

function isQuiet(day: DecodedUptimeDay): boolean {
  return !day.partialOutageMinutes && !day.majorOutageMinutes && day.incidents.length === 0;
}

/**
 * 90 days, one segment per day coloured by its worst status. Without JavaScript the bar is one summarised image;
 * in the browser every day can be hovered, or focused and walked with the arrow keys, to show its details.
 */
export function UptimeBar({ label, encoded }: { label: string; encoded: EncodedUptime }) {
  const days = useMemo(() => decodeUptime(encoded), [encoded]);
  const [hydrated, setHydrated] = useState(false);
  const [expanded, setExpanded] = useState(false);
  const focusOnExpand = useRef(false);
  const [focusIndex, setFocusIndex] = useState(days.length - 1);
  const [active, setActive] = useState<number | null>(null);
  const container = useRef<HTMLDivElement>(null);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const tooltipId = useId();

  useEffect(() => setHydrated(true), []);
  useEffect(() => {
    if (!expanded || !focusOnExpand.current) return;
    focusOnExpand.current = false;
    buttons.current[days.length - 1]?.focus();
  }, [expanded, days.length]);

  const first = days[0];
  const last = days[days.length - 1];
  const listLabel = `${label}: daily status from ${first ? formatUtcDate(first.date) : ""} to ${last ? formatUtcDate(last.date) : ""}`;

  // Day-by-day buttons exist only for a bar the reader reaches for, so a page of many bars keeps a small DOM.
  if (!expanded) {
    return (
      <div className="relative" onMouseEnter={hydrated ? () => setExpanded(true) : undefined}>
        <div
          role="img"
          aria-label={`${listLabel}. ${summarise(days)}`}
          className="sp-strip"
          style={{ backgroundImage: `var(--sp-gaps), ${stripBackground(days)}`, ["--sp-days" as string]: days.length }}
        />
        {hydrated && (
          <button
            type="button"
            aria-label={`Explore ${label} day by day`}
            className="absolute inset-0 rounded-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-zinc-900 dark:focus-visible:outline-zinc-100"
            onFocus={() => {
              focusOnExpand.current = true;
              setActive(days.length - 1);
              setExpanded(true);
            }}
          />
        )}
      </div>
    );
  }

  function move(event: KeyboardEvent<HTMLButtonElement>, index: number) {
    const targets: Record<string, number> = { ArrowLeft: index - 1, ArrowRight: index + 1, Home: 0, End: days.length - 1 };
    if (event.key === "Escape") {
      setActive(null);
      return;
    }
    if (!(event.key in targets)) return;
    event.preventDefault();
    const next = Math.min(days.length - 1, Math.max(0, targets[event.key]));
    setFocusIndex(next);
    setActive(next);
    buttons.current[next]?.focus();
  }

  const activeDay = active === null ? null : days[active];
  const align = active === null ? "" : active < days.length * 0.2 ? "left-0" : active > days.length * 0.8 ? "right-0" : "-translate-x-1/2";
  const left = active !== null && align === "-translate-x-1/2" ? `${((active + 0.5) / days.length) * 100}%` : undefined;

  return (
    <div
      ref={container}
      className="relative"
      onMouseLeave={() => {
        if (!container.current?.contains(document.activeElement)) setActive(null);
      }}
      onBlur={(event) => {
        if (!container.current?.contains(event.relatedTarget as Node | null)) setActive(null);
      }}
    >
      <ol aria-label={listLabel} className="sp-bar">
        {days.map((day, index) => (
          <li key={day.date.getTime()} className="flex flex-1">
            <button
              ref={(element) => {
                buttons.current[index] = element;
              }}
              type="button"
              tabIndex={index === focusIndex ? 0 : -1}
              aria-label={describeDay(day)}
              aria-describedby={active === index ? tooltipId : undefined}
              className={`h-full w-full rounded-[1px] ${TONE_FILL[toneOf(day)]} hover:opacity-75 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-zinc-900 dark:focus-visible:outline-zinc-100`}
              onMouseEnter={() => setActive(index)}
              onFocus={() => {
                setFocusIndex(index);
                setActive(index);
              }}
              onKeyDown={(event) => move(event, index)}
            />
          </li>
        ))}
      </ol>
      {activeDay && (
        <div
          id={tooltipId}
          className={`absolute top-full z-10 mt-2 w-64 max-w-[calc(100vw-2rem)] rounded-md border border-zinc-200 bg-white p-3 text-sm shadow-lg dark:border-zinc-700 dark:bg-zinc-900 ${align}`}
          style={left ? { left } : undefined}
        >
          <p className="font-semibold">{formatUtcDate(activeDay.date)}</p>
          <p>{activeDay.status ? COMPONENT_STATUS_LABELS[activeDay.status] : "No data"}</p>
          <p>{describeUptimeDayOutage(activeDay)}</p>
          {activeDay.moreIncidents > 0 && (
            <p className="mt-1">
              and {activeDay.moreIncidents} more in the <Link href="/history" className="text-blue-700 underline dark:text-blue-300">incident history</Link>
            </p>
          )}
          {activeDay.incidents.length > 0 && (
            <ul className="mt-2 space-y-1">
              {activeDay.incidents.map((incident) => (
                <li key={incident.id}>
                  <Link href={`/incidents/${incident.id}`} className="text-blue-700 underline dark:text-blue-300">
                    {incident.name}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
