"use client";

import { useActionState } from "react";
import { subscribeAction } from "@/app/(public)/subscribe/actions";
import { FieldError, FormAlert, SubscribeSubmit, subscribeInputClass } from "@/components/subscribe-fields";

/** "Notify me about this incident": an email subscription to one incident, with the same double opt-in. */
export function SubscribeToIncidentForm({ incidentId }: { incidentId: string }) {
  const [state, action] = useActionState(subscribeAction, null);
  if (state?.ok) {
    return (
      <p
        role="status"
        className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-900 dark:bg-green-950 dark:text-green-100"
      >
        Check your inbox: open the confirmation link to get updates about this incident.
      </p>
    );
  }
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const emailError = errors?.email ?? errors?.incidentId;
  const submitted = state && !state.ok && typeof state.values?.email === "string" ? state.values.email : "";
  return (
    <form
      key={JSON.stringify(state)}
      action={action}
      className="space-y-2"
      noValidate
      aria-labelledby="incident-subscribe-heading"
    >
      <h2 id="incident-subscribe-heading" className="text-sm font-semibold">
        Notify me about this incident
      </h2>
      <input type="hidden" name="kind" value="email" />
      <input type="hidden" name="incidentId" value={incidentId} />
      <FormAlert message={state && !state.ok && !emailError ? state.formError : undefined} />
      <div className="flex flex-wrap items-start gap-2">
        <div className="min-w-56 flex-1 space-y-1">
          <label htmlFor="incident-subscribe-email" className="sr-only">
            Email address for updates about this incident
          </label>
          <input
            id="incident-subscribe-email"
            name="email"
            type="email"
            autoComplete="email"
            placeholder="you@example.com"
            defaultValue={submitted}
            aria-invalid={emailError ? true : undefined}
            aria-describedby={emailError ? "incident-subscribe-error" : undefined}
            className={subscribeInputClass}
          />
          <FieldError id="incident-subscribe-error" messages={emailError} />
        </div>
        <SubscribeSubmit pendingLabel="Subscribing…">Notify me</SubscribeSubmit>
      </div>
    </form>
  );
}
