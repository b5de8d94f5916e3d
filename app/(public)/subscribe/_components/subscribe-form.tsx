"use client";

import { useActionState, useState } from "react";
import { subscribeAction } from "@/app/(public)/subscribe/actions";
import type { SubscribeState } from "@/app/(public)/subscribe/_lib";
import {
  FieldError,
  FormAlert,
  SubscribeComponentPicker,
  SubscribeSubmit,
  subscribeInputClass,
  type PickerGroup,
} from "@/components/subscribe-fields";
import type { SubscriberKind } from "@/lib/status";

function valueOf(state: SubscribeState, name: string): string {
  if (state && !state.ok && state.values && typeof state.values[name] === "string") return state.values[name];
  return "";
}

/** `emailOffered` false (no mail server configured): webhooks only. */
export function SubscribeForm({ groups, emailOffered }: { groups: PickerGroup[]; emailOffered: boolean }) {
  const [state, action] = useActionState(subscribeAction, null);
  // Remount the fields on every answer so their state starts from what was submitted.
  return (
    <SubscribeFields
      key={JSON.stringify(state)}
      groups={groups}
      state={state}
      action={action}
      emailOffered={emailOffered}
    />
  );
}

function SubscribeFields({
  groups,
  state,
  action,
  emailOffered,
}: {
  groups: PickerGroup[];
  state: SubscribeState;
  action: (formData: FormData) => void;
  emailOffered: boolean;
}) {
  const [chosen, setKind] = useState<SubscriberKind>(() =>
    valueOf(state, "kind") === "webhook" ? "webhook" : "email",
  );
  const kind: SubscriberKind = emailOffered ? chosen : "webhook";

  if (state?.ok && state.kind === "email") {
    return (
      <div
        role="status"
        className="space-y-2 rounded-md border border-green-200 bg-green-50 p-4 text-green-900 dark:border-green-900 dark:bg-green-950 dark:text-green-100"
      >
        <p className="font-medium">Check your inbox</p>
        <p className="text-sm">
          We sent a confirmation link to <strong>{state.email}</strong>. Nothing will be sent until you open it.
        </p>
      </div>
    );
  }
  if (state?.ok && state.kind === "webhook") {
    return (
      <div
        role="status"
        className="space-y-3 rounded-md border border-green-200 bg-green-50 p-4 text-green-900 dark:border-green-900 dark:bg-green-950 dark:text-green-100"
      >
        <p className="font-medium">Webhook subscribed</p>
        <p className="text-sm">
          Copy this signing secret now; it is shown only once. Use it to verify the <code>X-Statuspage-Signature</code>{" "}
          header of every request.
        </p>
        <label htmlFor="signing-secret" className="block text-sm font-medium">
          Signing secret
        </label>
        <input
          id="signing-secret"
          readOnly
          value={state.signingSecret}
          className={`${subscribeInputClass} font-mono`}
          onFocus={(e) => e.currentTarget.select()}
        />
        <p className="text-sm">
          Keep this link to change components or unsubscribe:{" "}
          <a className="break-all underline" href={state.manageUrl}>
            {state.manageUrl}
          </a>
        </p>
      </div>
    );
  }

  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const selected = state && !state.ok && Array.isArray(state.values?.componentIds) ? state.values.componentIds : [];
  return (
    <form action={action} className="space-y-5" noValidate>
      <FormAlert message={state && !state.ok ? state.formError : undefined} />
      {emailOffered ? (
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">How should we notify you?</legend>
          <div className="flex flex-wrap gap-4 text-sm">
            <label className="inline-flex items-center gap-2">
              <input
                type="radio"
                name="kind"
                value="email"
                checked={kind === "email"}
                onChange={() => setKind("email")}
              />
              Email
            </label>
            <label className="inline-flex items-center gap-2">
              <input
                type="radio"
                name="kind"
                value="webhook"
                checked={kind === "webhook"}
                onChange={() => setKind("webhook")}
              />
              Webhook
            </label>
          </div>
        </fieldset>
      ) : (
        <input type="hidden" name="kind" value="webhook" />
      )}
      {kind === "email" ? (
        <div className="space-y-1">
          <label htmlFor="subscribe-email" className="block text-sm font-medium">
            Email address
          </label>
          <input
            id="subscribe-email"
            name="email"
            type="email"
            autoComplete="email"
            defaultValue={valueOf(state, "email")}
            aria-invalid={errors?.email ? true : undefined}
            aria-describedby={errors?.email ? "email-error" : undefined}
            className={subscribeInputClass}
          />
          <FieldError id="email-error" messages={errors?.email} />
        </div>
      ) : (
        <div className="space-y-1">
          <label htmlFor="subscribe-endpoint" className="block text-sm font-medium">
            Webhook URL
          </label>
          <input
            id="subscribe-endpoint"
            name="endpoint"
            type="url"
            inputMode="url"
            placeholder="https://example.com/hooks/status"
            defaultValue={valueOf(state, "endpoint")}
            aria-invalid={errors?.endpoint ? true : undefined}
            aria-describedby={`endpoint-hint${errors?.endpoint ? " endpoint-error" : ""}`}
            className={subscribeInputClass}
          />
          <p id="endpoint-hint" className="text-xs text-zinc-600 dark:text-zinc-400">
            We POST JSON to this URL for incident updates and component changes. It must use https and be reachable from
            the internet.
          </p>
          <FieldError id="endpoint-error" messages={errors?.endpoint} />
        </div>
      )}
      <SubscribeComponentPicker
        groups={groups}
        allComponents={valueOf(state, "scope") !== "some"}
        selected={selected}
        error={errors?.componentIds}
      />
      <SubscribeSubmit pendingLabel="Subscribing…">Subscribe</SubscribeSubmit>
    </form>
  );
}
