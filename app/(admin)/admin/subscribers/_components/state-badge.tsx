import type { SubscriberState } from "@/server/queries/subscribers";

const STYLES: Record<SubscriberState, string> = {
  active: "bg-green-100 text-green-900 dark:bg-green-950 dark:text-green-200",
  pending: "bg-zinc-100 text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200",
  unsubscribed: "bg-zinc-100 text-zinc-600 dark:bg-zinc-800 dark:text-zinc-400",
  disabled: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
};

const LABELS: Record<SubscriberState, string> = {
  active: "Active",
  pending: "Awaiting confirmation",
  unsubscribed: "Unsubscribed",
  disabled: "Disabled",
};

export function StateBadge({ state }: { state: SubscriberState }) {
  return (
    <span className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium ${STYLES[state]}`}>{LABELS[state]}</span>
  );
}
