import { AttemptTable } from "@/app/(admin)/admin/subscribers/_components/attempt-table";
import { formatUtcDateTime } from "@/lib/format";
import type { getSubscriberDetail } from "@/server/queries/subscribers";

type Delivery = NonNullable<Awaited<ReturnType<typeof getSubscriberDetail>>>["deliveries"][number];

const DELIVERY_LABELS = {
  pending: "Queued",
  sending: "Sending",
  delivered: "Delivered",
  failed: "Retrying",
  dead: "Gave up",
} as const;

/** What was sent to a subscriber, newest first, each with its attempts. */
export function DeliveryLog({ deliveries }: { deliveries: Delivery[] }) {
  if (deliveries.length === 0)
    return <p className="text-sm text-zinc-600 dark:text-zinc-400">Nothing has been sent to this subscriber yet.</p>;
  return (
    <ol className="space-y-3">
      {deliveries.map((delivery) => (
        <li
          key={delivery.id}
          className="rounded-md border border-zinc-200 bg-white p-3 text-sm dark:border-zinc-800 dark:bg-zinc-900"
        >
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <p className="font-medium">{delivery.subject}</p>
            <p>
              <span className="font-medium">{DELIVERY_LABELS[delivery.status]}</span>
              {delivery.status === "failed" ? ` · next try ${formatUtcDateTime(delivery.nextAttemptAt)}` : null}
              {delivery.deliveredAt ? ` · ${formatUtcDateTime(delivery.deliveredAt)}` : null}
            </p>
          </div>
          <p className="text-xs text-zinc-600 dark:text-zinc-400">
            {delivery.eventType} · queued {formatUtcDateTime(delivery.createdAt)} · delivery id{" "}
            <code>{delivery.id}</code>
          </p>
          {delivery.lastError ? (
            <p className="mt-1 text-red-800 dark:text-red-300">Last error: {delivery.lastError}</p>
          ) : null}
          {delivery.attemptLog.length ? <AttemptTable deliveryId={delivery.id} attempts={delivery.attemptLog} /> : null}
        </li>
      ))}
    </ol>
  );
}
