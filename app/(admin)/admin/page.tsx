import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { pageActor } from "@/app/(admin)/admin/_lib/page-actor";
import { ComponentStatusText, ImpactLabel, StatusPill } from "@/app/(admin)/admin/_components/labels";
import { PeriodicRefresh } from "@/app/(admin)/admin/_components/periodic-refresh";
import {
  DELIVERY_WINDOW_HOURS,
  getConsoleOverview,
  STALE_UPDATE_MINUTES,
  type ChannelHealth,
  type ConsoleOverview,
  type OverviewIncident,
  type OverviewMaintenance,
} from "@/server/queries/console-overview";
import { describeAuditAction } from "@/lib/audit-actions";
import { formatDuration, formatRelative, formatUtcDateTime, formatUtcTime } from "@/lib/format";
import { COMPONENT_STATUS_LABELS, roleAtLeast } from "@/lib/status";

export const metadata: Metadata = { title: "Overview" };

const REFRESH_MS = 60_000;
const muted = "text-sm text-zinc-600 dark:text-zinc-400";
const linkClass = "font-medium text-blue-800 underline-offset-2 hover:underline dark:text-blue-300";
const primaryButton =
  "inline-flex min-h-10 items-center rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700";
const secondaryButton =
  "inline-flex min-h-10 items-center rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm font-medium hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800";

function Section({
  id,
  title,
  action,
  children,
}: {
  id: string;
  title: string;
  action?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section
      aria-labelledby={id}
      className="space-y-3 rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={id} className="text-lg font-semibold">
          {title}
        </h2>
        {action}
      </div>
      {children}
    </section>
  );
}

function Summary({ overview }: { overview: ConsoleOverview }) {
  const stale = overview.incidents.filter((i) => i.stale).length;
  const broken = overview.components.filter((c) => c.status !== "under_maintenance").length;
  const parts = [
    overview.incidents.length
      ? `${overview.incidents.length} open incident${overview.incidents.length === 1 ? "" : "s"}`
      : "No open incidents",
    ...(stale ? [`${stale} need${stale === 1 ? "s" : ""} an update`] : []),
    broken ? `${broken} component${broken === 1 ? "" : "s"} not operational` : "all components operational",
  ];
  const calm = overview.incidents.length === 0 && broken === 0;
  const accent = calm ? "border-l-green-600 dark:border-l-green-500" : "border-l-amber-500";
  return (
    <p
      className={`rounded-md border border-l-4 border-zinc-200 bg-white px-4 py-3 text-sm font-medium dark:border-zinc-800 dark:bg-zinc-900 ${accent}`}
    >
      {parts.join(" · ")}.
    </p>
  );
}

function IncidentItem({ incident, canRespond, now }: { incident: OverviewIncident; canRespond: boolean; now: Date }) {
  const since = formatDuration(incident.minutesSinceUpdate * 60_000);
  return (
    <li
      className={`flex flex-col gap-3 p-3 sm:flex-row sm:items-start sm:justify-between ${incident.stale ? "border-l-4 border-l-amber-500 bg-amber-50 dark:bg-amber-950/40" : ""}`}
    >
      <div className="min-w-0 space-y-1">
        <Link href={`/admin/incidents/${incident.id}`} className={`${linkClass} break-words`}>
          {incident.name}
        </Link>
        <p className="flex flex-wrap items-center gap-x-2 gap-y-1">
          <StatusPill status={incident.status} />
          <ImpactLabel impact={incident.impact} />
          <span className="text-xs text-zinc-600 dark:text-zinc-400">
            Started {formatRelative(incident.startedAt, now)}
          </span>
        </p>
        {incident.stale ? (
          <p className="text-sm font-semibold text-amber-900 dark:text-amber-200">
            <span aria-hidden="true">⚠ </span>Needs an update: the last one was {since} ago (
            <time dateTime={incident.lastUpdateAt.toISOString()}>{formatUtcTime(incident.lastUpdateAt)}</time>).
          </p>
        ) : (
          <p className={muted}>
            Last update {incident.minutesSinceUpdate === 0 ? "just now" : `${since} ago`} (
            <time dateTime={incident.lastUpdateAt.toISOString()}>{formatUtcTime(incident.lastUpdateAt)}</time>).
          </p>
        )}
        {incident.components.length ? (
          <p className="text-xs text-zinc-700 dark:text-zinc-300">
            Affects {incident.components.map((c) => `${c.name} (${COMPONENT_STATUS_LABELS[c.status]})`).join(", ")}
          </p>
        ) : null}
      </div>
      {canRespond ? (
        <Link
          href={`/admin/incidents/${incident.id}#post-update`}
          className={`${incident.stale ? primaryButton : secondaryButton} shrink-0 self-start`}
        >
          Post update<span className="sr-only"> to {incident.name}</span>
        </Link>
      ) : null}
    </li>
  );
}

