"use client";

import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/app/(admin)/admin/_components/form-bits";
import { reenableSubscriberAction, removeSubscriberAction } from "@/app/(admin)/admin/subscribers/actions";

export function RemoveSubscriberForm({ subscriberId, address, returnToList }: { subscriberId: string; address: string; returnToList?: boolean }) {
  const [state, action] = useActionState(removeSubscriberAction, null);
  return (
    <form action={action} className="inline-flex flex-col items-start gap-1">
      <input type="hidden" name="subscriberId" value={subscriberId} />
      {returnToList ? <input type="hidden" name="returnTo" value="list" /> : null}
      <SubmitButton variant="danger" pendingLabel="Removing…" confirm={`Remove ${address}? Its delivery log is deleted too.`}>
        <span>Remove<span className="sr-only"> {address}</span></span>
      </SubmitButton>
      {state && !state.ok ? <FormMessage state={state} /> : null}
    </form>
  );
}

export function ReenableSubscriberForm({ subscriberId }: { subscriberId: string }) {
  const [state, action] = useActionState(reenableSubscriberAction, null);
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="subscriberId" value={subscriberId} />
      <FormMessage state={state} />
      <SubmitButton variant="secondary" pendingLabel="Re-enabling…">Re-enable webhook</SubmitButton>
    </form>
  );
}
