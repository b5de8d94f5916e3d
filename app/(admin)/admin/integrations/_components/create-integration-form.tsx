"use client";

import { FormMessage, InputField, SelectField, SubmitButton } from "@/app/(admin)/admin/_components/form-bits";
import { ConsoleForm, useConsoleAction } from "@/app/(admin)/admin/_components/console-form";
import { EnumOptions } from "@/app/(admin)/admin/_components/options";
import { SecretShownOnce } from "@/app/(admin)/admin/_components/secret-shown-once";
import { DampingFields } from "@/app/(admin)/admin/integrations/_components/damping-fields";
import { createIntegrationAction } from "@/app/(admin)/admin/integrations/actions";
import { ALERT_SOURCES, ALERT_SOURCE_LABELS } from "@/lib/integrations";

export function CreateIntegrationForm({ baseUrl }: { baseUrl: string }) {
  const [state, action, resetKey] = useConsoleAction(createIntegrationAction, { clearOnSuccess: true });
  return (
    <div className="space-y-4">
      {state?.ok && state.token ? (
        <SecretShownOnce
          message={<>Integration “{state.integrationName}” created. Copy its token now: it will not be shown again.</>}
          fields={[
            {
              id: "new-integration-url",
              label: "URL",
              copyName: "URL",
              value: `${baseUrl}/api/integrations/${state.integrationId}`,
            },
            {
              id: "new-integration-token",
              label: (
                <>
                  Token (send as <code>Authorization: Bearer …</code>)
                </>
              ),
              copyName: "token",
              value: state.token,
            },
          ]}
        />
      ) : null}
      <ConsoleForm key={resetKey} action={action} state={state} className="space-y-3">
        <FormMessage state={state} />
        <InputField
          id="integration-name"
          label="Name"
          hint="Which monitoring sends to it, e.g. “Prometheus prod”."
          name="name"
          maxLength={100}
        />
        <SelectField id="integration-source" label="Source" name="source" fallback="alertmanager">
          <EnumOptions values={ALERT_SOURCES} labels={ALERT_SOURCE_LABELS} />
        </SelectField>
        <DampingFields idPrefix="integration" />
        <SubmitButton pendingLabel="Creating…">Create integration</SubmitButton>
      </ConsoleForm>
    </div>
  );
}
