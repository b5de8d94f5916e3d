import Link from "next/link";
import { linkClass, noteClass } from "@/app/(admin)/admin/_components/overview/overview-styles";
import { Stat } from "@/app/(admin)/admin/_components/overview/stat";
import { formatRelative } from "@/lib/format";
import { DELIVERY_WINDOW_HOURS, type ChannelHealth } from "@/server/queries/console-overview";

const alarming = (count: number) => `font-semibold tabular-nums ${count ? "text-red-800 dark:text-red-300" : ""}`;

const BADGES = {
  healthy: { label: "Healthy", className: "bg-green-100 text-green-900 dark:bg-green-950 dark:text-green-200" },
  failing: { label: "Failing", className: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200" },
  unconfigured: {
    label: "Not configured",
    className: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  },
} as const;

function stateOf(health: ChannelHealth): keyof typeof BADGES {
  if (health.configured === false) return "unconfigured";
  const trouble = health.retrying > 0 || health.gaveUp > 0 || health.lastFailure?.source === "test";
  return trouble ? "failing" : "healthy";
}

/** One delivery channel's queue: waiting, retrying and given up, how long the oldest has waited, and its last error. */
export function DeliveryHealth({ label, health, now }: { label: string; health: ChannelHealth; now: Date }) {
  const state = stateOf(health);
  const failure = health.lastFailure;
  return (
    <div className="rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
      <h3 className="text-sm font-semibold">
        {label}{" "}
        <span className={`ml-1 rounded px-1.5 py-0.5 text-xs font-medium ${BADGES[state].className}`}>
          {BADGES[state].label}
        </span>
      </h3>
      {state === "unconfigured" ? (
        <p className="mt-2 text-sm">
          No mail server is set, so readers are not offered email.{" "}
          <Link href="/admin/settings/email" className={linkClass}>
            Set up email
          </Link>
        </p>
      ) : null}
      <dl className="mt-2 grid grid-cols-3 gap-2 text-sm">
        <Stat label="Waiting" value={health.waiting} className="font-semibold tabular-nums" />
        <Stat label="Retrying" value={health.retrying} className={alarming(health.retrying)} />
        <Stat
          label={`Gave up (${DELIVERY_WINDOW_HOURS} h)`}
          value={health.gaveUp}
          className={alarming(health.gaveUp)}
        />
      </dl>
      {health.oldestWaitingAt ? (
        <p className={`mt-2 ${noteClass}`}>Oldest waiting since {formatRelative(health.oldestWaitingAt, now)}.</p>
      ) : null}
      {failure ? (
        <p className="mt-2 text-sm break-words text-red-800 dark:text-red-300">
          {failure.source === "test" ? "The last test email failed" : "Last failed delivery"}{" "}
          {formatRelative(failure.at, now)}: <code>{failure.error}</code>{" "}
          <Link href="/admin/settings/email" className={linkClass}>
            Email settings
          </Link>
        </p>
      ) : null}
    </div>
  );
}
