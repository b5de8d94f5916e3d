"use client";

import { FormMessage, SubmitButton } from "@/app/(admin)/admin/_components/form-bits";
import { ConsoleForm, useConsoleAction } from "@/app/(admin)/admin/_components/console-form";
import { HiddenFields } from "@/app/(admin)/admin/_components/hidden-fields";
import { removeSubscriberAction } from "@/app/(admin)/admin/subscribers/actions";

/** Removes a subscriber and its delivery log; from its own page, `returnToList` goes back to the list. */
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
      <HiddenFields values={{ subscriberId, returnTo: returnToList ? "list" : undefined }} />
      <SubmitButton
        variant="danger"
        pendingLabel="Removing…"
        confirm={`Remove ${address}? Its delivery log is deleted too.`}
      >
        <span>
          Remove<span className="sr-only"> {address}</span>
        </span>
      </SubmitButton>
      <FormMessage state={state} />
    </ConsoleForm>
  );
}
