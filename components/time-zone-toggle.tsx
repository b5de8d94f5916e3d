"use client";

import { useEffect, useState } from "react";
import { formatUtc, type TimeFormat } from "@/components/time";

const STORAGE_KEY = "statuspage:time-zone";
type Mode = "utc" | "local";

const dateFormat = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", year: "numeric" });
const timeFormat = new Intl.DateTimeFormat("en-US", {
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZoneName: "short",
});

function formatLocal(date: Date, format: TimeFormat): string {
  if (format === "date") return dateFormat.format(date);
  if (format === "time") return timeFormat.format(date);
  return `${dateFormat.format(date)} - ${timeFormat.format(date)}`;
}

function isTimeFormat(value: string | undefined): value is TimeFormat {
  return value === "datetime" || value === "date" || value === "time";
}

function applyMode(mode: Mode) {
  for (const element of document.querySelectorAll<HTMLTimeElement>("time[data-format]")) {
    const date = new Date(element.dateTime);
    const format = element.dataset.format;
    if (Number.isNaN(date.getTime()) || !isTimeFormat(format)) continue;
    const text = mode === "local" ? formatLocal(date, format) : formatUtc(date, format);
    if (element.textContent === text) continue;
    // Keep React's own text node so later server updates still land in it.
    const only = element.childNodes.length === 1 ? element.firstChild : null;
    if (only && only.nodeType === Node.TEXT_NODE) only.nodeValue = text;
    else element.textContent = text;
  }
}

/** Lets the reader switch every time on the page between UTC (the default) and their own time zone. */
export function TimeZoneToggle() {
  const [mode, setMode] = useState<Mode | null>(null);

  useEffect(() => {
    setMode(window.localStorage.getItem(STORAGE_KEY) === "local" ? "local" : "utc");
  }, []);

  useEffect(() => {
    if (mode === null) return;
    applyMode(mode);
    if (mode === "utc") return;
    const observer = new MutationObserver(() => applyMode(mode));
    observer.observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: ["datetime"],
    });
    return () => observer.disconnect();
  }, [mode]);

  if (mode === null) return <span>Times are shown in UTC.</span>;

  const next: Mode = mode === "utc" ? "local" : "utc";
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <span>Times are shown in {mode === "utc" ? "UTC" : "your time zone"}.</span>
      <button
        type="button"
        className="rounded border border-zinc-300 px-2 py-0.5 text-sm hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 dark:border-zinc-600 dark:hover:bg-zinc-800"
        onClick={() => {
          window.localStorage.setItem(STORAGE_KEY, next);
          setMode(next);
        }}
      >
        {next === "local" ? "Show local time" : "Show UTC"}
      </button>
    </span>
  );
}
