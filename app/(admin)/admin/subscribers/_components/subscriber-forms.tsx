"use client";

import { FormMessage, SubmitButton } from "@/app/(admin)/admin/_components/form-bits";
import { ConsoleForm, useConsoleAction } from "@/app/(admin)/admin/_components/console-form";
import { reenableSubscriberAction, removeSubscriberAction } from "@/app/(admin)/admin/subscribers/actions";

export function RemoveSubscriberForm({
  subscriberId,
  address,
  returnToList,
}: {
  subscriberId: string;
  address: string;
  returnToList?: boolean;
}) {
  const [state, action] = useConsoleAction(removeSubscriberAction);
  return (
    <ConsoleForm action={action} state={state} className="inline-flex flex-col items-start gap-1">
      <input type="hidden" name="subscriberId" value={subscriberId} />
      {returnToList ? <input type="hidden" name="returnTo" value="list" /> : null}
      <SubmitButton
        variant="danger"
        pendingLabel="Removing…"
        confirm={`Remove ${address}? Its delivery log is deleted too.`}
      >
        <span>
          Remove<span className="sr-only"> {address}</span>
        </span>
      </SubmitButton>
      {state && !state.ok ? <FormMessage state={state} /> : null}
    </ConsoleForm>
  );
}

export function ReenableSubscriberForm({ subscriberId }: { subscriberId: string }) {
  const [state, action] = useConsoleAction(reenableSubscriberAction);
  return (
    <ConsoleForm action={action} state={state} className="space-y-2">
      <input type="hidden" name="subscriberId" value={subscriberId} />
      <FormMessage state={state} />
      <SubmitButton variant="secondary" pendingLabel="Re-enabling…">
        Re-enable webhook
      </SubmitButton>
    </ConsoleForm>
  );
}
