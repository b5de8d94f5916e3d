import { noteClass } from "@/app/(admin)/admin/_components/overview/overview-styles";
import { Stat } from "@/app/(admin)/admin/_components/overview/stat";
import { formatRelative } from "@/lib/format";
import { DELIVERY_WINDOW_HOURS, type ChannelHealth } from "@/server/queries/console-overview";

const alarming = (count: number) => `font-semibold tabular-nums ${count ? "text-red-800 dark:text-red-300" : ""}`;

/** One delivery channel's queue: waiting, retrying and given up, and how long the oldest has waited. */
export function DeliveryHealth({ label, health, now }: { label: string; health: ChannelHealth; now: Date }) {
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
    </div>
  );
}
