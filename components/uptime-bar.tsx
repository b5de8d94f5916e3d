"use client";

import { PublicLink } from "@/components/public-link";
import {
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type KeyboardEvent,
} from "react";
import { COMPONENT_TONE, TONE_FILL } from "@/components/status-tone";
import { formatUtcDate } from "@/lib/format";
import {
  decodeUptime,
  describeUptimeDay,
  MAX_DAY_INCIDENTS,
  presentUptimeDay,
  UPTIME_NARROW_DAYS,
  type DecodedUptimeDay,
  type EncodedUptime,
  type UptimeBarKind,
  type UptimeDay,
} from "@/lib/uptime";

function toneOf(day: UptimeDay) {
  const { status } = presentUptimeDay(day);
  return status ? COMPONENT_TONE[status] : "neutral";
}

function describeIncidents(day: DecodedUptimeDay, max: number): string {
  if (day.incidents.length === 0) return "";
  const names = day.incidents.slice(0, max).map((i) => i.name);
  const more = day.incidents.length - names.length + day.moreIncidents;
  return ` Incidents: ${names.join("; ")}${more ? ` and ${more} more` : ""}.`;
}

function describeDay(day: DecodedUptimeDay, maxIncidents = MAX_DAY_INCIDENTS): string {
  return `${describeUptimeDay(day)}.${describeIncidents(day, maxIncidents)}`;
}

function ActiveDayText({ day }: { day: UptimeDay }) {
  const { label, text } = presentUptimeDay(day);
  return (
    <>
      <p>{label}</p>
      {text !== label && <p>{text}</p>}
    </>
  );
}

export type UptimeBarRef = {
  kind: UptimeBarKind;
  id: string;
  label: string;
  /** This bar's row in the page's uptime image. */
  row: number;
  /** "99.95", or null before anything was tracked. */
  uptime: string | null;
  description: string;
  /** The same for the latest days only, which is what a narrow screen shows. */
  narrow: { uptime: string | null; description: string };
};

/** Must match public.css, where the page itself switches between the two views without JavaScript. */
const NARROW_SCREEN = "(width < 40rem)";

function subscribeToScreen(onChange: () => void) {
  const query = window.matchMedia(NARROW_SCREEN);
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
}

function useNarrowScreen(): boolean {
  return useSyncExternalStore(
    subscribeToScreen,
    () => window.matchMedia(NARROW_SCREEN).matches,
    () => false,
  );
}

async function fetchDays(bar: UptimeBarRef, version: string): Promise<DecodedUptimeDay[] | null> {
  try {
    const response = await fetch(
      `/api/uptime/${bar.kind}/${encodeURIComponent(bar.id)}?v=${encodeURIComponent(version)}`,
    );
    if (!response.ok) return null;
    const body = (await response.json()) as { days: EncodedUptime };
    return decodeUptime(body.days);
  } catch {
    return null;
  }
}

/**
 * 90 days (30 on a narrow screen), one segment per day coloured by its worst status, drawn from the page's uptime
 * image with a text summary of what is shown.
 * A reader who hovers or focuses the bar gets its day-by-day details, fetched then: each day can be hovered, or
 * focused and walked with the arrow keys.
 */