function MaintenanceItem({ item, now }: { item: OverviewMaintenance; now: Date }) {
  return (
    <li className="flex flex-col gap-1 p-3 sm:flex-row sm:items-center sm:justify-between">
      <div className="min-w-0">
        <Link href={`/admin/incidents/${item.id}`} className={`${linkClass} break-words`}>
          {item.name}
        </Link>
        {item.scheduledFor && item.scheduledUntil ? (
          <p className="text-xs text-zinc-600 dark:text-zinc-400">
            {formatUtcDateTime(item.scheduledFor)} → {formatUtcDateTime(item.scheduledUntil)}
            {item.status === "scheduled"
              ? ` · ${item.overdue ? `was due to start ${formatRelative(item.scheduledFor, now)}` : `starts ${formatRelative(item.scheduledFor, now)}`}`
              : ""}
          </p>
        ) : null}
        {item.overdue ? (
          <p className="text-xs font-semibold text-amber-900 dark:text-amber-200">
            Not started yet: start it or reschedule it.
          </p>
        ) : null}
      </div>
      <span className="shrink-0 self-start sm:self-center">
        <StatusPill status={item.status} />
      </span>
    </li>
  );
}

const listClass =
  "divide-y divide-zinc-200 rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800";

function ChannelRow({ label, health, now }: { label: string; health: ChannelHealth; now: Date }) {
  const trouble = health.retrying > 0 || health.gaveUp > 0;
  return (
    <div className="rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
      <h3 className="text-sm font-semibold">
        {label}{" "}
        <span
          className={`ml-1 rounded px-1.5 py-0.5 text-xs font-medium ${trouble ? "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200" : "bg-green-100 text-green-900 dark:bg-green-950 dark:text-green-200"}`}
        >
          {trouble ? "Failing" : "Healthy"}
        </span>
      </h3>
      <dl className="mt-2 grid grid-cols-3 gap-2 text-sm">
        <div>
          <dt className="text-xs text-zinc-600 dark:text-zinc-400">Waiting</dt>
          <dd className="font-semibold tabular-nums">{health.waiting}</dd>
        </div>
        <div>
          <dt className="text-xs text-zinc-600 dark:text-zinc-400">Retrying</dt>
          <dd className={`font-semibold tabular-nums ${health.retrying ? "text-red-800 dark:text-red-300" : ""}`}>
            {health.retrying}
          </dd>
        </div>
        <div>
          <dt className="text-xs text-zinc-600 dark:text-zinc-400">Gave up ({DELIVERY_WINDOW_HOURS} h)</dt>
          <dd className={`font-semibold tabular-nums ${health.gaveUp ? "text-red-800 dark:text-red-300" : ""}`}>
            {health.gaveUp}
          </dd>
        </div>
      </dl>
      {health.oldestWaitingAt ? (
        <p className="mt-2 text-xs text-zinc-600 dark:text-zinc-400">
          Oldest waiting since {formatRelative(health.oldestWaitingAt, now)}.
        </p>
      ) : null}
    </div>
  );
}

