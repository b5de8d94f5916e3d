import { formatRelative, formatUtcDate, formatUtcDateTime, formatUtcTime } from "@/lib/format";

export type TimeFormat = "datetime" | "date" | "time";

export function formatUtc(date: Date, format: TimeFormat): string {
  if (format === "date") return formatUtcDate(date);
  if (format === "time") return formatUtcTime(date);
  return formatUtcDateTime(date);
}

/**
 * A time rendered in UTC on the server; the time-zone toggle rewrites its text to local time in the browser,
 * so hydration differences in the text are expected.
 */
export function Time({
  date,
  format = "datetime",
  now,
  className,
}: {
  date: Date;
  format?: TimeFormat;
  now?: Date;
  className?: string;
}) {
  return (
    <time
      dateTime={date.toISOString()}
      data-format={format}
      title={formatRelative(date, now ?? new Date())}
      className={className}
      suppressHydrationWarning
    >
      {formatUtc(date, format)}
    </time>
  );
}
