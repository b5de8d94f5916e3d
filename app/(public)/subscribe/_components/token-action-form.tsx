"use client";

import { useActionState, type ReactNode } from "react";
import type { SubscribeState } from "@/app/(public)/subscribe/_lib";
import { FormAlert, SubscribeSubmit } from "@/components/subscribe-fields";

/** A single-button form that posts the link's token; used for confirm and unsubscribe so link scanners never trigger them. */
export function TokenActionForm(props: {
  token: string;
  action: (state: SubscribeState, formData: FormData) => Promise<SubscribeState>;
  children: ReactNode;
  pendingLabel: string;
  variant?: "primary" | "danger" | "secondary";
}) {
  const [state, action] = useActionState(props.action, null);
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="token" value={props.token} />
      <FormAlert message={state && !state.ok ? state.formError : undefined} />
      <SubscribeSubmit pendingLabel={props.pendingLabel} variant={props.variant}>
        {props.children}
      </SubscribeSubmit>
    </form>
  );
}
