"use client";

import { FormMessage, InputField, SelectField, SubmitButton } from "@/app/(admin)/admin/_components/form-bits";
import { ConsoleForm, useConsoleAction } from "@/app/(admin)/admin/_components/console-form";
import { SecretShownOnce } from "@/app/(admin)/admin/_components/secret-shown-once";
import { createApiKeyAction } from "@/app/(admin)/admin/api-keys/actions";

export function CreateApiKeyForm() {
  const [state, action, resetKey] = useConsoleAction(createApiKeyAction, { clearOnSuccess: true });
  return (
    <div className="space-y-4">
      {state?.ok && state.token ? (
        <SecretShownOnce
          message={<>Key “{state.keyName}” created. Copy it now: it will not be shown again.</>}
          fields={[
            { id: "new-api-key", label: "New API key", value: state.token, hideLabel: true, copyName: "API key" },
          ]}
        />
      ) : null}
      <ConsoleForm key={resetKey} action={action} state={state} className="space-y-3">
        <FormMessage state={state} />
        <InputField
          id="api-key-name"
          label="Name"
          hint="What uses it, e.g. “PagerDuty” or “Chat bot”."
          name="name"
          maxLength={100}
        />
        <SelectField
          id="api-key-role"
          label="Role"
          hint="Responders can declare and update incidents; viewers can only read; owners can also change the page's profile (name, links, time zone). Give each script the least it needs."
          name="role"
          fallback="responder"
        >
          <option value="responder">Responder</option>
          <option value="viewer">Viewer</option>
          <option value="owner">Owner</option>
        </SelectField>
        <SubmitButton pendingLabel="Creating…">Create API key</SubmitButton>
      </ConsoleForm>
    </div>
  );
}
