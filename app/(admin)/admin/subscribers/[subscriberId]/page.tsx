import type { Metadata } from "next";
import Link from "next/link";
import { pageActor } from "@/app/(admin)/admin/_lib/page-actor";
import { NotAllowed } from "@/app/(admin)/admin/_components/not-allowed";
import { getSubscriberDetail } from "@/server/queries/subscribers";
import { roleAtLeast } from "@/lib/status";
import { formatUtcDateTime } from "@/lib/format";
import {
  ReenableSubscriberForm,
  RemoveSubscriberForm,
} from "@/app/(admin)/admin/subscribers/_components/subscriber-forms";
import { StateBadge } from "@/app/(admin)/admin/subscribers/_components/state-badge";

export const metadata: Metadata = { title: "Subscriber" };

const DELIVERY_LABELS = {
  pending: "Queued",
  sending: "Sending",
  delivered: "Delivered",
  failed: "Retrying",
  dead: "Gave up",
} as const;

export default async function SubscriberPage({ params }: { params: Promise<{ subscriberId: string }> }) {
  const actor = await pageActor();
  if (!roleAtLeast(actor.role, "owner")) return <NotAllowed role="owner" />;
  const { subscriberId } = await params;
  const subscriber = await getSubscriberDetail(actor, subscriberId);
  if (!subscriber) {
    return (
      <div className="space-y-3">
        <h1 className="text-2xl font-semibold">Subscriber not found</h1>
        <p>
          <Link href="/admin/subscribers" className="text-blue-700 underline dark:text-blue-300">
            Back to subscribers
          </Link>
        </p>
      </div>
    );
  }
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href="/admin/subscribers" className="text-blue-700 underline dark:text-blue-300">
          ← Subscribers
        </Link>
      </p>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="break-all text-2xl font-semibold">{subscriber.address}</h1>
          <p className="text-sm text-zinc-700 dark:text-zinc-300">
            {subscriber.kind === "email" ? "Email" : "Webhook"} · {subscriber.scope} · since{" "}
            {formatUtcDateTime(subscriber.createdAt)} · <StateBadge state={subscriber.state} />
          </p>
        </div>
        <RemoveSubscriberForm subscriberId={subscriber.id} address={subscriber.address} returnToList />
      </div>
      {subscriber.disabledReason ? (
        <div
          role="alert"
          className="space-y-3 rounded-md border border-red-200 bg-red-50 p-4 text-sm text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
        >
          <p>
            <strong>Disabled.</strong> {subscriber.disabledReason}
          </p>
          <ReenableSubscriberForm subscriberId={subscriber.id} />
        </div>
      ) : null}
      <section aria-labelledby="log-heading" className="space-y-3">
        <h2 id="log-heading" className="text-lg font-semibold">
          Delivery log
        </h2>
        {subscriber.deliveries.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">Nothing has been sent to this subscriber yet.</p>
        ) : (
          <ol className="space-y-3">
            {subscriber.deliveries.map((delivery) => (
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
                {delivery.attemptLog.length ? (
                  <table className="mt-2 w-full text-left text-xs">
                    <caption className="sr-only">Attempts for delivery {delivery.id}</caption>
                    <thead className="text-zinc-600 dark:text-zinc-400">
                      <tr>
                        <th scope="col" className="py-1 pr-3">
                          Attempt
                        </th>
                        <th scope="col" className="py-1 pr-3">
                          At
                        </th>
                        <th scope="col" className="py-1 pr-3">
                          Result
                        </th>
                        <th scope="col" className="py-1 pr-3">
                          Time
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {delivery.attemptLog.map((attempt) => (
                        <tr key={attempt.id} className="border-t border-zinc-100 dark:border-zinc-800">
                          <td className="py-1 pr-3">{attempt.attempt}</td>
                          <td className="py-1 pr-3 whitespace-nowrap">{formatUtcDateTime(attempt.at)}</td>
                          <td className="py-1 pr-3">
                            {attempt.ok ? "OK" : "Failed"}
                            {attempt.statusCode ? ` (HTTP ${attempt.statusCode})` : ""}
                            {attempt.error && !attempt.ok ? ` - ${attempt.error}` : ""}
                          </td>
                          <td className="py-1 pr-3">{attempt.durationMs} ms</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
