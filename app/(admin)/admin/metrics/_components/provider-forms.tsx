"use client";

import { ButtonForm } from "@/app/(admin)/admin/_components/button-form";
import { CheckboxField, FormMessage, InputField, SubmitButton } from "@/app/(admin)/admin/_components/form-bits";
import { ConsoleForm, useConsoleAction } from "@/app/(admin)/admin/_components/console-form";
import { HiddenFields } from "@/app/(admin)/admin/_components/hidden-fields";
import { createProviderAction, deleteProviderAction, updateProviderAction } from "@/app/(admin)/admin/metrics/actions";

const AUTHORIZATION_HINT = "Optional, e.g. Bearer <token> or Basic <base64>. Stored sealed and never shown again.";

/** Links the one provider that takes pushed data. */
export function LinkSelfProviderButton() {
  return (
    <ButtonForm
      action={createProviderAction}
      fields={{ type: "self" }}
      className="space-y-2"
      variant="secondary"
      pendingLabel="Linking…"
    >
      Link Self provider
    </ButtonForm>
  );
}

export function LinkPrometheusForm() {
  const [state, action, resetKey] = useConsoleAction(createProviderAction, { clearOnSuccess: true });
  return (
    <ConsoleForm key={resetKey} action={action} state={state} className="space-y-3">
      <HiddenFields values={{ type: "prometheus" }} />
      <FormMessage state={state} />
      <InputField
        id="new-provider-baseUrl"
        label="Prometheus URL"
        hint="The base address of its HTTP API, e.g. http://prometheus:9090 (Thanos, Mimir and VictoriaMetrics too)."
        name="baseUrl"
        type="url"
        placeholder="http://prometheus:9090"
      />
      <InputField
        id="new-provider-authorization"
        label="Authorization header"
        hint={AUTHORIZATION_HINT}
        name="authorization"
        type="password"
        autoComplete="off"
      />
      <SubmitButton variant="secondary" pendingLabel="Linking…">
        Link Prometheus
      </SubmitButton>
    </ConsoleForm>
  );
}

export function EditPrometheusForm({
  provider,
}: {
  provider: { id: string; baseUrl: string | null; authorizationSet: boolean; disabled: boolean };
}) {
  const [state, action, resetKey] = useConsoleAction(updateProviderAction, { clearOnSuccess: true });
  return (
    <ConsoleForm key={resetKey} action={action} state={state} className="space-y-3">
      <HiddenFields values={{ providerId: provider.id }} />
      <FormMessage state={state} />
      <InputField
        id={`${provider.id}-baseUrl`}
        label="Prometheus URL"
        name="baseUrl"
        type="url"
        fallback={provider.baseUrl ?? ""}
      />
      <InputField
        id={`${provider.id}-authorization`}
        label="New Authorization header"
        hint={`${provider.authorizationSet ? "A header is set; leave blank to keep it." : "None is set."} ${AUTHORIZATION_HINT}`}
        name="authorization"
        type="password"
        autoComplete="off"
      />
      {provider.authorizationSet ? (
        <CheckboxField name="clearAuthorization" fallback={false}>
          Remove the stored Authorization header
        </CheckboxField>
      ) : null}
      <CheckboxField name="disabled" fallback={provider.disabled}>
        Paused (its metrics are not polled)
      </CheckboxField>
      <SubmitButton variant="secondary">Save provider</SubmitButton>
    </ConsoleForm>
  );
}

export function RemoveProviderButton({
  providerId,
  label,
  metricCount,
}: {
  providerId: string;
  label: string;
  metricCount: number;
}) {
  return (
    <ButtonForm
      action={deleteProviderAction}
      fields={{ providerId }}
      className="space-y-1"
      compact
      variant="danger"
      pendingLabel="Removing…"
      accessibleName={`Remove ${label}`}
      confirm={`Remove ${label}? ${metricCount === 0 ? "It has no metrics." : metricCount === 1 ? "Its metric is deleted with all its data." : `Its ${metricCount} metrics are deleted with all their data.`}`}
    >
      Remove
    </ButtonForm>
  );
}
