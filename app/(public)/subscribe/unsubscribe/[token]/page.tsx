import type { Metadata } from "next";
import { PublicLink } from "@/components/public-link";
import { getSubscriptionByManageToken } from "@/server/queries/subscribers";
import { unsubscribeAction } from "@/app/(public)/subscribe/actions";
import { TokenActionForm } from "@/app/(public)/subscribe/_components/token-action-form";

export const metadata: Metadata = { title: "Unsubscribe", robots: { index: false }, referrer: "no-referrer" };

export default async function UnsubscribePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const subscription = await getSubscriptionByManageToken(token);
  if (!subscription) {
    return (
      <section className="max-w-xl space-y-4">
        <h1 className="text-2xl font-semibold">Subscription not found</h1>
        <p className="text-zinc-700 dark:text-zinc-300">
          This link is not valid any more; the subscription may have been removed. You will not receive further updates.
        </p>
      </section>
    );
  }
  if (subscription.unsubscribed) {
    return (
      <section className="max-w-xl space-y-4">
        <h1 className="text-2xl font-semibold">You are unsubscribed</h1>
        <p role="status" className="text-zinc-700 dark:text-zinc-300">
          <strong className="break-all">{subscription.address}</strong> will not receive any more updates.
        </p>
        <p>
          <PublicLink className="text-blue-700 underline dark:text-blue-300" href="/subscribe">
            Subscribe again
          </PublicLink>
        </p>
      </section>
    );
  }
  return (
    <section aria-labelledby="unsubscribe-heading" className="max-w-xl space-y-4">
      <h1 id="unsubscribe-heading" className="text-2xl font-semibold">
        Unsubscribe
      </h1>
      <p className="text-zinc-700 dark:text-zinc-300">
        Stop sending updates to <strong className="break-all">{subscription.address}</strong>
        {subscription.incident ? <> about &ldquo;{subscription.incident.name}&rdquo;</> : null}?
      </p>
      <TokenActionForm token={token} action={unsubscribeAction} pendingLabel="Unsubscribing…" variant="danger">
        Unsubscribe
      </TokenActionForm>
    </section>
  );
}