function Notifications({ overview, isOwner }: { overview: ConsoleOverview; isOwner: boolean }) {
  const { subscribers, deliveries, failingWebhooks } = overview;
  const now = overview.generatedAt;
  return (
    <Section
      id="notifications-heading"
      title="Subscribers and deliveries"
      action={
        isOwner ? (
          <Link href="/admin/subscribers" className={`${linkClass} text-sm`}>
            All subscribers
          </Link>
        ) : undefined
      }
    >
      <dl className="grid grid-cols-3 gap-2 text-sm">
        <div>
          <dt className="text-xs text-zinc-600 dark:text-zinc-400">Email</dt>
          <dd className="text-xl font-semibold tabular-nums">{subscribers.email}</dd>
        </div>
        <div>
          <dt className="text-xs text-zinc-600 dark:text-zinc-400">Webhooks</dt>
          <dd className="text-xl font-semibold tabular-nums">{subscribers.webhook}</dd>
        </div>
        <div>
          <dt className="text-xs text-zinc-600 dark:text-zinc-400">Unconfirmed</dt>
          <dd className="text-xl font-semibold tabular-nums">{subscribers.awaitingConfirmation}</dd>
        </div>
      </dl>
      <ChannelRow label="Email deliveries" health={deliveries.email} now={now} />
      <ChannelRow label="Webhook deliveries" health={deliveries.webhook} now={now} />
      {deliveries.disabledWebhooks ? (
        <p className="text-sm font-medium text-red-800 dark:text-red-300">
          {deliveries.disabledWebhooks} webhook{deliveries.disabledWebhooks === 1 ? " is" : "s are"} disabled after
          repeated failures.
        </p>
      ) : null}
      {failingWebhooks?.length ? (
        <div>
          <h3 className="text-sm font-semibold">Failing webhooks</h3>
          <ul className="mt-1 space-y-1 text-sm">
            {failingWebhooks.map((hook) => (
              <li key={hook.id} className="min-w-0">
                <Link href={`/admin/subscribers/${hook.id}`} className={`${linkClass} break-all`}>
                  {hook.endpoint}
                </Link>{" "}
                <span className="text-xs text-zinc-600 dark:text-zinc-400">
                  {hook.disabled
                    ? "disabled"
                    : `${hook.consecutiveFailures} failure${hook.consecutiveFailures === 1 ? "" : "s"} in a row`}
                </span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </Section>
  );
}

function Activity({ overview, isOwner }: { overview: ConsoleOverview; isOwner: boolean }) {
  return (
    <Section
      id="activity-heading"
      title="Recent activity"
      action={
        isOwner ? (
          <Link href="/admin/audit" className={`${linkClass} text-sm`}>
            Audit log
          </Link>
        ) : undefined
      }
    >
      {overview.activity.length === 0 ? (
        <p className={muted}>Nothing has happened yet.</p>
      ) : (
        <ol className="space-y-3">
          {overview.activity.map((entry) => (
            <li key={entry.id} className="text-sm">
              <p>
                <span className="font-medium">{describeAuditAction(entry.action)}</span>
                {": "}
                {entry.entity.href ? (
                  <Link href={entry.entity.href} className={`${linkClass} break-words`}>
                    {entry.entity.label}
                  </Link>
                ) : (
                  <span className="break-words">{entry.entity.label}</span>
                )}
              </p>
              <p className="text-xs text-zinc-600 dark:text-zinc-400">
                {entry.actorLabel} ·{" "}
                <time dateTime={entry.at.toISOString()} title={formatUtcDateTime(entry.at)}>
                  {formatRelative(entry.at, overview.generatedAt)}
                </time>
              </p>
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}

export default async function OverviewPage() {
  const actor = await pageActor();
  const overview = await getConsoleOverview({ ctx: { actor } });
  const now = overview.generatedAt;
  const canRespond = roleAtLeast(actor.role, "responder");
  const isOwner = roleAtLeast(actor.role, "owner");
  const { active, upcoming } = overview.maintenance;

  return (
    <div className="space-y-6">
      <PeriodicRefresh everyMs={REFRESH_MS} />
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Overview</h1>
          <p className={muted}>
            As of <time dateTime={now.toISOString()}>{formatUtcTime(now)}</time>; refreshes every minute.
          </p>
        </div>
        {canRespond ? (
          <div className="flex flex-wrap gap-2">
            <Link href="/admin/incidents/new" className={primaryButton}>
              Declare incident
            </Link>
            <Link href="/admin/maintenance/new" className={secondaryButton}>
              Schedule maintenance
            </Link>
          </div>
        ) : null}
      </div>
      <Summary overview={overview} />

      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="space-y-6">
          <Section
            id="open-incidents-heading"
            title="Open incidents"
            action={
              <Link href="/admin/incidents" className={`${linkClass} text-sm`}>
                All incidents
              </Link>
            }
          >
            {overview.incidents.length === 0 ? (
              <p className={muted}>No open incidents.</p>
            ) : (
              <>
                <p className={muted}>
                  Least recently updated first; one without an update for {STALE_UPDATE_MINUTES} minutes is flagged.
                </p>
                <ul className={listClass}>
                  {overview.incidents.map((incident) => (
                    <IncidentItem key={incident.id} incident={incident} canRespond={canRespond} now={now} />
                  ))}
                </ul>
              </>
            )}
          </Section>

          <Section
            id="components-heading"
            title="Components not operational"
            action={
              <Link href="/admin/components" className={`${linkClass} text-sm`}>
                All components
              </Link>
            }
          >
            {overview.components.length === 0 ? (
              <p className={muted}>All components are operational.</p>
            ) : (
              <ul className={listClass}>
                {overview.components.map((component) => (
                  <li key={component.id} className="flex flex-wrap items-center justify-between gap-2 p-3">
                    <span className="min-w-0">
                      <Link href={`/admin/components/${component.id}`} className={`${linkClass} break-words`}>
                        {component.name}
                      </Link>
                      {component.groupName ? (
                        <span className="text-xs text-zinc-600 dark:text-zinc-400"> in {component.groupName}</span>
                      ) : null}
                    </span>
                    <ComponentStatusText status={component.status} />
                  </li>
                ))}
              </ul>
            )}
          </Section>

          <Section
            id="maintenance-heading"
            title="Maintenance"
            action={
              <Link href="/admin/maintenance" className={`${linkClass} text-sm`}>
                All maintenance
              </Link>
            }
          >
            {active.length ? (
              <div className="space-y-2">
                <h3 className="text-sm font-semibold">In progress</h3>
                <ul className={listClass}>
                  {active.map((item) => (
                    <MaintenanceItem key={item.id} item={item} now={now} />
                  ))}
                </ul>
              </div>
            ) : null}
            <div className="space-y-2">
              <h3 className="text-sm font-semibold">Upcoming</h3>
              {upcoming.length ? (
                <ul className={listClass}>
                  {upcoming.map((item) => (
                    <MaintenanceItem key={item.id} item={item} now={now} />
                  ))}
                </ul>
              ) : (
                <p className={muted}>No maintenance scheduled.</p>
              )}
            </div>
          </Section>
        </div>

        <div className="space-y-6">
          <Notifications overview={overview} isOwner={isOwner} />
          <Activity overview={overview} isOwner={isOwner} />
        </div>
      </div>
    </div>
  );
}
