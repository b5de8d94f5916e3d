import type { Metadata } from "next";
import { ofPage } from "@/lib/page-title";
import { PublicLink } from "@/components/public-link";
import { Time } from "@/components/time";
import type { IncidentSummaryDto } from "@/lib/dto";
import { describePublicStatus, formatDuration, formatUtcMonth } from "@/lib/format";
import { isResolvedStatus } from "@/lib/status";
import { getComponentTree, getPage, listIncidentsBetween } from "@/server/queries/public-status";
import { hasIncidentsBefore } from "@/server/queries/public-timeline";
import { pageMetadata } from "@/app/(public)/_components/branding";
import { ImpactBadge, IncidentLink, PublicStatus } from "@/app/(public)/_components/incident-bits";
import { Freshness } from "@/app/(public)/_components/freshness";
import { getLiveVersion } from "@/server/queries/live-version";
import {
  MONTH_PREVIEW_LIMIT,
  historyHref,
  historyMonths,
  monthHref,
  monthRange,
  parseHistoryQuery,
} from "@/lib/history-params";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  const page = await getPage();
  return pageMetadata(page, {
    title: "Incident history",
    description: `Every incident and maintenance${ofPage(page.name)}, month by month.`,
    path: "/history",
  });
}

function monthKey(date: Date): number {
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
}

function HistoryItem({ incident, now }: { incident: IncidentSummaryDto; now: Date }) {
  const start = incident.kind === "maintenance" && incident.scheduledFor ? incident.scheduledFor : incident.startedAt;
  const end = isResolvedStatus(incident.status) ? incident.resolvedAt : null;
  return (
    <li className="py-3">
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
        <IncidentLink id={incident.id} name={incident.name} />
        <ImpactBadge impact={incident.impact} />
      </div>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        <Time date={start} now={now} />
        {end ? (
          <>
            {" "}
            to <Time date={end} now={now} />, lasted {formatDuration(end.getTime() - start.getTime())}
            {incident.status === "postmortem" && (
              <>
                {" "}
                · <PublicStatus incidentId={incident.id} status={incident.status} />
              </>
            )}
          </>
        ) : (
          <> · {describePublicStatus(incident.status).text}</>
        )}
      </p>
    </li>
  );
}

export default async function HistoryPage({ searchParams }: Props) {
  const query = parseHistoryQuery(await searchParams);
  const liveVersion = await getLiveVersion();
  const now = new Date();
  const tree = await getComponentTree();
  const problems = [...query.problems];
  let componentId = query.componentId;
  if (componentId && !tree.components.some((c) => c.id === componentId)) {
    problems.push("There is no component with that id; showing every component.");
    componentId = null;
  }
  const { months, from, to } = query.month ? monthRange(query.month) : historyMonths(now, query.page);
  const limit = query.month ? Infinity : MONTH_PREVIEW_LIMIT;
  const [incidents, hasOlder] = await Promise.all([
    listIncidentsBetween(from, to, componentId ?? undefined),
    hasIncidentsBefore(from, componentId ?? undefined),
  ]);
  const byMonth = new Map<number, IncidentSummaryDto[]>();
  for (const incident of incidents) {
    const key = monthKey(incident.startedAt);
    byMonth.set(key, [...(byMonth.get(key) ?? []), incident]);
  }
  const selected = componentId ? tree.components.find((c) => c.id === componentId) : undefined;
  const ungrouped = tree.components.filter((c) => !c.groupId || !tree.groups.some((g) => g.id === c.groupId));

  return (
    <>
      <Freshness version={liveVersion} />
      <h1 className="text-2xl font-semibold">Incident history</h1>
      {problems.length > 0 && (
        <ul
          role="status"
          className="mt-3 rounded border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-600 dark:bg-amber-950 dark:text-amber-200"
        >
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
      <form method="get" action="/history" className="mt-4 flex flex-wrap items-end gap-2">
        <div className="flex flex-col gap-1">
          <label htmlFor="component-filter" className="text-sm font-medium">
            Component
          </label>
          <select
            id="component-filter"
            name="component"
            defaultValue={componentId ?? ""}
            className="min-w-48 rounded border border-zinc-300 bg-white px-2 py-1.5 dark:border-zinc-600 dark:bg-zinc-900"
          >
            <option value="">All components</option>
            {tree.groups.map((group) => (
              <optgroup key={group.id} label={group.name}>
                {tree.components
                  .filter((c) => c.groupId === group.id)
                  .map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
              </optgroup>
            ))}
            {ungrouped.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <button
          type="submit"
          className="rounded bg-zinc-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-zinc-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 dark:bg-zinc-100 dark:text-zinc-900 dark:hover:bg-zinc-300"
        >
          Filter
        </button>
        {selected && (
          <PublicLink href={historyHref(1, null)} className="py-1.5 text-sm text-blue-700 underline dark:text-blue-300">
            Show all components
          </PublicLink>
        )}
      </form>
      {selected && <p className="mt-3 text-sm">Showing incidents that affected {selected.name}.</p>}

      {months.map((month) => {
        const list = byMonth.get(month.getTime()) ?? [];
        const id = `month-${month.toISOString().slice(0, 7)}`;
        return (
          <section key={id} aria-labelledby={id} className="mt-8">
            <h2 id={id} className="border-b border-zinc-200 pb-1 text-lg font-semibold dark:border-zinc-800">
              {formatUtcMonth(month)}
            </h2>
            {list.length === 0 ? (
              <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">No incidents reported this month.</p>
            ) : (
              <>
                <ul className="divide-y divide-zinc-100 dark:divide-zinc-800/60">
                  {list.slice(0, limit).map((incident) => (
                    <HistoryItem key={incident.id} incident={incident} now={now} />
                  ))}
                </ul>
                {list.length > limit && (
                  <p className="mt-2 text-sm">
                    <PublicLink
                      href={monthHref(month, componentId)}
                      className="text-blue-700 underline dark:text-blue-300"
                    >
                      Show all {list.length} incidents from {formatUtcMonth(month)}
                    </PublicLink>
                  </p>
                )}
              </>
            )}
          </section>
        );
      })}

      {query.month ? (
        <p className="mt-8">
          <PublicLink href={historyHref(1, componentId)} className="text-blue-700 underline dark:text-blue-300">
            <span aria-hidden="true">← </span>Back to the latest months
          </PublicLink>
        </p>
      ) : (
        <nav aria-label="History pages" className="mt-8 flex justify-between gap-4">
          {query.page > 1 ? (
            <PublicLink
              href={historyHref(query.page - 1, componentId)}
              className="text-blue-700 underline dark:text-blue-300"
            >
              <span aria-hidden="true">← </span>Newer incidents
            </PublicLink>
          ) : (
            <span />
          )}
          {hasOlder && query.page < 1_000 ? (
            <PublicLink
              href={historyHref(query.page + 1, componentId)}
              className="text-blue-700 underline dark:text-blue-300"
            >
              Older incidents<span aria-hidden="true"> →</span>
            </PublicLink>
          ) : (
            <span />
          )}
        </nav>
      )}
    </>
  );
}