export function UptimeBar({ bar, version }: { bar: UptimeBarRef; version: string }) {
  const [loaded, setLoaded] = useState<{ version: string; days: DecodedUptimeDay[] } | null>(null);
  const narrowScreen = useNarrowScreen();
  const allDays = loaded?.version === version ? loaded.days : null;
  const days = useMemo(
    () => (allDays && narrowScreen ? allDays.slice(-UPTIME_NARROW_DAYS) : allDays),
    [allDays, narrowScreen],
  );
  const [hydrated, setHydrated] = useState(false);
  const [wanted, setWanted] = useState(false);
  const focusOnExpand = useRef(false);
  const [focusIndex, setFocusIndex] = useState<number | null>(null);
  const [active, setActive] = useState<number | null>(null);
  const container = useRef<HTMLDivElement>(null);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const tooltipId = useId();

  useEffect(() => setHydrated(true), []);
  useEffect(() => {
    if (!wanted || days) return;
    let current = true;
    void fetchDays(bar, version).then((fetched) => {
      if (!current) return;
      if (fetched) setLoaded({ version, days: fetched });
      else setWanted(false);
    });
    return () => {
      current = false;
    };
  }, [wanted, days, bar, version]);
  // A layout effect: the Explore button is gone in the same commit, so focus moves to today before anything (a
  // screen reader, a Tab key) can find it on the page's body.
  useLayoutEffect(() => {
    if (!days || !focusOnExpand.current) return;
    focusOnExpand.current = false;
    setFocusIndex(days.length - 1);
    setActive(days.length - 1);
    buttons.current[days.length - 1]?.focus();
  }, [days]);

  // Day-by-day buttons exist only for a bar the reader reaches for, so a page of many bars keeps a small DOM.
  if (!wanted || !days) {
    return (
      <div className="relative" onMouseEnter={hydrated ? () => setWanted(true) : undefined}>
        <div
          role="img"
          aria-label={bar.description}
          className="sp-strip sp-wide"
          style={{ ["--sp-row" as string]: bar.row }}
        />
        <div
          role="img"
          aria-label={bar.narrow.description}
          className="sp-strip sp-narrow"
          style={{ ["--sp-row" as string]: bar.row }}
        />
        {hydrated && (
          <button
            type="button"
            aria-label={`Explore ${bar.label} day by day`}
            aria-busy={wanted || undefined}
            className="absolute inset-0 rounded-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-zinc-900 dark:focus-visible:outline-zinc-100"
            onFocus={() => {
              focusOnExpand.current = true;
              setWanted(true);
            }}
          />
        )}
      </div>
    );
  }

  const shown = days;
  const first = shown[0];
  const last = shown[shown.length - 1];
  const listLabel = `${bar.label}: daily status from ${first ? formatUtcDate(first.date) : ""} to ${last ? formatUtcDate(last.date) : ""}`;
  const focusable = Math.min(focusIndex ?? days.length - 1, days.length - 1);

  function move(event: KeyboardEvent<HTMLButtonElement>, index: number) {
    const targets: Record<string, number> = {
      ArrowLeft: index - 1,
      ArrowRight: index + 1,
      Home: 0,
      End: shown.length - 1,
    };
    if (event.key === "Escape") {
      setActive(null);
      return;
    }
    if (!(event.key in targets)) return;
    event.preventDefault();
    const next = Math.min(shown.length - 1, Math.max(0, targets[event.key]));
    setFocusIndex(next);
    setActive(next);
    buttons.current[next]?.focus();
  }

  const activeDay = active === null ? null : (days[active] ?? null);
  const align =
    active === null
      ? ""
      : active < days.length * 0.2
        ? "left-0"
        : active > days.length * 0.8
          ? "right-0"
          : "-translate-x-1/2";
  const left = active !== null && align === "-translate-x-1/2" ? `${((active + 0.5) / days.length) * 100}%` : undefined;

  return (
    <div
      ref={container}
      className="relative"
      onMouseLeave={() => {
        if (!container.current?.contains(document.activeElement)) setActive(null);
      }}
      onBlur={(event) => {
        if (!container.current?.contains(event.relatedTarget)) setActive(null);
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
              tabIndex={index === focusable ? 0 : -1}
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
          <ActiveDayText day={activeDay} />
          {activeDay.moreIncidents > 0 && (
            <p className="mt-1">
              and {activeDay.moreIncidents} more in the{" "}
              <PublicLink href="/history" className="text-blue-700 underline dark:text-blue-300">
                incident history
              </PublicLink>
            </p>
          )}
          {activeDay.incidents.length > 0 && (
            <ul className="mt-2 space-y-1">
              {activeDay.incidents.map((incident) => (
                <li key={incident.id}>
                  <PublicLink href={`/incidents/${incident.id}`} className="text-blue-700 underline dark:text-blue-300">
                    {incident.name}
                  </PublicLink>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
