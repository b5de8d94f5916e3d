import { PublicLink } from "@/components/public-link";
import { COMPONENT_TONE, TONE_FILL } from "@/components/status-tone";
import { Time } from "@/components/time";
import { formatUtcMonth } from "@/lib/format";
import { describeUptimeDay, formatUptimePercent, presentUptimeDay, type UptimeDay } from "@/lib/uptime";
import { formatUptimeMonth, type UptimeMonth } from "@/lib/uptime-months";
import { ImpactBadge, IncidentLink } from "@/app/(public)/_components/incident-bits";

const WEEKDAYS = [
  ["Sun", "Sunday"],
  ["Mon", "Monday"],
  ["Tue", "Tuesday"],
  ["Wed", "Wednesday"],
  ["Thu", "Thursday"],
  ["Fri", "Friday"],
  ["Sat", "Saturday"],
] as const;

/** Weeks of the month, Sunday first, with null for the cells before the 1st and after the last day. */
function weeksOf(days: UptimeDay[]): (UptimeDay | null)[][] {
  const cells: (UptimeDay | null)[] = [...Array<null>(days[0]?.date.getUTCDay() ?? 0).fill(null), ...days];
  while (cells.length % 7) cells.push(null);
  return Array.from({ length: cells.length / 7 }, (_, week) => cells.slice(week * 7, week * 7 + 7));
}

function DayCell({ day }: { day: UptimeDay }) {
  const { status } = presentUptimeDay(day);
  const description = describeUptimeDay(day);
  const fill = TONE_FILL[status ? COMPONENT_TONE[status] : "neutral"];
  return (
    <td className="p-0.5">
      <span title={description} className={`block h-6 rounded-sm sm:h-7 ${fill}`}>
        <span className="sr-only">{description}</span>
      </span>
    </td>
  );
}

function MonthCalendar({ month }: { month: UptimeMonth }) {
  const id = `month-${formatUptimeMonth(month.month)}`;
  const uptime = month.uptimePercent === null ? "No data" : `${formatUptimePercent(month.uptimePercent)} % uptime`;
  return (
    <section aria-labelledby={id} className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
      <div className="flex flex-wrap items-baseline justify-between gap-x-3">
        <h2 id={id} className="text-lg font-semibold">
          {formatUtcMonth(month.month)}
        </h2>
        <p className="sp-muted">{uptime}</p>
      </div>
      <table className="mt-3 w-full table-fixed border-collapse">
        <caption className="sr-only">Daily status in {formatUtcMonth(month.month)}</caption>
        <thead>
          <tr>
            {WEEKDAYS.map(([short, long]) => (
              <th key={short} scope="col" className="pb-1 text-xs font-normal text-zinc-600 dark:text-zinc-400">
                <abbr title={long} className="no-underline">
                  {short}
                </abbr>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeksOf(month.days).map((week, index) => (
            <tr key={index}>{week.map((day, cell) => (day ? <DayCell key={cell} day={day} /> : <td key={cell} />))}</tr>
          ))}
        </tbody>
      </table>
      <h3 className="mt-4 text-sm font-semibold">Incidents</h3>
      {month.incidents.length === 0 ? (
        <p className="sp-muted mt-1">No incidents reported.</p>
      ) : (
        <ul className="mt-1 space-y-2 text-sm">
          {month.incidents.map((incident) => (
            <li key={incident.id}>
              <div className="flex flex-wrap items-baseline gap-x-2">
                <IncidentLink id={incident.id} name={incident.name} />
                <ImpactBadge impact={incident.impact} />
              </div>
              <p className="sp-muted">
                <Time date={incident.startedAt} format="date" />
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const STATUS_KEY = [
  ["ok", "Operational"],
  ["degraded", "Degraded performance"],
  ["partial", "Partial outage"],
  ["major", "Major outage"],
  ["maintenance", "Maintenance"],
  ["neutral", "No data"],
] as const;

/** A screen of months, oldest first, with links to the screens before and after it. */
export function UptimeCalendar({
  months,
  olderHref,
  newerHref,
}: {
  months: UptimeMonth[];
  olderHref: string | null;
  newerHref: string | null;
}) {
  return (
    <>
      <div className="mt-6 grid gap-4 lg:grid-cols-3">
        {months.map((month) => (
          <MonthCalendar key={month.month.getTime()} month={month} />
        ))}
      </div>
      <ul aria-label="Colour key" className="mt-4 flex flex-wrap gap-x-4 gap-y-1 text-xs">
        {STATUS_KEY.map(([tone, name]) => (
          <li key={tone} className="flex items-center gap-1.5">
            <span aria-hidden="true" className={`inline-block h-3 w-3 rounded-sm ${TONE_FILL[tone]}`} />
            {name}
          </li>
        ))}
      </ul>
      {(olderHref || newerHref) && (
        <nav aria-label="Other months" className="mt-6 flex justify-between gap-4">
          {olderHref ? (
            <PublicLink href={olderHref} className="sp-link" rel="prev">
              <span aria-hidden="true">←</span> Previous months
            </PublicLink>
          ) : (
            <span />
          )}
          {newerHref && (
            <PublicLink href={newerHref} className="sp-link" rel="next">
              Next months <span aria-hidden="true">→</span>
            </PublicLink>
          )}
        </nav>
      )}
    </>
  );
}
