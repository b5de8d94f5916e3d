"use client";

import { useActionState } from "react";
import { updateSubscriptionAction } from "@/app/(public)/subscribe/actions";
import { FormAlert, SubscribeComponentPicker, SubscribeSubmit, type PickerGroup } from "@/components/subscribe-fields";

export function ManageComponentsForm(props: {
  token: string;
  groups: PickerGroup[];
  allComponents: boolean;
  selected: string[];
}) {
  const [state, action] = useActionState(updateSubscriptionAction, null);
  const failed = state && !state.ok ? state : null;
  const selected = failed && Array.isArray(failed.values?.componentIds) ? failed.values.componentIds : props.selected;
  const allComponents = failed ? failed.values?.scope !== "some" : props.allComponents;
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="token" value={props.token} />
      {state?.ok && state.kind === "saved" ? (
        <p
          role="status"
          className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-900 dark:bg-green-950 dark:text-green-100"
        >
          {state.message}
        </p>
      ) : null}
      <FormAlert message={failed?.formError} />
      <SubscribeComponentPicker
        key={JSON.stringify(state)}
        groups={props.groups}
        allComponents={allComponents}
        selected={selected}
        error={failed?.fieldErrors?.componentIds}
      />
      <SubscribeSubmit pendingLabel="Saving…">Save components</SubscribeSubmit>
    </form>
  );
}
