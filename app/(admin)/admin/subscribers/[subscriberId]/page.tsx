import type { Metadata } from "next";
import Link from "next/link";
import { pageActor } from "@/app/(admin)/admin/_lib/page-actor";
import { NotAllowed } from "@/app/(admin)/admin/_components/not-allowed";
import { Section } from "@/app/(admin)/admin/_components/section";
import { getSubscriberDetail } from "@/server/queries/subscribers";
import { roleAtLeast } from "@/lib/status";
import { formatUtcDateTime } from "@/lib/format";
import { DeliveryLog } from "@/app/(admin)/admin/subscribers/_components/delivery-log";
import { ReenableSubscriberForm } from "@/app/(admin)/admin/subscribers/_components/reenable-subscriber-form";
import { RemoveSubscriberForm } from "@/app/(admin)/admin/subscribers/_components/remove-subscriber-form";
import { StateBadge } from "@/app/(admin)/admin/subscribers/_components/state-badge";

export const metadata: Metadata = { title: "Subscriber" };

const listLinkClass = "text-blue-700 underline dark:text-blue-300";

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
          <Link href="/admin/subscribers" className={listLinkClass}>
            Back to subscribers
          </Link>
        </p>
      </div>
    );
  }
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href="/admin/subscribers" className={listLinkClass}>
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
      <Section id="log-heading" title="Delivery log">
        <DeliveryLog deliveries={subscriber.deliveries} />
      </Section>
    </div>
  );
}
