import Link from "next/link";
import { Card } from "@/app/(admin)/admin/_components/card";
import { DeliveryHealth } from "@/app/(admin)/admin/_components/overview/delivery-health";
import { linkClass, noteClass } from "@/app/(admin)/admin/_components/overview/overview-styles";
import { SeeAllLink } from "@/app/(admin)/admin/_components/overview/see-all-link";
import { Stat } from "@/app/(admin)/admin/_components/overview/stat";
import type { ConsoleOverview } from "@/server/queries/console-overview";

const count = "text-xl font-semibold tabular-nums";

/** How many subscribe, and whether their notifications are getting through. */
export function SubscribersCard({ overview, isOwner }: { overview: ConsoleOverview; isOwner: boolean }) {
  const { subscribers, deliveries, failingWebhooks } = overview;
  const now = overview.generatedAt;
  return (
    <Card
      id="notifications-heading"
      title="Subscribers and deliveries"
      action={isOwner ? <SeeAllLink href="/admin/subscribers">All subscribers</SeeAllLink> : null}
    >
      <dl className="grid grid-cols-3 gap-2 text-sm">
        <Stat label="Email" value={subscribers.email} className={count} />
        <Stat label="Webhooks" value={subscribers.webhook} className={count} />
        <Stat label="Unconfirmed" value={subscribers.awaitingConfirmation} className={count} />
      </dl>
      <DeliveryHealth label="Email deliveries" health={deliveries.email} now={now} />
      <DeliveryHealth label="Webhook deliveries" health={deliveries.webhook} now={now} />
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
                <span className={noteClass}>
                  {hook.disabled
                    ? "disabled"
                    : `${hook.consecutiveFailures} failure${hook.consecutiveFailures === 1 ? "" : "s"} in a row`}
                </span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </Card>
  );
}
