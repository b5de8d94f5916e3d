import type { Metadata } from "next";
import { PublicLink } from "@/components/public-link";
import { getComponentTree } from "@/server/queries/public-status";
import { getSubscriptionByManageToken } from "@/server/queries/subscribers";
import { unsubscribeAction } from "@/app/(public)/subscribe/actions";
import { TokenActionForm } from "@/app/(public)/subscribe/_components/token-action-form";
import { ManageComponentsForm } from "@/app/(public)/subscribe/_components/manage-components-form";
import { pickerGroups } from "@/app/(public)/subscribe/_components/picker-groups";

export const metadata: Metadata = {
  title: "Manage your subscription",
  robots: { index: false },
  referrer: "no-referrer",
};

export default async function ManagePage({
  params,
  searchParams,
}: {
  params: Promise<{ token: string }>;
  searchParams: Promise<{ confirmed?: string }>;
}) {
  const { token } = await params;
  const [subscription, tree, query] = await Promise.all([
    getSubscriptionByManageToken(token),
    getComponentTree(),
    searchParams,
  ]);
  if (!subscription) {
    return (
      <section className="max-w-xl space-y-4">
        <h1 className="text-2xl font-semibold">Subscription not found</h1>
        <p className="text-zinc-700 dark:text-zinc-300">
          This link is not valid any more; the subscription may have been removed.
        </p>
        <p>
          <PublicLink className="text-blue-700 underline dark:text-blue-300" href="/subscribe">
            Subscribe to updates
          </PublicLink>
        </p>
      </section>
    );
  }
  return (
    <section aria-labelledby="manage-heading" className="max-w-2xl space-y-6">
      <h1 id="manage-heading" className="text-2xl font-semibold">
        Manage your subscription
      </h1>
      {query.confirmed === "1" && subscription.confirmed ? (
        <p
          role="status"
          className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-900 dark:bg-green-950 dark:text-green-100"
        >
          Your subscription is confirmed. You will receive updates from now on.
        </p>
      ) : null}
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="font-medium">{subscription.kind === "email" ? "Email" : "Webhook URL"}</dt>
        <dd className="break-all">{subscription.address}</dd>
        <dt className="font-medium">Status</dt>
        <dd>
          {subscription.unsubscribed
            ? "Unsubscribed"
            : subscription.disabledReason
              ? `Disabled: ${subscription.disabledReason}`
              : subscription.confirmed
                ? "Active"
                : "Waiting for confirmation"}
        </dd>
        {subscription.incident ? (
          <>
            <dt className="font-medium">Incident</dt>
            <dd>
              <PublicLink
                className="text-blue-700 underline dark:text-blue-300"
                href={`/incidents/${subscription.incident.id}`}
              >
                {subscription.incident.name}
              </PublicLink>
            </dd>
          </>
        ) : null}
      </dl>
      {subscription.unsubscribed ? (
        <p>
          <PublicLink className="text-blue-700 underline dark:text-blue-300" href="/subscribe">
            Subscribe again
          </PublicLink>
        </p>
      ) : (
        <>
          {subscription.incident ? null : (
            <ManageComponentsForm
              token={token}
              groups={pickerGroups(tree)}
              allComponents={subscription.allComponents}
              selected={subscription.componentIds}
            />
          )}
          <div className="space-y-2 border-t border-zinc-200 pt-4 dark:border-zinc-800">
            <h2 className="text-lg font-semibold">Unsubscribe</h2>
            <p className="text-sm text-zinc-700 dark:text-zinc-300">
              Stop all updates to this {subscription.kind === "email" ? "address" : "URL"}.
            </p>
            <TokenActionForm token={token} action={unsubscribeAction} pendingLabel="Unsubscribing…" variant="danger">
              Unsubscribe
            </TokenActionForm>
          </div>
        </>
      )}
    </section>
  );
}
